"""The bulk run (the `bulk_runner` consumer, or the request itself for up to 100 selected records).

1. Resolve: the scope becomes ids, a page of the list's own query at a time (the same query the
   page shows, with the user's own visibility), saved in chunks of 100: a snapshot, so records that
   start matching the filter meanwhile are not touched and the total is known before anything
   changes.
2. Apply: each message applies the action to one chunk through the record's own use case (the
   same writes, history, counters and events as one change in the app), then moves the checkpoint
   and adds the chunk's counts in one conditional write and queues the next chunk.

A record counts as succeeded when it ends as asked, whether this delivery changed it or an earlier
delivery of the same chunk did, so a chunk delivered twice counts the same. A record the user may
not change (a Sales rep's bulk move over others' leads) counts as forbidden.
"""

from __future__ import annotations

import csv
import io
import logging
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from convertly.accounts import service as accounts
from convertly.automation import service as automation
from convertly.bulk import files, keys
from convertly.bulk.items import BulkActionItem, BulkChunkItem
from convertly.bulk.use_cases import event, find_bulk
from convertly.contacts import service as contacts
from convertly.fields import service as fields
from convertly.imports.service import safe_cell
from convertly.leads import service as leads
from convertly.permissions import Role
from convertly.pipelines import service as pipelines
from convertly.platform import uploads
from convertly.platform.clock import iso
from convertly.platform.errors import ConflictError, ConvertlyError, ForbiddenError, NotFoundError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.money import from_cents, minor_units
from convertly.platform.principal import Principal
from convertly.platform.store.items import plain
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

log = logging.getLogger(__name__)

CHUNK = 100  # records per chunk (one BatchGetItem's worth of ids)
RESOLVE_PAGES = 20  # list pages resolved per message
PROBLEMS_KEPT = 50
WRITE_ATTEMPTS = 3


def principal_of(item: BulkActionItem, tenant_id: str) -> Principal:
    return Principal(
        user_id=item.created_by,
        tenant_id=tenant_id,
        role=Role(item.role),
        email="",
        name=item.created_by_name or "",
    )


# 1. Resolving the scope ---------------------------------------------------------------------------


def first_page(principal: Principal, scope: dict[str, Any]) -> list[str]:
    """The first page of a filter's records, as the user sees them."""
    return _page_of(principal, scope, None)[0]


def _page(principal: Principal, item: BulkActionItem, cursor: str | None) -> tuple[list[str], str | None]:
    return _page_of(principal, plain(item.scope), cursor)


def _page_of(principal: Principal, scope: dict[str, Any], cursor: str | None) -> tuple[list[str], str | None]:
    if scope.get("leads") is not None:
        wanted = dict(scope["leads"])
        pipeline_id = wanted.pop("pipeline_id", None)
        found_leads = leads.list_leads(principal, leads.LeadFilters(**wanted), cursor, 100)
        ids = [x.lead_id for x in found_leads.items if not pipeline_id or x.pipeline_id == pipeline_id]
        return ids, found_leads.next_cursor
    wanted = dict(scope["contacts"])
    list_id = wanted.pop("list_id", None)
    if list_id:
        found = contacts.list_members(principal, list_id, wanted.get("q"), cursor, 100)
        role, owner, deleted = wanted.get("role"), wanted.get("owner_id"), bool(wanted.get("deleted"))
        ids = [
            str(c.contact_id)
            for c in found.items
            if (not role or c.role == role)
            and (not owner or c.owner_id == owner)
            and bool(c.deleted_at) == deleted
        ]
        return ids, found.next_cursor
    page = contacts.list_contacts(principal, contacts.ContactFilters(**wanted), cursor, 100)
    return [str(c.contact_id) for c in page.items], page.next_cursor


def resolve(tenant_id: str, item: BulkActionItem, *, queue_next: bool = True) -> bool:
    """Resolve up to RESOLVE_PAGES pages of the scope, a chunk per page; True when every record is
    resolved. A redelivery reads the same pages from the same cursor and writes the same chunks."""
    principal = principal_of(item, tenant_id)
    scope = plain(item.scope)
    cursor: str | None = item.resolve_cursor
    chunks, total = int(item.chunks or 0), int(item.total or 0)
    pages: list[list[str]] = []
    done = False
    if scope.get("ids") is not None:
        ids = list(dict.fromkeys(str(i) for i in scope["ids"]))
        pages, done = [ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK)], True
    else:
        for _ in range(RESOLVE_PAGES):
            ids, cursor = _page(principal, item, cursor)
            pages.append(ids)
            if cursor is None:
                done = True
                break
    for ids in filter(None, pages):
        BulkChunkItem(
            keys.records(tenant_id, item.bulk_id), keys.chunk_sk(chunks), number=chunks, ids=ids
        ).save()
        chunks, total = chunks + 1, total + len(ids)
    actions = [
        BulkActionItem.resolve_cursor.set(cursor) if cursor else BulkActionItem.resolve_cursor.remove(),
        BulkActionItem.chunks.set(chunks),
        BulkActionItem.total.set(total),
        BulkActionItem.status.set("running"),
        BulkActionItem.version.add(1),
    ]
    if done:
        actions.append(BulkActionItem.phase.set("apply"))
    tx = Transaction()
    tx.update(
        "bulk",
        item,
        actions,
        condition=(BulkActionItem.phase == "resolve") & (BulkActionItem.chunks == int(item.chunks or 0)),
    )
    if queue_next:
        tx.put("outbox", outbox_item(event(item, tenant_id, "BulkActionContinued")))
    try:
        tx.commit()
    except TransactionCancelledError:
        log.info("bulk action %s resolved this far already", item.bulk_id)
    return done


# 2. Applying the action ---------------------------------------------------------------------------


@dataclass
class Tally:
    processed: int = 0
    succeeded: int = 0
    skipped: int = 0
    failed: int = 0
    forbidden: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    problems: list[dict[str, str]] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # an export's rows

    def problem(self, kind: str, record_id: str, name: str, reason: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        self.reasons[reason] += 1
        self.problems.append({"record_id": record_id, "name": name, "reason": reason})


class Unchanged(Exception):
    """The record is not as asked and will not be (deleted, gone): skipped, with the reason."""


@dataclass
class Applier:
    item: BulkActionItem
    tenant_id: str
    principal: Principal
    params: dict[str, Any]
    position: int  # how many records the action went through before this chunk (round robin)
    exporter: Exporter | None = None

    def apply(self, record_id: str, tally: Tally) -> None:
        index = self.position + tally.processed  # the record's place in the whole action
        tally.processed += 1
        name = record_id
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                name = self._one(record_id, index, tally)
                tally.succeeded += 1
                return
            except ForbiddenError:
                tally.problem("forbidden", record_id, name, "not yours to change")
                return
            except NotFoundError:
                tally.problem("skipped", record_id, name, "no longer exists")
                return
            except Unchanged as why:
                tally.problem("skipped", record_id, name, str(why))
                return
            except ConflictError as error:
                if attempt == WRITE_ATTEMPTS:
                    tally.problem("failed", record_id, name, error.message)
                    return
            except ConvertlyError as error:
                tally.problem("failed", record_id, name, error.message)
                return

    def _one(self, record_id: str, index: int, tally: Tally) -> str:
        if self.item.object == "leads":
            return self._lead(record_id, index, tally)
        return self._contact(record_id, index, tally)

    # Leads -------------------------------------------------------------------------------------

    def _lead(self, lead_id: str, index: int, tally: Tally) -> str:
        action, params = self.item.action, self.params
        lead = leads.visible_lead(self.principal, lead_id)
        name = leads.display_name(lead)
        if action == "delete":
            leads.delete_lead(self.principal, lead_id)
            return name
        if action == "restore":
            leads.restore_lead(self.principal, lead_id)
            return name
        if lead.deleted_at:
            raise Unchanged("deleted")
        if action == "export":
            assert self.exporter is not None
            tally.rows.append(self.exporter.lead_row(lead))
            return name
        if action == "move_stage":
            self._move(lead, name)
            return name
        if action == "enrol_workflow":
            self._enrol("lead", lead_id)
            return name
        changes: dict[str, Any] = {}
        if action == "assign_owner":
            changes["owner_id"] = self._owner(index)
        elif action in ("add_tags", "remove_tags"):
            changes["tags"] = fields.retagged(
                [str(t) for t in lead.tags or []], params["tags"], action == "add_tags"
            )
        elif action == "set_field":
            changes["custom_fields"] = _with_field(plain(lead.custom_fields), params)
        leads.change_fields(self.principal, lead_id, int(lead.version or 0), changes)
        return name

    def _move(self, lead: Any, name: str) -> None:
        params = self.params
        if lead.pipeline_id != params["pipeline_id"]:
            raise Unchanged("in another pipeline")
        if lead.stage_id == params["stage_id"]:
            return
        value = None
        if params.get("stage_kind") == "won" and not from_cents(lead.value) and params.get("value"):
            value = Decimal(str(params["value"]))
        # The lead as just read goes with the move as what was seen: the move is then its one
        # transaction, conditional on the lead being still as read (else a 409, tried again).
        seen = leads.SeenLead(
            stage_id=lead.stage_id,
            stage_entered_at=lead.stage_entered_at,
            owner_id=lead.owner_id,
            value=from_cents(lead.value),
            currency=lead.currency or "USD",
            source=lead.source or "manual",
        )
        request = leads.StageChange(
            stage_id=params["stage_id"],
            version=int(lead.version or 1),
            seen=seen,
            value=value,
            lost_reason=params.get("lost_reason"),
        )
        pipelines.change_stage(self.principal, lead.lead_id, request)

    def _enrol(self, kind: str, record_id: str) -> None:
        """Into the workflow, once however often the chunk runs (the bulk action is the request key)."""
        workflow = automation.published_workflow(self.principal, self.params["workflow_id"])
        try:
            automation.enrol_record(self.principal, workflow, kind, record_id, self.item.bulk_id)
        except ConflictError as error:
            if error.code == "already_enrolled":
                raise Unchanged("already in the workflow") from error
            raise

    def _owner(self, index: int) -> str:
        """The owner of the record at `index`: one, or each in turn (round robin)."""
        owners = [str(o) for o in self.params["owner_ids"]]
        return owners[index % len(owners)]

    # Contacts ----------------------------------------------------------------------------------

    def _contact(self, contact_id: str, index: int, tally: Tally) -> str:
        action = self.item.action
        contact, links = contacts.visible_contact(self.principal, contact_id)
        name = (
            " ".join(p for p in (contact.first_name, contact.last_name) if p) or contact.email or contact_id
        )
        if action == "delete":
            contacts.delete_contact(self.principal, contact_id)
            return name
        if action == "restore":
            contacts.restore_contact(self.principal, contact_id)
            return name
        if contact.deleted_at:
            raise Unchanged("deleted")
        if action == "export":
            assert self.exporter is not None
            tally.rows.append(self.exporter.contact_row(contact))
            return name
        if action == "enrol_workflow":
            self._enrol("contact", contact_id)
            return name
        changes = {k: v for k, v in self._contact_changes(contact, index).items() if v[0] != v[1]}
        if changes:
            contacts.edit_contact(self.principal, contact, changes, links)
        return name

    def _contact_changes(self, contact: Any, index: int) -> dict[str, tuple[Any, Any]]:
        """The contact's fields the action sets: (old, new) each."""
        action, params = self.item.action, self.params
        if action == "assign_owner":
            return {"owner_id": (contact.owner_id, self._owner(index))}
        if action in ("add_tags", "remove_tags"):
            old = [str(t) for t in contact.tags or []]
            return {"tags": (old, fields.retagged(old, params["tags"], action == "add_tags"))}
        if action == "change_role":
            return {"role": (contact.role, params["role"])}
        if action == "set_field":
            old_fields = plain(contact.custom_fields)
            return {"custom_fields": (old_fields, _with_field(old_fields, params))}
        return {}


def _with_field(values: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    updated = dict(values)
    if params.get("field_value") is None:
        updated.pop(params["field_key"], None)
    else:
        updated[params["field_key"]] = params["field_value"]
    return updated


def _amount_cell(lead: Any) -> str:
    """The lead's value as a spreadsheet number, with its currency's decimals: 7500.00, 7500 (JPY)."""
    return f"{from_cents(lead.value):.{minor_units(lead.currency or 'USD')}f}"


class Exporter:
    """An export's rows: what the lists show, with names for stages and owners; cells a spreadsheet
    would run as formulas are written as text."""

    LEAD_HEADER = [
        "Name", "First name", "Last name", "Email", "Phone", "Company", "Value", "Currency", "Pipeline",
        "Stage", "Owner", "Source", "Tags", "Created", "UTM source", "UTM medium", "UTM campaign", "gclid",
        "fbclid",
    ]  # fmt: skip
    CONTACT_HEADER = [
        "Name", "First name", "Last name", "Email", "Phone", "Company", "Role", "Owner", "Source", "Tags",
        "Created",
    ]  # fmt: skip

    def __init__(self, tenant_id: str) -> None:
        self.owners = {u.user_id: u.name for u in accounts.team_members(tenant_id)}
        self.stages: dict[str, str] = {}
        self.pipelines: dict[str, str] = {}
        for pipeline in pipelines.pipelines_of(tenant_id):
            self.pipelines[pipeline.pipeline.pipeline_id] = pipeline.pipeline.name
            self.stages.update({s.stage_id: s.name for s in pipeline.stages})

    def lead_row(self, lead: Any) -> list[str]:
        attribution = plain(lead.attribution)
        cells = [
            leads.display_name(lead), lead.first_name, lead.last_name, lead.email or "", lead.phone or "",
            lead.company or "", _amount_cell(lead), lead.currency or "",
            self.pipelines.get(lead.pipeline_id, ""), self.stages.get(lead.stage_id, ""),
            self.owners.get(lead.owner_id or "", ""), lead.source or "",
            ", ".join(str(t) for t in lead.tags or []), lead.created_at,
            *[str(attribution.get(k) or "") for k in ("utm_source", "utm_medium", "utm_campaign")],
            str(attribution.get("gclid") or ""), str(attribution.get("fbclid") or ""),
        ]  # fmt: skip
        return [safe_cell(str(c or "")) for c in cells]

    def contact_row(self, contact: Any) -> list[str]:
        name = " ".join(p for p in (contact.first_name, contact.last_name) if p)
        cells = [
            name, contact.first_name, contact.last_name, contact.email or "", contact.phone or "",
            contact.company_name or "", contact.role, self.owners.get(contact.owner_id or "", ""),
            contact.source or "", ", ".join(str(t) for t in contact.tags or []), contact.created_at,
        ]  # fmt: skip
        return [safe_cell(str(c or "")) for c in cells]


def apply_chunk(tenant_id: str, item: BulkActionItem, *, queue_next: bool = True) -> bool:
    """Apply the action to the next chunk; True when it was the last."""
    number = int(item.chunk or 0)
    if number >= int(item.chunks or 0):
        finish(tenant_id, item)
        return True
    chunk = BulkChunkItem.get(
        keys.records(tenant_id, item.bulk_id), keys.chunk_sk(number), consistent_read=True
    )
    exporter = Exporter(tenant_id) if item.action == "export" else None
    applier = Applier(
        item, tenant_id, principal_of(item, tenant_id), plain(item.params), int(item.processed or 0), exporter
    )
    tally = Tally()
    for record_id in chunk.ids:
        applier.apply(str(record_id), tally)
    if item.action == "export":
        _write_part(tenant_id, item, number, tally.rows)
    last = number + 1 >= int(item.chunks or 0)
    _checkpoint(tenant_id, item, number, tally, last or not queue_next)
    if last:
        finish(tenant_id, find_bulk(tenant_id, item.bulk_id) or item)
    return last


def _write_part(tenant_id: str, item: BulkActionItem, number: int, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    uploads.put_text(files.export_key(tenant_id, item.bulk_id, number), out.getvalue())


def _checkpoint(tenant_id: str, item: BulkActionItem, number: int, tally: Tally, last: bool) -> None:
    reasons = Counter({str(k): int(v) for k, v in plain(item.reasons).items()})
    reasons.update(tally.reasons)
    kept = [plain(p) for p in item.problems or []]
    kept += tally.problems[: max(0, PROBLEMS_KEPT - len(kept))]
    tx = Transaction()
    tx.update(
        "bulk",
        item,
        [
            BulkActionItem.chunk.set(number + 1),
            BulkActionItem.processed.add(tally.processed),
            BulkActionItem.succeeded.add(tally.succeeded),
            BulkActionItem.skipped.add(tally.skipped),
            BulkActionItem.failed.add(tally.failed),
            BulkActionItem.forbidden.add(tally.forbidden),
            BulkActionItem.reasons.set(dict(reasons)),
            BulkActionItem.problems.set(kept),
            BulkActionItem.version.add(1),
        ],
        condition=(BulkActionItem.chunk == number) & (BulkActionItem.status == "running"),
    )
    if not last:
        tx.put("outbox", outbox_item(event(item, tenant_id, "BulkActionContinued")))
    try:
        tx.commit()
    except TransactionCancelledError:
        log.info("chunk %s of bulk action %s was counted already", number, item.bulk_id)


def finish(tenant_id: str, item: BulkActionItem) -> None:
    if item.action == "export":
        _merge_export(tenant_id, item)
    tx = Transaction()
    tx.update(
        "bulk",
        item,
        [
            BulkActionItem.status.set("done"),
            BulkActionItem.completed_at.set(iso()),
            BulkActionItem.version.add(1),
        ],
        condition=BulkActionItem.status == "running",
    )
    counts = {
        "total": int(item.total or 0),
        "succeeded": int(item.succeeded or 0),
        "skipped": int(item.skipped or 0),
        "failed": int(item.failed or 0),
        "forbidden": int(item.forbidden or 0),
    }
    tx.put("outbox", outbox_item(event(item, tenant_id, "BulkActionFinished", **counts)))
    try:
        tx.commit()
    except TransactionCancelledError:
        log.info("bulk action %s was finished already", item.bulk_id)


def _merge_export(tenant_id: str, item: BulkActionItem) -> None:
    header = Exporter.LEAD_HEADER if item.object == "leads" else Exporter.CONTACT_HEADER
    parts = [files.export_key(tenant_id, item.bulk_id, number) for number in range(int(item.chunks or 0))]
    # With a BOM: Excel then reads the file as UTF-8.
    uploads.join_csv(header, parts, files.export_key(tenant_id, item.bulk_id), bom=True)


# The entry points ---------------------------------------------------------------------------------


def run_step(event_: DomainEvent) -> None:
    """One message's work: a step of resolving, or one chunk."""
    tenant_id = event_.tenant_id
    item = find_bulk(tenant_id, str(event_.data["bulk_id"]))
    if item is None or item.status not in ("queued", "running"):
        return
    if item.phase == "resolve":
        resolve(tenant_id, item)
    else:
        apply_chunk(tenant_id, item)


def run_inline(tenant_id: str, item: BulkActionItem) -> BulkActionItem:
    """Selected records, few enough to change in the request: resolve and apply at once."""
    resolve(tenant_id, item, queue_next=False)
    while True:
        fresh = find_bulk(tenant_id, item.bulk_id)
        if fresh is None or fresh.status != "running" or apply_chunk(tenant_id, fresh, queue_next=False):
            break
    return find_bulk(tenant_id, item.bulk_id) or item
