"""Ad platform settings, connection tests, the conversions log and replays: the Settings and
Conversions pages' use cases.

Secrets (Google's developer token, client secret and refresh token; Meta's access token) are sealed
with KMS per tenant and per field the moment they arrive, and never leave again: the API shows their
last four characters. Facebook pages named in the Meta settings get a platform-level route to the
tenant (refused while another tenant holds the page), which is how a signed Lead Ads notification
finds its tenant. "Connect Google Ads" and "Connect Meta" (convertly.conversions.connect) store their
tokens through `change_platform`, the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from secrets import randbelow
from typing import Any, Literal

from pydantic import BaseModel, SecretStr

from convertly.accounts import service as tenants
from convertly.conversions import keys, rows
from convertly.conversions import store as repo
from convertly.conversions.accounts import (
    GOOGLE_SECRETS,
    META_REQUIRED,
    META_SECRETS,
    SecretOpener,
    google_missing,
    missing,
    open_accounts,
    purpose,
)
from convertly.conversions.adapters.google import GoogleAdsClient
from convertly.conversions.adapters.meta import MetaClient
from convertly.conversions.adapters.outcome import FINAL_ON_REPLAY, Outcome, Status
from convertly.conversions.dispatch import REPLAY_REQUESTED, job_from_spec
from convertly.conversions.domain.conversions import (
    LEDGER_MAX_PAGE,
    AdsSettingsUpdate,
    AdsSettingsView,
    ConnectionTestRequest,
    ConnectionTestResult,
    ConversionKind,
    GoogleAdsSettingsView,
    LedgerEntry,
    LedgerFilters,
    LedgerPage,
    LocaleOption,
    MetaSettingsView,
    Platform,
    ReplayRequest,
    ReplayResult,
)
from convertly.conversions.items import AdsSettingsItem, ConversionItem, LedgerEntryItem, MetaPageRouteItem
from convertly.conversions.platform_apps import google_ads_app, meta_app
from convertly.leads.service import visible_lead
from convertly.pipelines.service import pipelines_of
from convertly.platform.clock import iso, new_id
from convertly.platform.errors import ConflictError, ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.locales import LOCALES
from convertly.platform.principal import Principal
from convertly.platform.secret_box import KmsSecretBox, SecretBox
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.items import plain
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

MASK = "••••"
CONNECTION_FIELDS = ("connection", "connected_at", "connected_by")
REPLAY_JOBS_PER_EVENT = 50
REPLAY_MAX_JOBS = 500

# Per warm container: opened secrets and the platform clients (Google's access tokens live in its client).
OPENER = SecretOpener()
GOOGLE = GoogleAdsClient
META = MetaClient


def masked(secret: dict[str, Any] | None) -> str | None:
    return f"{MASK}{secret.get('last4', '')}" if secret else None


# Settings ------------------------------------------------------------------------------------------


def _view(item: AdsSettingsItem | None, tenant: tenants.Tenant | None) -> AdsSettingsView:
    google = plain(item.google) if item is not None and item.google else {}
    meta = plain(item.meta) if item is not None and item.meta else {}
    lacking_google, lacking_meta = google_missing(google, google_ads_app()), missing(meta, META_REQUIRED)
    return AdsSettingsView(
        google_ads=GoogleAdsSettingsView(
            configured=not lacking_google,
            missing=lacking_google,
            can_connect=google_ads_app().can_connect,
            connected=bool(google.get("refresh_token")),
            connection=google.get("connection"),
            connected_at=google.get("connected_at"),
            customer_id=google.get("customer_id"),
            customer_name=google.get("customer_name"),
            login_customer_id=google.get("login_customer_id"),
            conversion_action_id=google.get("conversion_action_id"),
            conversion_action_name=google.get("conversion_action_name"),
            client_id=google.get("client_id"),
            **{name: masked(google.get(name)) for name in GOOGLE_SECRETS},
        ),
        meta=MetaSettingsView(
            configured=not lacking_meta,
            missing=lacking_meta,
            can_connect=meta_app().can_connect,
            connected=bool(meta.get("access_token")),
            connection=meta.get("connection"),
            connected_at=meta.get("connected_at"),
            dataset_id=meta.get("dataset_id"),
            dataset_name=meta.get("dataset_name"),
            access_token=masked(meta.get("access_token")),
            test_event_code=meta.get("test_event_code"),
            page_ids=[str(page) for page in meta.get("page_ids") or []],
            stage_events={str(k): str(v) for k, v in (meta.get("stage_events") or {}).items()},
        ),
        timezone=(tenant.timezone if tenant is not None else None) or "UTC",
        default_country=(tenant.country if tenant is not None else None) or "US",
        locale=tenant.locale if tenant is not None else None,
        locales=[LocaleOption(tag=tag, name=name) for tag, name in LOCALES.items()],
        updated_at=item.updated_at if item is not None else None,
    )


def get_settings(principal: Principal) -> AdsSettingsView:
    return _view(repo.get_ads_settings(principal.tenant_id), tenants.get_tenant(principal.tenant_id))


def _merged(
    stored: dict[str, Any], update: BaseModel, platform: str, secret_names: tuple[str, ...], seal: Any
) -> dict[str, Any]:
    """`stored` with the fields the update names: "" removes one, a secret is sealed as it arrives."""
    merged = dict(stored)
    for name in update.model_fields_set:
        value = getattr(update, name)
        if isinstance(value, SecretStr):
            value = value.get_secret_value().strip()
        if value in (None, "", [], {}):
            merged.pop(name, None)
        elif name in secret_names:
            merged[name] = {"sealed": seal(value, purpose(platform, name)), "last4": value[-4:]}
        else:
            merged[name] = value
    return merged


def connected(stored: dict[str, Any], how: str, user_id: str) -> dict[str, Any]:
    """`stored` marked as connected now, by `how` (oauth or manual)."""
    return {**stored, "connection": how, "connected_at": iso(), "connected_by": user_id}


def disconnected(stored: dict[str, Any], token_name: str) -> dict[str, Any]:
    """`stored` without its token and the marks of its connection."""
    return {k: v for k, v in stored.items() if k not in (token_name, *CONNECTION_FIELDS)}


def _marked(stored: dict[str, Any], update: BaseModel, token_name: str, user_id: str) -> dict[str, Any]:
    """A token typed by hand makes a manual connection; a token removed ends the connection."""
    if token_name not in update.model_fields_set:
        return stored
    if stored.get(token_name):
        return connected(stored, "manual", user_id)
    return disconnected(stored, token_name)


def new_test_event_code() -> str:
    """A test event code in Meta's shape (TEST and digits); it only ever marks the connection test."""
    return f"TEST{randbelow(90000) + 10000}"


def change_platform(
    tenant_id: str, user_id: str, platform: Platform, change: Callable[[dict[str, Any]], dict[str, Any]]
) -> None:
    """Apply `change` to one platform's stored settings, on the current version (read again and
    retried when another save came first)."""
    for attempt in range(3):
        item = repo.get_ads_settings(tenant_id) or AdsSettingsItem(
            platform_keys.tenant(tenant_id), keys.ADS_SETTINGS_SK
        )
        name = "google" if platform is Platform.GOOGLE_ADS else "meta"
        stored = plain(getattr(item, name)) if getattr(item, name) else {}
        setattr(item, name, change(stored) or None)
        item.updated_at, item.updated_by = iso(), user_id
        tx = Transaction()
        tx.put("settings", item)
        try:
            tx.commit()
            return
        except TransactionCancelledError:
            if attempt == 2:
                raise ConflictError(
                    "The settings changed meanwhile: reload them and try again", code="stale_version"
                ) from None


def update_settings(
    principal: Principal, request: AdsSettingsUpdate, secrets: SecretBox | None = None
) -> AdsSettingsView:
    """Save what the request names; pages newly named get their route (409 if another tenant has it),
    and a CRM event may be mapped only to one of the tenant's stages (422)."""
    tenant_id = principal.tenant_id
    box = secrets or KmsSecretBox()
    if request.meta is not None:
        _check_stages(tenant_id, request.meta.stage_events)

    def seal(value: str, purpose_name: str) -> str:
        return box.seal(value, tenant_id, purpose_name)

    item = repo.get_ads_settings(tenant_id) or AdsSettingsItem(
        platform_keys.tenant(tenant_id), keys.ADS_SETTINGS_SK
    )
    google = plain(item.google) if item.google else {}
    meta = plain(item.meta) if item.meta else {}
    old_pages = set(meta.get("page_ids") or [])
    sent = request.model_fields_set
    user_id = principal.user_id
    if "google_ads" in sent:
        google = (
            _marked(
                _merged(google, request.google_ads, "google_ads", GOOGLE_SECRETS, seal),
                request.google_ads,
                "refresh_token",
                user_id,
            )
            if request.google_ads
            else {}
        )
    if "meta" in sent:
        meta = (
            _marked(
                _merged(meta, request.meta, "meta", META_SECRETS, seal), request.meta, "access_token", user_id
            )
            if request.meta
            else {}
        )
    item.google, item.meta = google or None, meta or None
    item.updated_at, item.updated_by = iso(), principal.user_id
    tx = Transaction()
    tx.put("settings", item)
    new_pages = set(meta.get("page_ids") or [])
    for page in sorted(new_pages - old_pages):
        free = MetaPageRouteItem.PK.does_not_exist() | (MetaPageRouteItem.tenant_id == tenant_id)
        tx.put(f"page:{page}", repo.page_route(tenant_id, page), condition=free)
    for page in sorted(old_pages - new_pages):
        tx.delete(
            f"unpage:{page}",
            repo.page_route(tenant_id, page),
            condition=MetaPageRouteItem.tenant_id == tenant_id,
        )
    _tenant_fields(tx, principal, request)
    try:
        tx.commit()
    except TransactionCancelledError as error:
        _refused(error)
    return get_settings(principal)


def _check_stages(tenant_id: str, stage_events: dict[str, str] | None) -> None:
    """Every stage a CRM event is mapped to is one of the tenant's (422 per unknown stage)."""
    if not stage_events:
        return
    known = {stage.stage_id for pipeline in pipelines_of(tenant_id) for stage in pipeline.stages}
    unknown = sorted(set(stage_events) - known)
    if unknown:
        raise ValidationError(
            "A stage in stage_events is not one of this account's stages",
            fields={f"meta.stage_events.{stage_id}": "no such stage" for stage_id in unknown},
        )


def _tenant_fields(tx: Transaction, principal: Principal, request: AdsSettingsUpdate) -> None:
    """The tenant's time zone, default country and number and date format (sent as "" or null, the
    format goes back to each browser's own); a new time zone moves every day the reports count in, so
    it is recorded as an event (the analytics recount)."""
    tenant_id = principal.tenant_id
    locale = (request.locale or "") if "locale" in request.model_fields_set else None
    tenants.update_region(
        tx, tenant_id, timezone=request.timezone, country=request.default_country, locale=locale
    )
    if not request.timezone:
        return
    tenant = tenants.get_tenant(tenant_id)
    before = str(tenant.timezone) if tenant is not None and tenant.timezone else "UTC"
    if before != request.timezone:
        changed = DomainEvent(
            detail_type="TenantTimezoneChanged",
            tenant_id=tenant_id,
            actor_id=principal.user_id,
            subject_id=tenant_id,
            data={"from": before, "to": request.timezone},
        )
        tx.put("outbox", outbox_item(changed))


def _refused(error: TransactionCancelledError) -> None:
    taken = [label.split(":", 1)[1] for label in error.failed if label.startswith("page:")]
    if taken:
        raise ConflictError(
            "A Facebook page is connected to another Convertly account",
            code="page_taken",
            fields={"meta.page_ids": f"page {', '.join(taken)} belongs to another account"},
        ) from error
    raise ConflictError(
        "The settings changed meanwhile: reload them and try again", code="stale_version"
    ) from error


# Connection test -----------------------------------------------------------------------------------


def check_connection(
    principal: Principal,
    request: ConnectionTestRequest,
    google: GoogleAdsClient | None = None,
    meta: MetaClient | None = None,
    opener: SecretOpener | None = None,
) -> ConnectionTestResult:
    """Google with a validate-only upload, Meta with a test event under the test event code (one is
    generated and kept when the settings have none: the test event must never count as a purchase)."""
    tenant_id, platform = principal.tenant_id, request.platform
    accounts = open_accounts(
        tenant_id,
        repo.get_ads_settings(tenant_id),
        tenants.get_tenant(tenant_id),
        opener or OPENER,
        frozenset({platform.value}),
    )
    at = iso(datetime.now(UTC))
    if platform is Platform.GOOGLE_ADS:
        if accounts.google is None:
            return _not_ready(platform, f"Google Ads is not ready yet: {_lacking(accounts.google_missing)}.")
        probe = rows.connection_probe(accounts.google.conversion_action, at, accounts.timezone)
        outcome = (google or GOOGLE()).check_connection(accounts.google, probe)
        return _result(platform, "Google Ads", outcome, "validate only: nothing was recorded")
    if accounts.meta is None:
        return _not_ready(platform, f"Meta is not ready yet: {_lacking(accounts.meta_missing)}.")
    code = accounts.meta_test_event_code or _keep_test_event_code(tenant_id, principal.user_id)
    credentials = replace(accounts.meta, test_event_code=code)
    outcome = (meta or META()).check_connection(credentials, rows.meta_probe(at, f"test-{new_id()}"))
    return _result(platform, "Meta", outcome, f"test event code {code}: it shows under Test events only")


_LACKING = {
    "refresh_token": "connect Google Ads",
    "customer_id": "choose the account",
    "conversion_action_id": "choose the conversion action",
    "developer_token": "a developer token",
    "client_id": "an OAuth client ID",
    "client_secret": "an OAuth client secret",
    "access_token": "connect Meta",
    "dataset_id": "choose the dataset (pixel)",
}


def _lacking(names: list[str]) -> str:
    return ", ".join(_LACKING.get(name, name.replace("_", " ")) for name in names)


def _keep_test_event_code(tenant_id: str, user_id: str) -> str:
    """A new test event code, saved with the Meta settings (the one another request saved first wins)."""
    kept: dict[str, str] = {}

    def add(meta: dict[str, Any]) -> dict[str, Any]:
        kept["code"] = str(meta.get("test_event_code") or new_test_event_code())
        return {**meta, "test_event_code": kept["code"]}

    change_platform(tenant_id, user_id, Platform.META, add)
    return kept["code"]


def _not_ready(platform: Platform, message: str) -> ConnectionTestResult:
    return ConnectionTestResult(platform=platform, ok=False, state="not_ready", message=message)


def _result(platform: Platform, name: str, outcome: Outcome, note: str) -> ConnectionTestResult:
    state: Literal["connected", "refused", "unreachable"]
    if outcome.status is Status.SENT:
        message, state = f"Connected: {name} accepted the test ({note}).", "connected"
    elif outcome.transient:
        message = f"{name} could not be reached just now: {outcome.message}. Try again in a minute."
        state = "unreachable"
    else:
        message, state = f"{name} refused the test: {outcome.message}", "refused"
    return ConnectionTestResult(
        platform=platform,
        ok=outcome.status is Status.SENT,
        state=state,
        message=message,
        request_id=outcome.request_id,
    )


# Ledger ----------------------------------------------------------------------------------------------


def to_entry(item: LedgerEntryItem) -> LedgerEntry:
    return LedgerEntry(
        entry_id=item.entry_id,
        lead_id=item.lead_id,
        job_id=item.job_id,
        kind=ConversionKind(item.kind),
        platform=Platform(item.platform),
        status=Status(item.status),
        at=item.at,
        dedupe_id=item.dedupe_id,
        request_id=item.request_id,
        message=item.message,
        payload_hash=item.payload_hash,
        identifier=item.identifier,
        value=item.value_minor / 100 if item.value_minor is not None else None,
        currency=item.currency,
        held_value=item.held_minor / 100 if item.held_minor is not None else None,
        attempt=int(item.attempt or 1),
    )


def conversions_log(
    principal: Principal, filters: LedgerFilters, cursor: str | None, limit: int
) -> LedgerPage:
    limit = max(1, min(limit, LEDGER_MAX_PAGE))
    status = filters.status.value if filters.status else None
    platform = filters.platform.value if filters.platform else None
    items, next_cursor = repo.query_log(principal.tenant_id, status, platform, limit, cursor)
    return LedgerPage(items=[to_entry(item) for item in items], next_cursor=next_cursor)


def lead_ledger(principal: Principal, lead_id: str) -> LedgerPage:
    """Every attempt for one lead, newest first (Sales: their own leads only)."""
    visible_lead(principal, lead_id)
    return LedgerPage(
        items=[to_entry(i) for i in repo.lead_entries(principal.tenant_id, lead_id)], next_cursor=None
    )


# Replay ----------------------------------------------------------------------------------------------


def _unsent(item: ConversionItem) -> bool:
    statuses = [(plain(getattr(item, p.value)) or {}).get("status") for p in Platform]
    return any(status is not None and status not in FINAL_ON_REPLAY for status in statuses) or not any(
        statuses
    )


def _spec(item: ConversionItem) -> dict[str, Any]:
    spec = {
        "lead_id": item.lead_id,
        "job_id": item.job_id,
        "kind": item.kind,
        "occurred_at": item.occurred_at,
        "dedupe_id": "" if item.dedupe_id == "-" else item.dedupe_id,
        "value_minor": int(item.value_minor or 0),
        "currency": item.currency,
        "event_name": item.event_name,
        "stage_id": item.stage_id,
    }
    job_from_spec("check", spec)  # a spec the consumer cannot read must fail here, not in the queue
    return spec


def replay(principal: Principal, request: ReplayRequest) -> ReplayResult:
    """Queue the conversions again (through the outbox, to the conversions queue): one lead's unsent
    ones, or every dead-lettered one of the tenant. The consumer then retries every outcome but `sent`."""
    tenant_id = principal.tenant_id
    if request.lead_id:
        visible_lead(principal, request.lead_id)
        items = [c for c in repo.lead_conversions(tenant_id, request.lead_id) if _unsent(c)]
        source: Literal["lead", "dead_lettered"] = "lead"
    else:
        items = _dead_lettered(tenant_id)
        source = "dead_lettered"
    specs = [_spec(item) for item in items[:REPLAY_MAX_JOBS]]
    if specs:
        tx = Transaction()
        for start in range(0, len(specs), REPLAY_JOBS_PER_EVENT):
            event = DomainEvent(
                detail_type=REPLAY_REQUESTED,
                tenant_id=tenant_id,
                actor_id=principal.user_id,
                subject_id=request.lead_id,
                data={"jobs": specs[start : start + REPLAY_JOBS_PER_EVENT], "source": source},
            )
            tx.put(f"outbox:{start}", outbox_item(event))
        tx.commit()
    lead_ids = list(dict.fromkeys(spec["lead_id"] for spec in specs))
    return ReplayResult(requested=len(specs), lead_ids=lead_ids, source=source)


def _dead_lettered(tenant_id: str) -> list[ConversionItem]:
    """The conversions whose latest outcome on some platform is still dead_lettered."""
    cursor: str | None = None
    seen: set[tuple[str, str]] = set()
    while len(seen) < REPLAY_MAX_JOBS:
        page, cursor = repo.query_log(tenant_id, Status.DEAD_LETTERED.value, None, LEDGER_MAX_PAGE, cursor)
        seen |= {(e.lead_id, e.job_id) for e in page}
        if cursor is None:
            break
    found = []
    for lead_id, job_id in sorted(seen):
        for item in repo.lead_conversions(tenant_id, lead_id):
            if item.job_id == job_id and any(
                (plain(getattr(item, p.value)) or {}).get("status") == Status.DEAD_LETTERED for p in Platform
            ):
                found.append(item)
    return found
