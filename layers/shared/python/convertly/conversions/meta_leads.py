"""Meta Lead Ads: the webhook's verification, and each notified lead taken into the CRM once.

GET answers Meta's subscription check (`hub.mode=subscribe`, `hub.verify_token`, `hub.challenge`).
POST is trusted only with a valid `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with the Meta
app's secret); then each `leadgen` change names a page, and the page's platform-level route names the
tenant (the tenant never comes from the body alone, and no Scan looks for it). The lead is read from
the Graph API with the tenant's access token and created with its Meta ids (lead, form, ad, ad set,
campaign, page) in one transaction with a record of its leadgen id, so a repeated notification
creates nothing.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from convertly.billing import service as usage
from convertly.contacts import service as contacts
from convertly.conversions import keys
from convertly.conversions import store as repo
from convertly.conversions.accounts import SecretOpener, open_accounts
from convertly.conversions.adapters.meta import MetaClient, MetaGraphError
from convertly.conversions.items import MetaLeadItem
from convertly.conversions.platform_apps import meta_app
from convertly.leads.service import (
    LEAD_SK,
    Lead,
    add_new_lead,
    apply_index_keys,
    copy_contact,
    lead_key,
    to_lead,
)
from convertly.pipelines.service import resolve_stage
from convertly.platform.clock import iso, new_id
from convertly.platform.errors import ForbiddenError, ServiceUnavailableError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.normalise import normalise_email, normalise_phone
from convertly.platform.observability import logger
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

Taken = Literal["created", "duplicate", "unknown_page", "not_configured", "refused"]
_CONTACT_FIELDS = {"email", "phone_number", "full_name", "first_name", "last_name", "company_name"}


@dataclass(frozen=True)
class MetaAppKeys:
    app_secret: str
    verify_token: str


@lru_cache(maxsize=1)
def meta_app_keys() -> MetaAppKeys:
    """The Meta app's secret and the webhook's verify token (convertly.conversions.platform_apps: the
    Secrets Manager secret named by META_APP_SECRET_ARN on AWS, the settings locally)."""
    app = meta_app()
    if not app.app_secret or not app.verify_token:
        raise ServiceUnavailableError("The Meta webhook is not configured here", code="meta_unavailable")
    return MetaAppKeys(app.app_secret, app.verify_token)


def verify_subscription(mode: str | None, token: str | None, challenge: str | None, app: MetaAppKeys) -> str:
    """The challenge to echo when Meta subscribes with our verify token; 403 otherwise."""
    if mode != "subscribe" or not token or not challenge or not hmac.compare_digest(token, app.verify_token):
        raise ForbiddenError("The verify token does not match", code="verify_token_mismatch")
    return challenge


def signature_valid(raw_body: bytes, header: str | None, app_secret: str) -> bool:
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(header.removeprefix("sha256="), expected)


@dataclass(frozen=True)
class LeadNotice:
    page_id: str
    leadgen_id: str
    form_id: str | None = None
    ad_id: str | None = None
    adgroup_id: str | None = None


def notices(payload: Any) -> list[LeadNotice]:
    """The leadgen changes of a page notification."""
    if not isinstance(payload, dict) or payload.get("object") != "page":
        return []
    found = []
    for entry in payload.get("entry") or []:
        for change in (entry or {}).get("changes") or []:
            value = (change or {}).get("value") or {}
            if change.get("field") == "leadgen" and value.get("leadgen_id"):
                found.append(
                    LeadNotice(
                        page_id=str(value.get("page_id") or entry.get("id") or ""),
                        leadgen_id=str(value["leadgen_id"]),
                        form_id=_text(value.get("form_id")),
                        ad_id=_text(value.get("ad_id")),
                        adgroup_id=_text(value.get("adgroup_id")),
                    )
                )
    return found


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _answers(lead: dict[str, Any]) -> dict[str, str]:
    answers = {}
    for field in lead.get("field_data") or []:
        values = field.get("values") or []
        if field.get("name") and values:
            answers[str(field["name"])] = str(values[0])
    return answers


def _valid(normalise: Any, value: str | None) -> str | None:
    try:
        result: str | None = normalise(value)
        return result
    except ValueError:
        return None


class MetaLeadIntake:
    """Takes notified Lead Ads leads into their tenants, with the Graph client and secrets injected."""

    def __init__(self, client: MetaClient | None = None, opener: SecretOpener | None = None) -> None:
        self._client = client
        self._opener = opener or SecretOpener()

    def take(self, notice: LeadNotice) -> Taken:
        """What became of one notified lead. A Graph API failure worth retrying raises, so Meta
        redelivers the notification."""
        tenant_id = repo.tenant_of_page(notice.page_id) if notice.page_id else None
        if tenant_id is None:
            logger.warning(
                "Lead Ads notification for a page no tenant registered", extra={"page_id": notice.page_id}
            )
            return "unknown_page"
        if repo.meta_lead(tenant_id, notice.leadgen_id) is not None:
            return "duplicate"
        accounts = open_accounts(
            tenant_id, repo.get_ads_settings(tenant_id), None, self._opener, frozenset({"meta"})
        )
        if accounts.meta is None:
            logger.warning("Lead Ads lead for a tenant without Meta settings", extra={"tenant_id": tenant_id})
            return "not_configured"
        self._client = self._client or MetaClient()
        try:
            lead = self._client.fetch_lead(accounts.meta.access_token, notice.leadgen_id)
        except MetaGraphError as error:
            if error.transient:
                raise
            logger.warning("Meta refused the lead", extra={"tenant_id": tenant_id, "reason": str(error)})
            return "refused"
        return self._create(tenant_id, notice, lead)

    def _create(self, tenant_id: str, notice: LeadNotice, graph: dict[str, Any]) -> Taken:
        answers = _answers(graph)
        full = answers.get("full_name", "").strip()
        first = answers.get("first_name") or (full.split(" ", 1)[0] if full else "")
        last = answers.get("last_name") or (full.split(" ", 1)[1] if " " in full else "")
        pipeline_id, stage_id = resolve_stage(tenant_id, None, None)
        at, lead_id, actor = iso(), new_id(), "meta:lead_ads"
        attribution = {
            "meta_lead_id": notice.leadgen_id,
            "meta_form_id": _text(graph.get("form_id")) or notice.form_id,
            "meta_ad_id": _text(graph.get("ad_id")) or notice.ad_id,
            "meta_adset_id": _text(graph.get("adset_id")) or notice.adgroup_id,
            "meta_campaign_id": _text(graph.get("campaign_id")),
            "meta_page_id": notice.page_id,
            "captured_at": at,
            "submitted_at": _text(graph.get("created_time")),
            "utm_source": "facebook",
            "utm_medium": "lead_ads",
        }
        lead = Lead(
            lead_key(tenant_id, lead_id),
            LEAD_SK,
            lead_id=lead_id,
            tenant_id=tenant_id,
            first_name=first[:100],
            last_name=last[:100],
            email=_valid(normalise_email, answers.get("email")),
            phone=_valid(normalise_phone, answers.get("phone_number")),
            company=(answers.get("company_name") or None),
            value=0,
            currency="USD",
            source="meta_ads",
            custom_fields={k[:64]: v[:500] for k, v in answers.items() if k not in _CONTACT_FIELDS},
            attribution={k: v for k, v in attribution.items() if v},
            pipeline_id=pipeline_id,
            stage_id=stage_id,
            stage_entered_at=at,
            created_at=at,
            created_by=actor,
            updated_at=at,
        )
        # The person: the contact with this email or phone (as a form matches), else a new one.
        person = {f: getattr(lead, f) for f in ("first_name", "last_name", "email", "phone", "company")}
        contact = contacts.plan_contact(
            tenant_id, person, at=at, actor=actor, owner_id=None, source="meta_ads", phone_alone=True
        )
        copy_contact(lead, contact.contact)
        apply_index_keys(lead)
        taken = MetaLeadItem(
            keys.meta_leads(tenant_id),
            notice.leadgen_id,
            leadgen_id=notice.leadgen_id,
            lead_id=lead_id,
            page_id=notice.page_id,
            created_at=at,
        )

        def transaction(over_limit: bool) -> Transaction:
            lead.over_limit = True if over_limit else None
            tx = Transaction()
            tx.put("meta_lead", taken, condition=MetaLeadItem.PK.does_not_exist())
            event = DomainEvent(
                detail_type="LeadCreated",
                tenant_id=tenant_id,
                actor_id=actor,
                subject_id=lead_id,
                data={
                    "lead": to_lead(lead).model_dump(mode="json"),
                    "meta": {"leadgen_id": notice.leadgen_id},
                },
            )
            add_new_lead(tx, lead, actor, event.event_id)
            contacts.write_contact_plan(tx, contact, lead_id, pipeline_id, at)
            tx.put("outbox", outbox_item(event))
            return tx

        try:
            # A lead from an ad is never lost: over the plan's limit it is kept and counted apart.
            usage.commit_new_lead(tenant_id, transaction, keep_over_limit=True)
        except TransactionCancelledError as error:
            if "meta_lead" in error.failed:
                return "duplicate"
            raise
        return "created"
