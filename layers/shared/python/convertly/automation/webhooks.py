"""Outbound webhooks: a workflow's webhook step posts the contact and its lead as JSON to a URL.

The step writes the delivery (pending) and a `WebhookQueued` event in its own completion
transaction (`outbound_writes`); the `webhook_sender` consumer posts it, signed with the tenant's
secret, and records every attempt (convertly.automation.webhook_delivery). A person may replay a
delivery: the same body and delivery id, a new attempt with a new signature.

Where a webhook may go (`url_problem`): HTTPS on AWS, and never a private, loopback or link-local
address (the host is resolved again when it is sent, and the request goes to the address checked).
The local stack may post to receivers on its own machine (`ALLOW_PRIVATE_WEBHOOKS`).
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from convertly.automation import keys
from convertly.automation import store as repo
from convertly.automation.domain import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookDeliveryPage,
    WebhookSecret,
)
from convertly.automation.events import WEBHOOK_QUEUED
from convertly.automation.items import (
    WebhookAttemptItem,
    WebhookDeliveryItem,
    WebhookReplayItem,
)
from convertly.automation.webhook_secrets import (
    SecretOpener,
    previous_valid_until,
    rotate,
    tenant_secret_item,
)
from convertly.billing import service as billing
from convertly.platform.clock import iso, new_id
from convertly.platform.config import get_settings
from convertly.platform.errors import ConflictError, NotFoundError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.money import from_cents
from convertly.platform.principal import Principal
from convertly.platform.store.items import plain
from convertly.platform.store.paging import query_page
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

EVENT = "workflow.step"
USER_AGENT = "Convertly-Webhooks/1"

# Where a webhook may go ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UrlPolicy:
    https_only: bool
    allow_private: bool

    @classmethod
    def from_settings(cls) -> UrlPolicy:
        settings = get_settings()
        return cls(https_only=settings.environment != "local", allow_private=settings.allow_private_webhooks)


Resolver = Callable[[str, int], list[str]]


def resolve_host(host: str, port: int) -> list[str]:
    """The host's addresses, IPv4 first (the resolver's order within each)."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    return sorted(addresses, key=lambda address: ":" in address)


def private_address(address: str) -> bool:
    """Not an address on the public internet: private, loopback, link-local, shared, reserved,
    multicast or unspecified (an IPv4-mapped IPv6 address is judged as its IPv4 one)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


_LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".localdomain")


def _literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


def _shape_problem(url: str, policy: UrlPolicy) -> str | None:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return "The URL is not valid"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "Give a full URL, such as https://example.com/hooks/convertly"
    if policy.https_only and parts.scheme != "https":
        return "Use an https:// URL: webhooks are sent over HTTPS only"
    if parts.username is not None or parts.password is not None:
        return "Leave the user name and password out of the URL: the signature proves the sender"
    if port == 0:
        return "The URL's port is not valid"
    return None


def url_problem(
    url: str, *, resolve: bool = False, policy: UrlPolicy | None = None, resolver: Resolver = resolve_host
) -> str | None:
    """Why a webhook may not be sent to `url`, or None. `resolve`: also look the host name up and
    refuse it when any of its addresses is private (what the sender does before each attempt)."""
    policy = policy or UrlPolicy.from_settings()
    problem = _shape_problem(url, policy)
    if problem or policy.allow_private:
        return problem
    parts = urlsplit(url.strip())
    host = str(parts.hostname).rstrip(".").lower()
    literal = _literal(host)
    if literal is not None:
        return (
            "Use a public address: private, loopback and link-local ones are refused"
            if private_address(literal)
            else None
        )
    if host == "localhost" or host.endswith(_LOCAL_NAMES):
        return "Use a public host name: local ones are refused"
    if not resolve:
        return None
    try:
        addresses = resolver(host, parts.port or (443 if parts.scheme == "https" else 80))
    except OSError:
        return f"The host name {host} does not resolve"
    if not addresses:
        return f"The host name {host} does not resolve"
    if any(private_address(address) for address in addresses):
        return f"{host} resolves to a private address, which webhooks may not reach"
    return None


# What is sent -------------------------------------------------------------------------------------

CONTACT_FIELDS = (
    "contact_id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "country",
    "company_id",
    "company_name",
    "role",
    "owner_id",
    "source",
    "website",
    "time_zone",
    "created_at",
    "updated_at",
)
UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")


def _name(first: Any, last: Any) -> str:
    return " ".join(str(p) for p in (first, last) if p)


def _contact_payload(contact: Any) -> dict[str, Any]:
    body: dict[str, Any] = {name: getattr(contact, name, None) for name in CONTACT_FIELDS}
    body["id"] = body.pop("contact_id")
    body["name"] = _name(contact.first_name, contact.last_name) or None
    body["emails"] = [str(e) for e in getattr(contact, "emails", None) or []]
    body["phones"] = [str(p) for p in getattr(contact, "phones", None) or []]
    body["tags"] = [str(t) for t in contact.tags or []]
    body["custom_fields"] = plain(getattr(contact, "custom_fields", None))
    body["consent"] = plain(getattr(contact, "consent", None))
    body["address"] = plain(getattr(contact, "address", None))
    return body


def _major(minor: Any) -> float:
    """A stored value (hundredths, see money.to_cents) in major units: 125000 -> 1250.0, 123.4 -> 1.234."""
    return float(from_cents(minor))


def _lead_payload(
    lead: Any, owner: Any | None, stages: Mapping[str, tuple[str, str]], pipelines: Mapping[str, str]
) -> dict[str, Any]:
    attribution = plain(getattr(lead, "attribution", None))
    last_touch = plain(lead.last_touch) if getattr(lead, "last_touch", None) else attribution
    stage_name = stages.get(str(lead.stage_id), ("", ""))[1] or None
    return {
        "id": lead.lead_id,
        "name": _name(lead.first_name, lead.last_name) or None,
        "first_name": lead.first_name,
        "last_name": lead.last_name,
        "email": lead.email,
        "phone": lead.phone,
        "company": lead.company,
        "value": _major(lead.value),
        "currency": lead.currency or "USD",
        "close_date": lead.close_date,
        "source": lead.source,
        "stage": {"id": lead.stage_id, "name": stage_name},
        "pipeline": {"id": lead.pipeline_id, "name": pipelines.get(str(lead.pipeline_id))},
        "owner": (
            {"id": str(owner.user_id), "name": owner.name, "email": owner.email}
            if owner is not None
            else ({"id": lead.owner_id, "name": None, "email": None} if lead.owner_id else None)
        ),
        "tags": [str(t) for t in lead.tags or []],
        "custom_fields": plain(lead.custom_fields),
        "utm": {name: attribution.get(name) for name in UTM_FIELDS},
        "attribution": attribution,
        "last_touch": last_touch,
        "lost_reason": lead.lost_reason,
        "created_at": lead.created_at,
        "updated_at": lead.updated_at,
    }


def payload_of(
    *,
    delivery_id: str,
    workflow_id: str,
    workflow_name: str,
    enrolment_id: str,
    step_id: str,
    contact: Any | None,
    lead: Any | None,
    now: datetime,
    owner: Any | None = None,
    stages: Mapping[str, tuple[str, str]] | None = None,
    pipelines: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The JSON a webhook step sends: the contact's public fields (custom fields, tags, consent
    included) and its lead (value in major units; its stage, pipeline, owner and first touch) or
    null. `stages` maps a stage id to (pipeline id, stage name), `pipelines` a pipeline id to its
    name, `owner` is the lead's owner (a user); each may be left out (ids only)."""
    return {
        "id": delivery_id,
        "type": EVENT,
        "created_at": iso(now),
        "workflow": {"id": workflow_id, "name": workflow_name},
        "enrolment_id": enrolment_id,
        "step_id": step_id,
        "contact": _contact_payload(contact) if contact is not None else None,
        "lead": (
            _lead_payload(lead, owner, stages or {}, pipelines or {})
            if lead is not None and not getattr(lead, "deleted_at", None)
            else None
        ),
    }


def body_of(payload: Mapping[str, Any]) -> str:
    """The payload as sent: compact JSON, UTF-8, in the payload's key order."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False, default=str)


def _lookups(
    tenant_id: str, lead: Any | None
) -> tuple[Any | None, dict[str, tuple[str, str]], dict[str, str]]:
    """The lead's owner and the names of the tenant's stages and pipelines (for the payload)."""
    if lead is None:
        return None, {}, {}
    from convertly.accounts import service as accounts
    from convertly.pipelines import service as pipeline_service

    owner = accounts.get_user(tenant_id, str(lead.owner_id)) if lead.owner_id else None
    stages: dict[str, tuple[str, str]] = {}
    names: dict[str, str] = {}
    for entry in pipeline_service.pipelines_of(tenant_id):
        pipeline_id = str(entry.pipeline.pipeline_id)
        names[pipeline_id] = str(entry.pipeline.name)
        for stage in entry.stages:
            stages[str(stage.stage_id)] = (pipeline_id, str(stage.name))
    return owner, stages, names


def delivery_item(
    *,
    tenant_id: str,
    delivery_id: str,
    url: str,
    workflow_id: str,
    workflow_name: str,
    enrolment_id: str,
    step_id: str,
    body: str,
    now: datetime,
) -> WebhookDeliveryItem:
    at = iso(now)
    item = WebhookDeliveryItem(
        keys.delivery(tenant_id, delivery_id),
        keys.DELIVERY_SK,
        delivery_id=delivery_id,
        tenant_id=tenant_id,
        workflow_id=workflow_id,
        workflow_name=workflow_name,
        enrolment_id=enrolment_id,
        step_id=step_id,
        url=url,
        event=EVENT,
        body=body,
        status="pending",
        round=0,
        attempts=0,
        created_at=at,
        updated_at=at,
    )
    item.GSI1PK = keys.workflow_deliveries(tenant_id, workflow_id)
    item.GSI1SK = f"{at}#{delivery_id}"
    return item


def queued_event(
    tenant_id: str, delivery_id: str, workflow_id: str, round_: int, now: datetime
) -> DomainEvent:
    """Send this delivery (its `round`: 0, or the replay's)."""
    return DomainEvent(
        detail_type=WEBHOOK_QUEUED,
        tenant_id=tenant_id,
        subject_id=delivery_id,
        occurred_at=iso(now),
        data={"delivery_id": delivery_id, "workflow_id": workflow_id, "round": round_},
    )


def outbound_writes(
    *,
    tenant_id: str,
    delivery_id: str,
    url: str,
    workflow_id: str,
    workflow_name: str,
    enrolment_id: str,
    step_id: str,
    contact: Any | None,
    lead: Any | None,
    now: datetime,
) -> list[Callable[[Transaction], None]]:
    """What a webhook step adds to its completion transaction: the delivery (pending; put only if
    absent, so the same delivery id twice writes once) and its `WebhookQueued` event (outbox). The
    payload is made now, from the contact and lead as the step sees them."""
    owner, stages, names = _lookups(tenant_id, lead)
    payload = payload_of(
        delivery_id=delivery_id,
        workflow_id=workflow_id,
        workflow_name=workflow_name,
        enrolment_id=enrolment_id,
        step_id=step_id,
        contact=contact,
        lead=lead,
        now=now,
        owner=owner,
        stages=stages,
        pipelines=names,
    )
    item = delivery_item(
        tenant_id=tenant_id,
        delivery_id=delivery_id,
        url=url,
        workflow_id=workflow_id,
        workflow_name=workflow_name,
        enrolment_id=enrolment_id,
        step_id=step_id,
        body=body_of(payload),
        now=now,
    )
    event = queued_event(tenant_id, delivery_id, workflow_id, 0, now)

    def put_delivery(tx: Transaction) -> None:
        tx.put("webhook_delivery", item, condition=WebhookDeliveryItem.PK.does_not_exist())

    def put_event(tx: Transaction) -> None:
        tx.put("webhook_queued", outbox_item(event))

    return [put_delivery, put_event]


# Reads and replays --------------------------------------------------------------------------------


def get_delivery_item(tenant_id: str, delivery_id: str) -> WebhookDeliveryItem | None:
    if not delivery_id or len(delivery_id) > 64:
        return None
    try:
        return WebhookDeliveryItem.get(
            keys.delivery(tenant_id, delivery_id), keys.DELIVERY_SK, consistent_read=True
        )
    except WebhookDeliveryItem.DoesNotExist:
        return None


def attempts_of(tenant_id: str, delivery_id: str) -> list[WebhookAttemptItem]:
    found = WebhookAttemptItem.query(
        keys.delivery(tenant_id, delivery_id),
        WebhookAttemptItem.SK.startswith(keys.attempt_sk()),
        consistent_read=True,
    )
    return sorted(found, key=lambda a: int(a.number))


def to_attempt(item: WebhookAttemptItem) -> WebhookAttempt:
    return WebhookAttempt(
        number=int(item.number),
        round=int(item.round or 0),
        at=item.at,
        outcome=item.outcome,  # type: ignore[arg-type]
        status_code=int(item.status_code) if item.status_code is not None else None,
        duration_ms=int(item.duration_ms or 0),
        response_excerpt=item.response_excerpt,
        error=item.error,
    )


def to_delivery(
    item: WebhookDeliveryItem, attempts: list[WebhookAttemptItem] | None = None
) -> WebhookDelivery:
    detail = attempts is not None
    return WebhookDelivery(
        delivery_id=item.delivery_id,
        workflow_id=item.workflow_id,
        workflow_name=item.workflow_name,
        enrolment_id=item.enrolment_id,
        step_id=item.step_id,
        url=item.url,
        event=item.event or EVENT,
        status=item.status,  # type: ignore[arg-type]
        replays=int(item.round or 0),
        attempts=int(item.attempts or 0),
        last_status_code=int(item.last_status_code) if item.last_status_code is not None else None,
        last_attempt_at=item.last_attempt_at,
        last_error=item.last_error,
        next_attempt_at=item.next_attempt_at if item.status == "pending" else None,
        delivered_at=item.delivered_at,
        created_at=item.created_at,
        updated_at=item.updated_at,
        payload=json.loads(item.body) if detail else None,
        log=[to_attempt(a) for a in attempts] if attempts is not None else None,
    )


def _found(principal: Principal, delivery_id: str) -> WebhookDeliveryItem:
    item = get_delivery_item(principal.tenant_id, delivery_id)
    if item is None:
        raise NotFoundError("No such webhook delivery", code="webhook_delivery_not_found")
    return item


def list_deliveries(
    principal: Principal, workflow_id: str, status: str | None, cursor: str | None, limit: int
) -> WebhookDeliveryPage:
    """A workflow's webhook deliveries, newest first, by status."""
    if repo.get_workflow(principal.tenant_id, workflow_id) is None:
        raise NotFoundError("No such workflow", code="workflow_not_found")
    items, next_cursor = query_page(
        WebhookDeliveryItem.gsi1,
        keys.workflow_deliveries(principal.tenant_id, workflow_id),
        limit=limit,
        cursor=cursor,
        filter_condition=WebhookDeliveryItem.status == status if status else None,
        index_keys=("GSI1PK", "GSI1SK"),
    )
    return WebhookDeliveryPage(items=[to_delivery(i) for i in items], next_cursor=next_cursor)


def get_delivery(principal: Principal, delivery_id: str) -> WebhookDelivery:
    """A delivery with the payload it sends and every attempt, oldest first."""
    item = _found(principal, delivery_id)
    return to_delivery(item, attempts_of(principal.tenant_id, delivery_id))


def _replay_marker(tenant_id: str, delivery_id: str, request_key: str) -> str:
    return hashlib.sha256(f"{tenant_id}|{delivery_id}|{request_key}".encode()).hexdigest()[:32]


def replay_delivery(principal: Principal, delivery_id: str, request_key: str | None) -> WebhookDelivery:
    """Send a delivered or failed delivery again: the same body and delivery id, a new attempt with a
    new time and signature, recorded in its log. The same request key twice replays once."""
    billing.require_feature(principal.tenant_id, billing.Feature.AUTOMATION, "Automation")
    item = _found(principal, delivery_id)
    key = request_key or new_id()
    marker = WebhookReplayItem(
        item.PK,
        keys.replay_sk(_replay_marker(principal.tenant_id, delivery_id, key)),
        delivery_id=delivery_id,
        round=int(item.round or 0) + 1,
        requested_at=iso(),
        requested_by=principal.user_id,
    )
    if item.status == "pending":
        if _replayed_already(item, marker):
            return get_delivery(principal, delivery_id)
        raise ConflictError(
            "This delivery is still being attempted: replay it once it is delivered or has failed",
            code="webhook_delivery_pending",
        )
    from convertly.platform.clock import now as clock_now

    now = clock_now()
    next_round = int(item.round or 0) + 1
    tx = Transaction()
    tx.put("replay", marker, condition=WebhookReplayItem.PK.does_not_exist())
    tx.update(
        "delivery",
        item,
        [
            WebhookDeliveryItem.round.set(next_round),
            WebhookDeliveryItem.status.set("pending"),
            WebhookDeliveryItem.next_attempt_at.remove(),
            WebhookDeliveryItem.updated_at.set(iso(now)),
        ],
        condition=(WebhookDeliveryItem.round == int(item.round or 0))
        & (WebhookDeliveryItem.status == item.status),
    )
    tx.put(
        "outbox",
        outbox_item(queued_event(principal.tenant_id, delivery_id, item.workflow_id, next_round, now)),
    )
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "replay" not in error.failed:
            raise ConflictError(
                "Someone else replayed this delivery just now", code="webhook_delivery_pending"
            ) from error
    return get_delivery(principal, delivery_id)


def _replayed_already(item: WebhookDeliveryItem, marker: WebhookReplayItem) -> bool:
    """A pending delivery this very request (its key) made pending: the first click's replay."""
    try:
        WebhookReplayItem.get(str(item.PK), str(marker.SK), consistent_read=True)
    except WebhookReplayItem.DoesNotExist:
        return False
    return True


# The tenant's signing secret ----------------------------------------------------------------------


def to_secret(item: Any, opener: SecretOpener, tenant_id: str) -> WebhookSecret:
    return WebhookSecret(
        secret=opener.open(str(item.sealed), tenant_id),
        previous_valid_until=previous_valid_until(item),
        created_at=item.created_at,
        rotated_at=item.rotated_at,
    )


def reveal_secret(principal: Principal, opener: SecretOpener | None = None) -> WebhookSecret:
    """The account's outbound signing secret (made now if it has none)."""
    opener = opener or SecretOpener()
    return to_secret(tenant_secret_item(principal.tenant_id, opener), opener, principal.tenant_id)


def rotate_secret(principal: Principal, opener: SecretOpener | None = None) -> WebhookSecret:
    """A new outbound signing secret; the old one stays valid (and signed with) for 24 hours."""
    opener = opener or SecretOpener()
    item = tenant_secret_item(principal.tenant_id, opener)
    return to_secret(
        rotate(item, principal.tenant_id, opener, principal.user_id), opener, principal.tenant_id
    )
