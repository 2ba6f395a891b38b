"""Import use cases: the upload form, the import as inspected, starting it with a mapping, its
progress and report, the problems file, cancelling, undo, the list, and mapping templates.

The run itself is convertly.imports.run (the `import_runner` consumer)."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from typing import Any

from pynamodb.exceptions import DeleteError
from pynamodb.expressions.condition import Condition

from convertly.accounts import service as accounts
from convertly.fields import service as fields
from convertly.imports import files, keys, mapping
from convertly.imports.domain import (
    Counts,
    Import,
    ImportCreate,
    ImportCreated,
    ImportOptions,
    ImportPage,
    ImportStart,
    ImportTemplate,
    ImportTemplateList,
    ProblemsFile,
    Target,
    TargetList,
    UploadForm,
)
from convertly.imports.items import ImportItem, ImportTemplateItem, as_plain
from convertly.pipelines.service import pipelines_of
from convertly.platform import uploads
from convertly.platform.clock import iso, new_id, now, parse_iso
from convertly.platform.errors import ConflictError, NotFoundError, ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.principal import Principal
from convertly.platform.store.paging import all_of, id_days, query_page
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

ACCEPTED = (".csv", ".txt", ".tsv", ".xlsx")
UNDO_DAYS = 7
MAX_DAYS = 366
RUNNING = ("queued", "running")
FINISHED = ("done", "cancelled", "failed")


def _counts(item: ImportItem) -> Counts:
    return Counts(
        rows_total=int(item.rows_total or 0),
        rows_read=int(item.rows_read or 0),
        created=int(item.created or 0),
        updated=int(item.updated or 0),
        skipped=int(item.skipped or 0),
        failed=int(item.failed or 0),
        leads_created=int(item.leads_created or 0),
        companies_created=int(item.companies_created or 0),
        over_limit=int(item.over_limit or 0),
    )


def undo_until(item: ImportItem) -> str | None:
    """Until when undo may delete what the import created: 7 days after it finished."""
    if item.status not in FINISHED or not item.finished_at:
        return None
    if not (int(item.created or 0) or int(item.leads_created or 0)):
        return None
    return iso(parse_iso(item.finished_at) + timedelta(days=UNDO_DAYS))


def to_import(item: ImportItem, proposed: list[str] | None = None) -> Import:
    duration = None
    if item.started_at and item.finished_at:
        duration = round((parse_iso(item.finished_at) - parse_iso(item.started_at)).total_seconds(), 1)
    options = {k: v for k, v in as_plain(item.options).items() if k != "role"}
    if not item.mapping:
        options = {}  # chosen when the import starts
    return Import(
        import_id=item.import_id,
        file_name=item.file_name,
        size_bytes=int(item.size_bytes or 0),
        status=item.status,  # type: ignore[arg-type]
        problem_code=item.problem_code,
        problem=item.problem,
        format=item.format,
        encoding=item.encoding,
        delimiter=item.delimiter,
        header=[str(h) for h in item.header or []],
        sample=[[str(c) for c in row] for row in as_plain(item.sample) or []],
        mapping=[str(m) for m in as_plain(item.mapping) or []],
        proposed=proposed or [],
        options=ImportOptions(**options) if options else None,
        counts=_counts(item),
        problem_rows=int(item.problem_rows or 0),
        created_by=item.created_by,
        created_by_name=item.created_by_name,
        created_at=item.created_at,
        started_at=item.started_at,
        finished_at=item.finished_at,
        duration_seconds=duration,
        undo_until=undo_until(item),
        undone_at=item.undone_at,
        undone_contacts=int(item.undone_contacts or 0),
        undone_leads=int(item.undone_leads or 0),
    )


def find_import(tenant_id: str, import_id: str) -> ImportItem | None:
    try:
        return ImportItem.get(keys.imports(tenant_id), keys.import_sk(import_id), consistent_read=True)
    except ImportItem.DoesNotExist:
        return None


def _import(principal: Principal, import_id: str) -> ImportItem:
    item = find_import(principal.tenant_id, import_id)
    if item is None:
        raise NotFoundError("No such import", code="import_not_found")
    return item


def create_import(principal: Principal, request: ImportCreate) -> ImportCreated:
    """An import waiting for its file, and the form the browser uploads the file with."""
    name = request.file_name
    if not name.lower().endswith(ACCEPTED):
        raise ValidationError(
            "Choose a CSV file (.csv, .txt, .tsv) or an Excel workbook (.xlsx)",
            code="unsupported_file",
            fields={"file_name": "not a .csv, .txt, .tsv or .xlsx file"},
        )
    if request.size_bytes > uploads.MAX_BYTES:
        megabytes = request.size_bytes / 1024 / 1024
        raise ValidationError(
            f"This file is {megabytes:.0f} MB; files up to 50 MB can be imported. "
            "Split it into smaller files.",
            code="file_too_large",
            fields={"size_bytes": "larger than 50 MB"},
        )
    if request.size_bytes == 0:
        raise ValidationError(
            "This file is empty", code="empty_file", fields={"size_bytes": "the file has no content"}
        )
    import_id, at = new_id(), iso()
    item = ImportItem(
        keys.imports(principal.tenant_id),
        keys.import_sk(import_id),
        import_id=import_id,
        file_name=name,
        size_bytes=request.size_bytes,
        status="awaiting_upload",
        created_by=principal.user_id,
        created_by_name=principal.name or principal.email or None,
        created_at=at,
        options={"role": principal.role.value},
    )
    item.save(condition=ImportItem.PK.does_not_exist())
    upload = uploads.presigned_post(files.object_key(principal.tenant_id, import_id, "source"))
    return ImportCreated(**to_import(item).model_dump(), upload=UploadForm(**upload))


def custom_targets(tenant_id: str) -> list[mapping.CustomField]:
    found: list[mapping.CustomField] = []
    for entity in ("contact", "lead"):
        for definition in fields.definitions(tenant_id, entity):
            found.append(mapping.CustomField(entity, str(definition["key"]), str(definition["label"])))
    return found


def target_list(principal: Principal) -> TargetList:
    custom = custom_targets(principal.tenant_id)
    return TargetList(
        items=[Target(key=t.key, label=t.label, group=t.group) for t in mapping.targets(custom)]
    )


def header_key(label: str) -> str:
    return " ".join(label.lower().split())


def _templates(tenant_id: str) -> list[ImportTemplateItem]:
    found = ImportTemplateItem.query(
        keys.imports(tenant_id), ImportTemplateItem.SK.startswith("TEMPLATE#"), scan_index_forward=False
    )
    return [item for item in found if isinstance(item, ImportTemplateItem)]


def proposal(tenant_id: str, header: list[str]) -> list[str]:
    """The mapping proposed for a header: the newest template that knows every column, else one
    guessed from the header's labels."""
    wanted = [header_key(h) for h in header]
    for template in _templates(tenant_id):
        columns = as_plain(template.columns)
        if wanted and all(key in columns for key in wanted if key):
            return [str(columns.get(key) or "") for key in wanted]
    guessed = mapping.propose(header, custom_targets(tenant_id))
    return [target or "" for target in guessed]


def get_import(principal: Principal, import_id: str) -> Import:
    item = _import(principal, import_id)
    proposed = proposal(principal.tenant_id, [str(h) for h in item.header]) if item.status == "ready" else []
    return to_import(item, proposed)


def list_imports(
    principal: Principal,
    *,
    status: str | None,
    user_id: str | None,
    date_from: date | None,
    date_to: date | None,
    cursor: str | None,
    limit: int,
) -> ImportPage:
    """Newest first, within the days asked (any day by default): one Query of the tenant's imports."""
    low, high = id_days(date_from, date_to, now().date())
    conditions: list[Condition] = []
    if status:
        conditions.append(ImportItem.status == status)
    if user_id:
        conditions.append(ImportItem.created_by == user_id)
    items, next_cursor = query_page(
        ImportItem,
        keys.imports(principal.tenant_id),
        limit=limit,
        cursor=cursor,
        range_condition=ImportItem.SK.between(keys.import_sk(low), keys.import_sk(high)),
        filter_condition=all_of(conditions),
    )
    return ImportPage(items=[to_import(item) for item in items], next_cursor=next_cursor)


# Starting -----------------------------------------------------------------------------------------


def _check_mapping(tenant_id: str, header: list[str], targets: list[str]) -> list[str]:
    if len(targets) != len(header):
        raise ValidationError(
            f"The file has {len(header)} columns: map each (an empty target skips it)",
            fields={"mapping": f"{len(targets)} targets for {len(header)} columns"},
        )
    known = {t.key for t in mapping.targets(custom_targets(tenant_id))}
    problems: dict[str, str] = {}
    used: dict[str, int] = {}
    for index, target in enumerate(targets):
        if not target:
            continue
        if target not in known:
            problems[f"mapping.{index}"] = f"{target} is not a field you can import into"
        elif target in used:
            problems[f"mapping.{index}"] = f"column {used[target] + 1} already goes to this field"
        used.setdefault(target, index)
    if problems:
        raise ValidationError("Some columns are mapped to fields that cannot take them", fields=problems)
    if not {"name", "first_name", "last_name", "email", "phone"} & set(used):
        raise ValidationError(
            "Map at least one column to a name, an email or a phone",
            code="nothing_identifies",
            fields={"mapping": "no name, email or phone column"},
        )
    return targets


def _check_options(principal: Principal, options: ImportOptions) -> dict[str, Any]:
    tenant_id = principal.tenant_id
    problems: dict[str, str] = {}
    plain = options.model_dump()
    if options.creates == "leads":
        pipelines = pipelines_of(tenant_id)
        chosen = next(
            (p for p in pipelines if p.pipeline.pipeline_id == options.pipeline_id),
            pipelines[0] if pipelines and not options.pipeline_id else None,
        )
        if chosen is None:
            problems["options.pipeline_id"] = "no such pipeline"
        else:
            plain["pipeline_id"] = chosen.pipeline.pipeline_id
            stage_ids = [s.stage_id for s in chosen.stages]
            if options.stage_id and options.stage_id not in stage_ids:
                problems["options.stage_id"] = "no such stage in this pipeline"
            elif not options.stage_id and stage_ids:
                plain["stage_id"] = stage_ids[0]
    owners = _owner_problem(tenant_id, options)
    if owners:
        problems["options.owner_ids"] = owners
    if problems:
        raise ValidationError("Some options are not valid", fields=problems)
    plain["role"] = principal.role.value
    return plain


def _owner_problem(tenant_id: str, options: ImportOptions) -> str | None:
    if options.owner_mode == "none":
        return None
    if not options.owner_ids:
        return "choose who owns the imported rows"
    if options.owner_mode == "user" and len(options.owner_ids) > 1:
        return "choose one owner, or round robin for several"
    team = {u.user_id: u for u in accounts.team_members(tenant_id)}
    for owner_id in options.owner_ids:
        user = team.get(owner_id)
        if user is None or user.status == "deactivated":
            return f"{owner_id} is not an active user of this account"
    return None


def start_event(principal: Principal, item: ImportItem, detail_type: str, **data: Any) -> DomainEvent:
    return DomainEvent(
        detail_type=detail_type,
        tenant_id=principal.tenant_id,
        actor_id=principal.user_id,
        subject_id=item.import_id,
        data={"import_id": item.import_id, "file_name": item.file_name, **data},
    )


def start_import(principal: Principal, import_id: str, request: ImportStart) -> Import:
    """Queue the run (202): the mapping and options are checked now, each row when it is read."""
    item = _import(principal, import_id)
    if item.status != "ready":
        raise ConflictError(_not_ready(item), code="import_not_ready")
    header = [str(h) for h in item.header]
    targets = _check_mapping(principal.tenant_id, header, list(request.mapping))
    options = _check_options(principal, request.options)
    at = iso()
    tx = Transaction()
    tx.update(
        "import",
        item,
        [
            ImportItem.status.set("queued"),
            ImportItem.mapping.set(targets),
            ImportItem.options.set(options),
            ImportItem.started_at.set(at),
            ImportItem.version.add(1),
        ],
        condition=ImportItem.status == "ready",
    )
    if request.save_template:
        template_id = new_id()
        columns = {header_key(h): t for h, t in zip(header, targets, strict=True) if header_key(h)}
        template = ImportTemplateItem(
            keys.imports(principal.tenant_id),
            keys.template_sk(template_id),
            template_id=template_id,
            name=request.save_template,
            columns=columns,
            options={k: v for k, v in options.items() if k != "role"},
            created_by=principal.user_id,
            created_at=at,
        )
        tx.put("template", template)
    event = start_event(principal, item, "ImportStarted", chunk=0, creates=options["creates"])
    tx.put("outbox", outbox_item(event))
    try:
        tx.commit()
    except TransactionCancelledError as error:
        raise ConflictError("This import has started already", code="import_not_ready") from error
    return to_import(_import(principal, import_id))


def _not_ready(item: ImportItem) -> str:
    if item.status in ("awaiting_upload", "inspecting"):
        return "The file is still being checked: wait a moment"
    if item.status == "rejected":
        return f"This file cannot be imported: {item.problem}"
    return "This import has started already"


def cancel_import(principal: Principal, import_id: str) -> Import:
    """Stop a queued or running import after its current chunk: what it wrote stays (undo removes it)."""
    item = _import(principal, import_id)
    if item.status in ("awaiting_upload", "inspecting", "ready", "rejected"):
        item.update(
            actions=[ImportItem.status.set("cancelled"), ImportItem.finished_at.set(iso())],
            condition=ImportItem.status.is_in("awaiting_upload", "inspecting", "ready", "rejected"),
        )
        return to_import(_import(principal, import_id))
    if item.status not in RUNNING:
        raise ConflictError("This import is not running", code="import_not_running")
    item.update(actions=[ImportItem.cancel_requested.set(True)], condition=ImportItem.status.is_in(*RUNNING))
    return to_import(_import(principal, import_id))


def undo_import(principal: Principal, import_id: str) -> Import:
    """Delete (soft: each can be restored) the contacts and leads the import created, in the
    background; the contacts it updated keep their new values."""
    item = _import(principal, import_id)
    deadline = undo_until(item)
    if item.status in ("undoing", "undone"):
        return to_import(item)
    if deadline is None:
        raise ConflictError("This import created nothing to undo", code="nothing_to_undo")
    if iso() > deadline:
        raise ConflictError(
            f"Undo was possible for {UNDO_DAYS} days after the import, until {deadline[:10]}",
            code="undo_expired",
        )
    tx = Transaction()
    tx.update(
        "import",
        item,
        [
            ImportItem.status.set("undoing"),
            ImportItem.undone_by.set(principal.user_id),
            ImportItem.version.add(1),
        ],
        condition=ImportItem.status.is_in(*FINISHED),
    )
    tx.put("outbox", outbox_item(start_event(principal, item, "ImportUndoRequested")))
    with contextlib.suppress(TransactionCancelledError):
        tx.commit()  # a double click: the first request queued it
    return to_import(_import(principal, import_id))


def problems_file(principal: Principal, import_id: str) -> ProblemsFile:
    item = _import(principal, import_id)
    if not int(item.problem_rows or 0) or item.status in RUNNING:
        raise NotFoundError(
            "This import has no problems file"
            if item.status not in RUNNING
            else "The import is still running",
            code="no_problems_file",
        )
    stem = item.file_name.rsplit(".", 1)[0]
    key = files.object_key(principal.tenant_id, import_id, "problems.csv")
    return ProblemsFile(url=uploads.download_link(key, f"{stem} - problems.csv"), rows=int(item.problem_rows))


# Templates ---------------------------------------------------------------------------------------


def _to_template(item: ImportTemplateItem) -> ImportTemplate:
    return ImportTemplate(
        template_id=item.template_id,
        name=item.name,
        columns={str(k): str(v) for k, v in as_plain(item.columns).items()},
        options=ImportOptions(**as_plain(item.options)),
        created_by=item.created_by,
        created_at=item.created_at,
    )


def list_templates(principal: Principal) -> ImportTemplateList:
    return ImportTemplateList(items=[_to_template(t) for t in _templates(principal.tenant_id)])


def delete_template(principal: Principal, template_id: str) -> None:
    item = ImportTemplateItem(keys.imports(principal.tenant_id), keys.template_sk(template_id))
    try:
        item.delete(condition=ImportTemplateItem.PK.exists())
    except DeleteError as error:
        raise NotFoundError("No such template", code="template_not_found") from error
