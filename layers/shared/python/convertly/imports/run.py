"""The import run: the `import_runner` consumer's work (docs/imports.md).

1. The uploaded file's S3 ObjectCreated notification reaches the runner's queue: the file is read
   once, checked and rewritten as a UTF-8 CSV (`rows.csv`); its header, first rows and row count go
   on the import, which is then ready to map.
2. Starting the import queues `ImportStarted`; each message runs one chunk of rows from the
   checkpoint (a byte offset and a row number) and then, in one transaction, moves the checkpoint,
   adds the chunk's counts and queues the next chunk (`ImportContinued`) or finishes.
3. Each row that writes puts its row marker in the same transaction. A chunk delivered again (the
   function stopped before its checkpoint) reads its rows' markers first and counts those rows
   from them instead of writing them again, so the counts come out the same.

Imported leads' and contacts' events carry `import_id`: counters, analytics and smart lists see them
as any others, while the notifier leaves them out and the importer gets one summary instead.
"""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import tempfile
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from pynamodb.exceptions import UpdateError

from convertly.accounts import service as accounts
from convertly.billing import service as usage
from convertly.contacts import service as contacts
from convertly.fields import service as fields
from convertly.imports import files, keys, mapping, parsing
from convertly.imports.items import ImportItem, ImportRowItem, as_plain
from convertly.imports.use_cases import RUNNING, find_import
from convertly.leads import service as leads
from convertly.notifications import service as notifications
from convertly.permissions import Role
from convertly.pipelines.service import pipelines_of
from convertly.platform import uploads
from convertly.platform.changelog import record_change
from convertly.platform.clock import iso, new_id, now
from convertly.platform.errors import ConflictError, NotFoundError, PaymentRequiredError, ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.principal import Principal
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

log = logging.getLogger(__name__)

CHUNK = 200  # rows per message: a few seconds of writes, well inside the function's timeout
UNDO_CHUNK = 50
MARKER_DAYS = 30  # row markers outlive the undo window
WRITE_ATTEMPTS = 3
PROBLEMS_PREFIX = "problems/"


# 1. The upload ---------------------------------------------------------------------------------


def handle_upload(key: str, size: int) -> None:
    """An object landed in the uploads bucket: inspect it if it is an import's source file."""
    parts = key.split("/")
    if len(parts) != 4 or parts[0] != "imports" or parts[3] != "source":
        return
    tenant_id, import_id = parts[1], parts[2]
    item = find_import(tenant_id, import_id)
    if item is None or item.status not in ("awaiting_upload", "inspecting"):
        return  # a notification delivered again after the inspection, or a cancelled import
    try:
        item.update(
            actions=[ImportItem.status.set("inspecting"), ImportItem.size_bytes.set(size)],
            condition=ImportItem.status.is_in("awaiting_upload", "inspecting"),
        )
    except UpdateError:
        return
    inspect(tenant_id, item, size)


def _reject(item: ImportItem, code: str, message: str) -> None:
    item.update(
        actions=[
            ImportItem.status.set("rejected"),
            ImportItem.problem_code.set(code),
            ImportItem.problem.set(message),
            ImportItem.finished_at.set(iso()),
        ],
        condition=ImportItem.status == "inspecting",
    )


def inspect(tenant_id: str, item: ImportItem, size: int) -> None:
    """Check the file and write its normalised copy; the import is then ready, or rejected."""
    if size > uploads.MAX_BYTES:
        _reject(item, "file_too_large", "This file is larger than 50 MB. Split it into smaller files.")
        return
    source = files.object_key(tenant_id, item.import_id, "source")
    with tempfile.TemporaryFile() as target:  # on disk: memory stays flat whatever the file's size
        stream = uploads.open_object(source)
        try:
            result = parsing.normalise(stream, target, file_name=item.file_name)
        except parsing.FileProblem as problem:
            _reject(item, problem.code, problem.message)
            return
        finally:
            stream.close()
        target.seek(0)
        uploads.upload(target, files.object_key(tenant_id, item.import_id, "rows.csv"))
    item.update(
        actions=[
            ImportItem.status.set("ready"),
            ImportItem.format.set(result.format),
            ImportItem.encoding.set(result.encoding),
            ImportItem.delimiter.set(result.delimiter),
            ImportItem.header.set(result.header),  # type: ignore[arg-type]
            ImportItem.sample.set([list(row) for row in result.sample]),
            ImportItem.rows_total.set(result.rows),
            ImportItem.data_offset.set(result.data_offset),
            ImportItem.next_offset.set(result.data_offset),
            ImportItem.next_row.set(2),
        ],
        condition=ImportItem.status == "inspecting",
    )


# 2. The run ------------------------------------------------------------------------------------


def principal_of(item: ImportItem, user_id: str | None = None) -> Principal:
    """Who the run writes as: the user who started it (their role when they did)."""
    options = as_plain(item.options)
    role = Role(options.get("role") or Role.ADMIN.value)
    return Principal(
        user_id=user_id or item.created_by,
        tenant_id=str(item.PK).split("#")[1],
        role=role,
        email="",
        name=item.created_by_name or "",
    )


@dataclass
class Tally:
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    leads_created: int = 0
    companies_created: int = 0
    over_limit: int = 0
    problems: list[tuple[int, list[str], str, str]] = field(default_factory=list)

    def count(self, marker: ImportRowItem) -> None:
        if marker.outcome == "created":
            self.created += 1
        else:
            self.updated += 1
        self.leads_created += 1 if marker.lead_id else 0
        self.companies_created += 1 if marker.company_id else 0

    def problem(self, number: int, cells: list[str], outcome: str, reason: str) -> None:
        if outcome == "failed":
            self.failed += 1
        else:
            self.skipped += 1
        self.problems.append((number, cells, outcome, reason))


class Skip(Exception):
    """A row left out on purpose (a duplicate): skipped, with the reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Run:
    """What one chunk's rows are written with: the import's choices and the tenant's lookups."""

    item: ImportItem
    tenant_id: str
    principal: Principal
    targets: list[str]
    options: dict[str, Any]
    stages: dict[str, str]
    users: dict[str, str]
    currency: str
    country: str | None
    round_robin_next: int
    seen: dict[str, int] = field(default_factory=dict)
    over_limit: bool = False

    @classmethod
    def load(cls, tenant_id: str, item: ImportItem) -> Run:
        options = as_plain(item.options)
        stages: dict[str, str] = {}
        if options.get("creates") == "leads":
            for pipeline in pipelines_of(tenant_id):
                if pipeline.pipeline.pipeline_id == options.get("pipeline_id"):
                    stages = {" ".join(s.name.lower().split()): s.stage_id for s in pipeline.stages}
        team = accounts.team_members(tenant_id)
        active = [u for u in team if u.status != "deactivated"]
        # An owner column holds emails or names (exports name the owner): both find the user.
        users = {" ".join(u.name.lower().split()): u.user_id for u in active if u.name}
        users.update({u.email.lower(): u.user_id for u in active})
        tenant = accounts.get_tenant(tenant_id)
        return cls(
            item=item,
            tenant_id=tenant_id,
            principal=principal_of(item),
            targets=[str(t) for t in as_plain(item.mapping)],
            options=options,
            stages=stages,
            users=users,
            currency=(tenant.currency if tenant else None) or "USD",
            country=options.get("default_country") or (tenant.country if tenant else None),
            round_robin_next=int(item.round_robin_next or 0),
        )

    @property
    def import_id(self) -> str:
        return str(self.item.import_id)

    # One row -----------------------------------------------------------------------------------

    def apply(self, number: int, cells: list[str]) -> ImportRowItem | None:
        """Write one row; its marker when it wrote something, None when a matching contact was left
        as it was. RowProblem fails the row, Skip skips it. A row written (or left as it was) is the
        one later rows with its email or phone are duplicates of."""
        person = mapping.clean_row(
            cells, self.targets, len(self.item.header), default_country=self.country, currency=self.currency
        )
        self._check_duplicate_in_file(person)
        marker = self._write(number, person)
        self.remember(number, person)
        return marker

    def _write(self, number: int, person: mapping.Person) -> ImportRowItem | None:
        owner_id = self._owner(person)
        stage_id = self._stage(person)
        contact_custom = self._custom("contact", person.custom.get("contact") or {})
        lead_custom = self._custom("lead", person.custom.get("lead") or {})
        at = person.created_at or iso()
        tags = list(dict.fromkeys([*person.tags, *self.options.get("tags", [])]))
        source = person.source or "import"
        details = {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "phone": person.phone,
            "country": person.country,
            "company": person.company,
        }
        plan = contacts.plan_contact(
            self.tenant_id,
            details,
            at=at,
            actor=self.principal.user_id,
            owner_id=owner_id,
            source=source,
            consistent=True,
        )
        if not plan.new:
            found = plan.contact
            if found.import_id == self.import_id:
                raise Skip("duplicate in file: an earlier row has the same email or phone")
            if self.options.get("duplicate_rule", "skip") == "skip":
                how = "email" if person.email and person.email == found.email else "phone"
                raise Skip(f"already a contact (same {how})")
        marker = ImportRowItem(
            keys.rows(self.tenant_id, self.import_id),
            keys.row_sk(number),
            number=number,
            outcome="created" if plan.new else "updated",
            expires_at=now() + timedelta(days=MARKER_DAYS),
        )
        if plan.new:
            contact = plan.contact
            contact.import_id = self.import_id
            contact.role = person.role or "Lead"
            contact.tags = tags
            contact.custom_fields = contact_custom
            marker.contact_id, marker.contact_created = contact.contact_id, True
            if plan.new_company is not None:
                marker.company_id = plan.new_company.company_id
        else:
            _unfill(plan)  # the row's own rule decides what the contact takes
            changes = self._contact_changes(plan.contact, person, tags, contact_custom, owner_id)
            marker.contact_id = plan.contact.contact_id
            if self.options.get("creates") != "leads":
                if not changes:
                    return None
                tx = Transaction()
                tx.put("marker", marker, condition=ImportRowItem.PK.does_not_exist())
                contacts.edit_contact(self.principal, plan.contact, changes, plan.links, tx)
                return marker
            if changes:
                contacts.edit_contact(self.principal, plan.contact, changes, plan.links)
                plan = contacts.plan_contact(
                    self.tenant_id,
                    details,
                    at=at,
                    actor=self.principal.user_id,
                    owner_id=owner_id,
                    source=source,
                    consistent=True,
                )
        if self.options.get("creates") == "leads":
            assert stage_id is not None
            self._create_lead(plan, marker, person, at, owner_id, stage_id, tags, lead_custom, source)
        else:
            self._create_contact(plan, marker)
        return marker

    def _check_duplicate_in_file(self, person: mapping.Person) -> None:
        for identity in _identities(person):
            if identity in self.seen:
                what = "email" if identity[0] == "e" else "phone"
                raise Skip(f"duplicate in file: same {what} as row {self.seen[identity]}")

    def remember(self, number: int, person: mapping.Person) -> None:
        for identity in _identities(person):
            self.seen.setdefault(identity, number)

    def _owner(self, person: mapping.Person) -> str | None:
        if person.owner_email:
            owner = self.users.get(" ".join(person.owner_email.lower().split()))
            if owner is None:
                raise mapping.RowProblem(f"unknown owner: {person.owner_email} is not an active user")
            return owner
        owners = [str(o) for o in self.options.get("owner_ids") or []]
        mode = self.options.get("owner_mode", "none")
        if mode == "user" and owners:
            return owners[0]
        if mode == "round_robin" and owners:
            owner = owners[self.round_robin_next % len(owners)]
            self.round_robin_next += 1
            return owner
        return None

    def _stage(self, person: mapping.Person) -> str | None:
        if self.options.get("creates") != "leads":
            return None
        if person.stage:
            stage_id = self.stages.get(" ".join(person.stage.lower().split()))
            if stage_id is None:
                raise mapping.RowProblem(f"unknown stage: {person.stage}")
            return stage_id
        return str(self.options.get("stage_id") or "") or None

    def _custom(self, entity: str, values: dict[str, str]) -> dict[str, Any]:
        if not values:
            return {}
        try:
            return fields.validate_custom_fields(self.tenant_id, entity, dict(values), creating=False)
        except ValidationError as error:
            reasons = "; ".join(f"{k.split('.')[-1]}: {v}" for k, v in (error.fields or {}).items())
            raise mapping.RowProblem(f"invalid custom field ({reasons or error.message})") from error

    def _contact_changes(
        self,
        contact: Any,
        person: mapping.Person,
        tags: list[str],
        custom: dict[str, Any],
        owner_id: str | None,
    ) -> dict[str, tuple[Any, Any]]:
        """What a duplicate row changes on its contact: blanks only (fill), or every value the row
        gives (overwrite). Tags are added either way."""
        overwrite = self.options.get("duplicate_rule") == "overwrite"
        changes = _tag_and_custom_changes(contact, tags, custom, overwrite=overwrite)
        given = {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "phone": person.phone,
            "country": person.country,
            "role": person.role,
            "owner_id": owner_id,
        }
        if not contact.email and person.email:
            given["email"] = person.email
        for name, value in given.items():
            old = getattr(contact, name)
            if value and value != old and (overwrite or not old):
                changes[name] = (old, value)
        if person.company and (overwrite or not contact.company_id):
            company = contacts.ensure_company(self.tenant_id, person.company, iso(), self.principal.user_id)
            if company.company_id != contact.company_id:
                changes["company_id"] = (contact.company_id, company.company_id)
        return changes

    def _create_contact(self, plan: Any, marker: ImportRowItem) -> None:
        contact = plan.contact
        tx = Transaction()
        tx.put("marker", marker, condition=ImportRowItem.PK.does_not_exist())
        contacts.add_new_contact(tx, contact, new_company=plan.new_company)
        contacts.pair_writes(tx, contact)
        fields.tag_writes(
            tx, self.tenant_id, "contact", contact.contact_id, [], [str(t) for t in contact.tags]
        )
        if contact.owner_id:
            accounts.check_user_exists(tx, "owner", self.tenant_id, contact.owner_id)
        event = DomainEvent(
            detail_type="ContactCreated",
            tenant_id=self.tenant_id,
            actor_id=self.principal.user_id,
            subject_id=contact.contact_id,
            data={"contact": contacts.contact_fields(contact), "import_id": self.import_id},
        )
        record_change(tx, contact.PK, event, "created", actor_name=self.principal.name or None)
        _commit(tx)

    def _create_lead(
        self,
        plan: Any,
        marker: ImportRowItem,
        person: mapping.Person,
        at: str,
        owner_id: str | None,
        stage_id: str,
        tags: list[str],
        custom: dict[str, Any],
        source: str,
    ) -> None:
        if self.over_limit:
            raise mapping.RowProblem("over plan limit: this month's leads are used up")
        lead_id = new_id()
        pipeline_id = str(self.options["pipeline_id"])
        value = person.value if person.value is not None else Decimal(0)
        lead = leads.Lead(
            leads.lead_key(self.tenant_id, lead_id),
            leads.LEAD_SK,
            lead_id=lead_id,
            tenant_id=self.tenant_id,
            first_name=person.first_name or "",
            last_name=person.last_name or "",
            email=person.email,
            phone=person.phone,
            country=person.country,
            company=person.company,
            value=leads.to_minor(value),
            currency=person.currency or self.currency,
            close_date=person.close_date,
            owner_id=owner_id,
            source=source,
            tags=tags,
            custom_fields=custom,
            attribution=dict(person.attribution),
            pipeline_id=pipeline_id,
            stage_id=stage_id,
            stage_entered_at=at,
            created_at=at,
            created_by=self.principal.user_id,
            updated_at=at,
        )
        leads.copy_contact(lead, plan.contact)
        leads.apply_index_keys(lead)
        marker.lead_id = lead_id

        def build(over_limit: bool) -> Transaction:
            tx = Transaction()
            tx.put("marker", marker, condition=ImportRowItem.PK.does_not_exist())
            event = DomainEvent(
                detail_type="LeadCreated",
                tenant_id=self.tenant_id,
                actor_id=self.principal.user_id,
                subject_id=lead_id,
                data={"lead": leads.lead_fields(lead), "import_id": self.import_id},
            )
            leads.add_new_lead(tx, lead, self.principal.user_id, event.event_id)
            contacts.write_contact_plan(tx, plan, lead_id, pipeline_id, at)
            if owner_id:
                accounts.check_user_exists(tx, "owner", self.tenant_id, owner_id)
            tx.put("outbox", outbox_item(event))
            return tx

        try:
            usage.commit_new_lead(self.tenant_id, build)
        except PaymentRequiredError as error:
            self.over_limit = True
            raise mapping.RowProblem("over plan limit: this month's leads are used up") from error
        except TransactionCancelledError as error:
            _raise_for(error)


def _identities(person: mapping.Person) -> list[str]:
    found = [f"e:{person.email}" if person.email else "", f"p:{person.phone}" if person.phone else ""]
    return [identity for identity in found if identity]


def _unfill(plan: Any) -> None:
    """Put back the blanks the planner filled from the row, so the contact is as stored."""
    for name in plan.fills:
        setattr(plan.contact, name, "" if name in ("first_name", "last_name") else None)
    if plan.fills:
        plan.contact.search_terms = plan.old_terms
    plan.fills = {}


def _tag_and_custom_changes(
    contact: Any, tags: list[str], custom: dict[str, Any], *, overwrite: bool
) -> dict[str, tuple[Any, Any]]:
    """Tags are added to the contact's; custom fields fill blanks, or replace values (overwrite)."""
    changes: dict[str, tuple[Any, Any]] = {}
    old_tags = [str(t) for t in contact.tags or []]
    merged = list(dict.fromkeys([*old_tags, *tags]))
    if merged != old_tags:
        changes["tags"] = (old_tags, merged)
    if custom:
        old_custom = as_plain(contact.custom_fields)
        new_custom = dict(old_custom)
        for key, value in custom.items():
            if overwrite or old_custom.get(key) in (None, "", []):
                new_custom[key] = value
        if new_custom != old_custom:
            changes["custom_fields"] = (old_custom, new_custom)
    return changes


def _commit(tx: Transaction) -> None:
    try:
        tx.commit()
    except TransactionCancelledError as error:
        _raise_for(error)


def _raise_for(error: TransactionCancelledError) -> None:
    if "marker" in error.failed:
        raise Applied from error
    if "owner" in error.failed:
        raise mapping.RowProblem("the owner is no longer an active user") from error
    if "stage" in error.failed:
        raise mapping.RowProblem("the stage was deleted during the import") from error
    raise ConflictError("A record changed while the row was written", code="row_conflict") from error


class Applied(Exception):
    """The row's marker exists: an earlier delivery of this chunk wrote the row."""


def row_markers(tenant_id: str, import_id: str, numbers: list[int]) -> dict[int, ImportRowItem]:
    partition = keys.rows(tenant_id, import_id)
    found: dict[int, ImportRowItem] = {}
    for start in range(0, len(numbers), 100):
        wanted = [(partition, keys.row_sk(n)) for n in numbers[start : start + 100]]
        for marker in ImportRowItem.batch_get(wanted, consistent_read=True):
            if isinstance(marker, ImportRowItem):
                found[int(marker.number)] = marker
    return found


def _get_marker(tenant_id: str, import_id: str, number: int) -> ImportRowItem | None:
    try:
        return ImportRowItem.get(keys.rows(tenant_id, import_id), keys.row_sk(number), consistent_read=True)
    except ImportRowItem.DoesNotExist:
        return None


def _event(item: ImportItem, tenant_id: str, detail_type: str, **data: Any) -> DomainEvent:
    return DomainEvent(
        detail_type=detail_type,
        tenant_id=tenant_id,
        actor_id=item.created_by,
        subject_id=item.import_id,
        data={"import_id": item.import_id, "file_name": item.file_name, **data},
    )


def run_chunk(event: DomainEvent) -> None:
    """Run the chunk the event names, if the import is still there (else a late duplicate)."""
    tenant_id, import_id = event.tenant_id, str(event.data["import_id"])
    number = int(event.data.get("chunk") or 0)
    item = find_import(tenant_id, import_id)
    if item is None or item.status not in RUNNING or int(item.chunk or 0) != number:
        return
    if item.cancel_requested:
        finish(tenant_id, item, "cancelled")
        return
    retry = _open_chunk(item, number)
    run = Run.load(tenant_id, item)
    stream = uploads.open_object(files.object_key(tenant_id, import_id, "rows.csv"), int(item.next_offset))
    try:
        chunk = parsing.read_chunk(
            stream, offset=int(item.next_offset), number=int(item.next_row), max_rows=CHUNK
        )
    finally:
        stream.close()
    done = row_markers(tenant_id, import_id, [r.number for r in chunk.rows if r.cells]) if retry else {}
    # Duplicates in the file are found within a chunk from memory and across chunks by the
    # contact's import id, so a retried chunk needs the identities of its earlier rows only.
    rows = [row for row in chunk.rows if any(cell.strip() for cell in row.cells)]  # blank rows: nothing
    tally = Tally(rows_read=len(rows))
    for row in rows:
        if row.number in done:
            tally.count(done[row.number])
            _remember(run, row.number, list(row.cells))
            continue
        _apply_row(run, tally, row.number, list(row.cells))
    if tally.problems:
        _write_problems_part(tenant_id, import_id, number, tally)
    _checkpoint(tenant_id, item, number, chunk, tally, run.round_robin_next)
    if chunk.done:
        finish(tenant_id, find_import(tenant_id, import_id) or item, "done")


def _remember(run: Run, number: int, cells: list[str]) -> None:
    """A row an earlier delivery wrote: later rows with its email or phone are its duplicates."""
    with contextlib.suppress(mapping.RowProblem):
        person = mapping.clean_row(
            cells, run.targets, len(run.item.header), default_country=run.country, currency=run.currency
        )
        run.remember(number, person)


def _failure(error: Exception) -> tuple[str, str] | None:
    """The outcome and reason of a row that wrote nothing, from what its write raised."""
    if isinstance(error, mapping.RowProblem):
        return "failed", error.reason
    if isinstance(error, Skip):
        return "skipped", error.reason
    if isinstance(error, ValidationError):
        reasons = "; ".join(f"{k}: {v}" for k, v in (error.fields or {}).items())
        return "failed", f"{error.message}{f' ({reasons})' if reasons else ''}"
    return None


def _apply_row(run: Run, tally: Tally, number: int, cells: list[str]) -> None:
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            marker = run.apply(number, cells)
        except (mapping.RowProblem, Skip, ValidationError) as error:
            outcome, reason = _failure(error) or ("failed", str(error))
            tally.problem(number, cells, outcome, reason)
            tally.over_limit += 1 if reason.startswith("over plan limit") else 0
            return
        except Applied:
            marker = _get_marker(run.tenant_id, run.import_id, number)
            if marker is not None:
                tally.count(marker)
            return
        except ConflictError:
            if attempt == WRITE_ATTEMPTS:
                raise  # the chunk fails and comes again: the rows written so far have their markers
            continue
        if marker is None:
            tally.updated += 1  # a duplicate whose contact already had every value
        else:
            tally.count(marker)
        return


def _open_chunk(item: ImportItem, number: int) -> bool:
    """Note that chunk `number` began; True when it began before (this delivery is a retry)."""
    retry = item.opened_chunk is not None and int(item.opened_chunk) == number
    item.update(
        actions=[ImportItem.status.set("running"), ImportItem.opened_chunk.set(number)],
        condition=ImportItem.status.is_in(*RUNNING) & (ImportItem.chunk == number),
    )
    return retry


def _write_problems_part(tenant_id: str, import_id: str, number: int, tally: Tally) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row, cells, outcome, reason in tally.problems:
        writer.writerow([str(row), outcome, reason, *[parsing.safe_cell(c) for c in cells]])
    uploads.put_text(
        files.object_key(tenant_id, import_id, f"{PROBLEMS_PREFIX}{number:06d}.csv"), out.getvalue()
    )


def _checkpoint(
    tenant_id: str, item: ImportItem, number: int, chunk: parsing.Chunk, tally: Tally, round_robin: int
) -> None:
    """Move the checkpoint past the chunk and add its counts, once; queue the next chunk if any."""
    tx = Transaction()
    actions = [
        ImportItem.chunk.set(number + 1),
        ImportItem.next_offset.set(chunk.next_offset),
        ImportItem.next_row.set(chunk.next_number),
        ImportItem.rows_read.add(tally.rows_read),
        ImportItem.created.add(tally.created),
        ImportItem.updated.add(tally.updated),
        ImportItem.skipped.add(tally.skipped),
        ImportItem.failed.add(tally.failed),
        ImportItem.leads_created.add(tally.leads_created),
        ImportItem.companies_created.add(tally.companies_created),
        ImportItem.over_limit.add(tally.over_limit),
        ImportItem.problem_rows.add(len(tally.problems)),
        ImportItem.round_robin_next.set(round_robin),
        ImportItem.first_progress_at.set(ImportItem.first_progress_at | iso()),
        ImportItem.version.add(1),
    ]
    tx.update(
        "import", item, actions, condition=ImportItem.status.is_in(*RUNNING) & (ImportItem.chunk == number)
    )
    if not chunk.done:
        tx.put("outbox", outbox_item(_event(item, tenant_id, "ImportContinued", chunk=number + 1)))
    try:
        tx.commit()
    except TransactionCancelledError:
        log.info("chunk %s of import %s was checkpointed already", number, item.import_id)


def finish(tenant_id: str, item: ImportItem, status: str) -> None:
    """Gather the problems file, then close the import with its summary notification, once."""
    import_id = item.import_id
    rows = _merge_problems(tenant_id, item)
    at = iso()
    tx = Transaction()
    tx.update(
        "import",
        item,
        [
            ImportItem.status.set(status),
            ImportItem.finished_at.set(at),
            ImportItem.problem_rows.set(rows),
            ImportItem.version.add(1),
        ],
        condition=ImportItem.status.is_in(*RUNNING),
    )
    fresh = find_import(tenant_id, import_id) or item
    summary = _summary(fresh, status)
    notifications.add_notification(
        tx,
        tenant_id,
        notifications.Recipient(item.created_by, "import_finished", summary[0], summary[1]),
        created_at=at,
        import_id=import_id,
    )
    counts = {
        "created": int(fresh.created or 0),
        "updated": int(fresh.updated or 0),
        "skipped": int(fresh.skipped or 0),
        "failed": int(fresh.failed or 0),
        "leads_created": int(fresh.leads_created or 0),
    }
    tx.put("outbox", outbox_item(_event(item, tenant_id, "ImportFinished", status=status, **counts)))
    try:
        tx.commit()
    except TransactionCancelledError:
        log.info("import %s was finished already", import_id)


def _summary(item: ImportItem, status: str) -> tuple[str, str]:
    title = "Import cancelled" if status == "cancelled" else "Import finished"
    parts = [f"{int(item.created or 0)} created", f"{int(item.updated or 0)} updated"]
    if int(item.leads_created or 0):
        parts.append(f"{int(item.leads_created)} leads")
    parts += [f"{int(item.skipped or 0)} skipped", f"{int(item.failed or 0)} failed"]
    return title, f"{item.file_name}: {', '.join(parts)}"


def _merge_problems(tenant_id: str, item: ImportItem) -> int:
    """One CSV of every failed and skipped row (row, outcome, reason, then the row's own cells),
    from the chunks' parts, in row order; the number of rows in it."""
    parts = uploads.list_keys(files.object_key(tenant_id, item.import_id, PROBLEMS_PREFIX))
    if not parts:
        return 0
    header = ["Row", "Outcome", "Reason", *[parsing.safe_cell(str(h)) for h in item.header]]
    return uploads.join_csv(
        header, sorted(parts), files.object_key(tenant_id, item.import_id, "problems.csv")
    )


# 3. Undo ---------------------------------------------------------------------------------------


def run_undo(event: DomainEvent) -> None:
    """Delete (soft) a page of what the import created, from its row markers; queue the next page."""
    tenant_id, import_id = event.tenant_id, str(event.data["import_id"])
    item = find_import(tenant_id, import_id)
    if item is None or item.status != "undoing":
        return
    principal = principal_of(item, item.undone_by)
    after = int(item.undo_next_row or 0)
    page = list(
        ImportRowItem.query(
            keys.rows(tenant_id, import_id),
            keys.row_sk(after) < ImportRowItem.SK,
            limit=UNDO_CHUNK,
            consistent_read=True,
        )
    )
    undone_contacts = undone_leads = 0
    for marker in page:
        if marker.lead_id:
            undone_leads += _delete(lambda lead_id=marker.lead_id: leads.delete_lead(principal, lead_id))
        if marker.contact_created and marker.contact_id:
            undone_contacts += _delete(
                lambda contact_id=marker.contact_id: contacts.delete_contact(principal, contact_id)
            )
    last = int(page[-1].number) if page else after
    more = len(page) == UNDO_CHUNK
    tx = Transaction()
    actions = [
        ImportItem.undo_next_row.set(last),
        ImportItem.undone_contacts.add(undone_contacts),
        ImportItem.undone_leads.add(undone_leads),
        ImportItem.version.add(1),
    ]
    if not more:
        actions += [ImportItem.status.set("undone"), ImportItem.undone_at.set(iso())]
    tx.update(
        "import",
        item,
        actions,
        condition=(ImportItem.status == "undoing") & (ImportItem.undo_next_row == item.undo_next_row),
    )
    detail = "ImportUndoContinued" if more else "ImportUndone"
    tx.put("outbox", outbox_item(_event(item, tenant_id, detail, undone_by=principal.user_id)))
    try:
        tx.commit()
    except TransactionCancelledError:
        log.info("this page of import %s was undone already", import_id)


def _delete(delete: Any) -> int:
    try:
        record = delete()
    except NotFoundError:
        return 0
    return 1 if getattr(record, "deleted_at", None) else 0
