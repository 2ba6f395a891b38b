"""Inbound signed webhooks: a workflow whose trigger is "webhook" enrols whoever another system posts.

Each such workflow has a hook: a random, unguessable `hook_id`, its own signing secret (KMS-sealed,
in the workflow's partition: `T#<t>#WORKFLOW#<w>` / `HOOK`) and a platform-level route item
(`PLATFORM#HOOK#<hook_id>` -> tenant, workflow) written with it, which is how a request that carries
no token finds its tenant: one GetItem, cached per container (it never changes).

`POST /hooks/workflows/{hook_id}`: an unknown hook is 404; the `Convertly-Signature` header is
checked over the raw body with the hook's secrets (five minutes' tolerance, constant-time compare:
401 otherwise); a plan without automation is 402, a suspended account 423, a workflow not published
(or paused, or whose published version starts from something else) 409. The body's person is found
by email or phone, or created (source "webhook"), and enrolled in the published version through
the engine; the enrolment's id is made from the hook and the sender's `Idempotency-Key` (or the
body's `id`), so the same request sent again enrols once. The consumer runs its steps.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints, field_validator
from pydantic import ValidationError as ModelError

from convertly.automation import keys
from convertly.automation import store as repo
from convertly.automation.definition import Definition
from convertly.automation.domain import HookSecret
from convertly.automation.items import HookRouteItem, WebhookSecretItem, WorkflowItem
from convertly.automation.signing import SignatureError, verify
from convertly.automation.webhook_secrets import (
    SecretOpener,
    get_secret_item,
    new_secret_item,
    previous_valid_until,
    rotate,
)
from convertly.platform.clock import iso
from convertly.platform.clock import now as clock_now
from convertly.platform.domain import DomainModel
from convertly.platform.errors import (
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    ValidationError,
)
from convertly.platform.fields import Tag, normalise_email, normalise_phone
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

HOOK_PATH = "/hooks/workflows/{hook_id}"
MAX_KEY = 200  # characters of an Idempotency-Key (or body id) that count


def hook_path(hook_id: str) -> str:
    return HOOK_PATH.format(hook_id=hook_id)


def new_hook_id() -> str:
    """32 URL-safe characters (192 random bits): a hook id no one guesses."""
    return secrets.token_urlsafe(24)


# Making the hook ----------------------------------------------------------------------------------


def hook_of(tenant_id: str, workflow_id: str) -> WebhookSecretItem | None:
    return get_secret_item(keys.workflow(tenant_id, workflow_id), keys.HOOK_SK)


def ensure_hook(tenant_id: str, workflow_id: str, opener: SecretOpener | None = None) -> str:
    """The workflow's hook id, made now (with its secret and route) if it has none: a workflow keeps
    one hook, so changing its trigger away and back keeps the URL senders know."""
    found = hook_of(tenant_id, workflow_id)
    if found is not None and found.hook_id:
        return str(found.hook_id)
    opener = opener or SecretOpener()
    at, hook_id = iso(), new_hook_id()
    hook = new_secret_item(keys.workflow(tenant_id, workflow_id), keys.HOOK_SK, tenant_id, opener, at)
    hook.hook_id, hook.workflow_id = hook_id, workflow_id
    route = HookRouteItem(
        platform_keys.hook_route(hook_id),
        platform_keys.HOOK_ROUTE_SK,
        tenant_id=tenant_id,
        workflow_id=workflow_id,
        created_at=at,
    )
    tx = Transaction()
    tx.put("hook", hook, condition=WebhookSecretItem.PK.does_not_exist())
    tx.put("route", route, condition=HookRouteItem.PK.does_not_exist())
    try:
        tx.commit()
    except TransactionCancelledError as error:
        made = hook_of(tenant_id, workflow_id)
        if "hook" in error.failed and made is not None and made.hook_id:
            return str(made.hook_id)  # made meanwhile by another save
        raise
    return hook_id


def with_hook(
    principal: Principal, workflow_id: str, definition: Definition, opener: SecretOpener | None = None
) -> Definition:
    """The definition with its trigger's hook id filled in: the workflow's own for a webhook trigger
    (made now if it has none), none for any other trigger. A hook id the client sent is not kept."""
    trigger = definition.trigger
    hook_id = ensure_hook(principal.tenant_id, workflow_id, opener) if trigger.type == "webhook" else None
    if trigger.hook_id == hook_id:
        return definition
    return definition.model_copy(update={"trigger": trigger.model_copy(update={"hook_id": hook_id})})


# Its secret (the builder) -------------------------------------------------------------------------


def _hook_found(principal: Principal, workflow_id: str) -> WebhookSecretItem:
    if repo.get_workflow(principal.tenant_id, workflow_id) is None:
        raise NotFoundError("No such workflow", code="workflow_not_found")
    hook = hook_of(principal.tenant_id, workflow_id)
    if hook is None or not hook.hook_id:
        raise NotFoundError(
            "This workflow has no inbound webhook: choose the Inbound webhook trigger and save",
            code="hook_not_found",
        )
    return hook


def to_hook_secret(hook: WebhookSecretItem, opener: SecretOpener, tenant_id: str) -> HookSecret:
    return HookSecret(
        hook_id=str(hook.hook_id),
        path=hook_path(str(hook.hook_id)),
        secret=opener.open(str(hook.sealed), tenant_id),
        previous_valid_until=previous_valid_until(hook),
        created_at=hook.created_at,
        rotated_at=hook.rotated_at,
    )


def reveal_hook_secret(
    principal: Principal, workflow_id: str, opener: SecretOpener | None = None
) -> HookSecret:
    opener = opener or SecretOpener()
    return to_hook_secret(_hook_found(principal, workflow_id), opener, principal.tenant_id)


def rotate_hook_secret(
    principal: Principal, workflow_id: str, opener: SecretOpener | None = None
) -> HookSecret:
    """A new secret for the hook; requests signed with the old one are taken for 24 hours more."""
    opener = opener or SecretOpener()
    hook = rotate(_hook_found(principal, workflow_id), principal.tenant_id, opener, principal.user_id)
    return to_hook_secret(hook, opener, principal.tenant_id)


# A request ----------------------------------------------------------------------------------------

Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
CustomValue = str | int | float | bool | list[str] | None


class InboundPerson(DomainModel):
    """The person a request is about, as the contacts API takes one (other keys are ignored)."""

    model_config = ConfigDict(extra="ignore")

    id: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_KEY)] | None = None
    first_name: Name | None = None
    last_name: Name | None = None
    email: str | None = None
    phone: str | None = None
    tags: list[Tag] | None = Field(default=None, max_length=20)
    custom_fields: dict[Annotated[str, StringConstraints(max_length=64)], CustomValue] | None = Field(
        default=None, max_length=50
    )

    _email = field_validator("email")(normalise_email)
    _phone = field_validator("phone")(normalise_phone)


class HookDirectory:
    """Hook ids to their tenant and workflow, kept per warm container (a route never changes)."""

    def __init__(self) -> None:
        self._routes: dict[str, tuple[str, str]] = {}

    def route(self, hook_id: str) -> tuple[str, str] | None:
        if hook_id in self._routes:
            return self._routes[hook_id]
        if not hook_id or len(hook_id) > 64:
            return None
        try:
            item = HookRouteItem.get(platform_keys.hook_route(hook_id), platform_keys.HOOK_ROUTE_SK)
        except HookRouteItem.DoesNotExist:
            return None
        self._routes[hook_id] = (str(item.tenant_id), str(item.workflow_id))
        return self._routes[hook_id]


def _unknown() -> NotFoundError:
    return NotFoundError("No such webhook: check the URL the workflow shows", code="hook_not_found")


def _header(headers: Mapping[str, str], name: str) -> str | None:
    wanted = name.lower()
    return next((str(v) for k, v in headers.items() if k.lower() == wanted), None)


def _published(tenant_id: str, workflow_id: str, hook_id: str) -> WorkflowItem:
    """The workflow, when its published version starts from this hook; 404 or 409 otherwise."""
    workflow = repo.get_workflow(tenant_id, workflow_id)
    if workflow is None:
        raise _unknown()
    if workflow.status != "published":
        state = "paused" if workflow.status == "paused" else "not published"
        raise ConflictError(
            f"The workflow “{workflow.name}” is {state}: it takes no one until it is published",
            code="workflow_not_published",
        )
    live = workflow.live.as_dict() if workflow.live is not None else {}
    trigger = live.get("trigger") or {}
    if trigger.get("type") != "webhook" or trigger.get("hook_id") != hook_id:
        raise ConflictError(
            f"The published version of “{workflow.name}” does not start from this webhook: publish it",
            code="workflow_not_published",
        )
    return workflow


def _fields(error: ModelError) -> dict[str, str]:
    """A model's errors as the API names them: `{"email": "must be a valid email address"}`."""
    return {
        ".".join(str(part) for part in e["loc"]) or "body": str(e["msg"]).removeprefix("Value error, ")
        for e in error.errors()
    }


def _person(body: bytes) -> InboundPerson:
    try:
        data = json.loads(body or b"{}")
    except ValueError as error:
        raise BadRequestError("The body is not valid JSON", code="invalid_json") from error
    if not isinstance(data, dict):
        raise ValidationError("Send a JSON object", fields={"body": "must be a JSON object"})
    try:
        person = InboundPerson.model_validate(data)
    except ModelError as error:
        raise ValidationError("Some fields are not valid", fields=_fields(error)) from error
    if not (person.email or person.phone):
        raise ValidationError(
            "Give the person's email or phone number",
            code="contact_required",
            fields={"email": "give an email or a phone number"},
        )
    return person


def request_key(
    hook_id: str, headers: Mapping[str, str], person: InboundPerson, timestamp: int, body: bytes
) -> str:
    """What makes a request the same request: the sender's Idempotency-Key, else the body's `id`,
    else the signed time and the body (the very same signed request sent again)."""
    given = (_header(headers, "idempotency-key") or "").strip()[:MAX_KEY] or (person.id or "")
    if given:
        return f"key:{given}"
    return f"signed:{timestamp}:{hashlib.sha256(body).hexdigest()}"


class HookIntake:
    """Takes inbound webhook requests; one per warm container (routes and opened secrets cached)."""

    def __init__(self, opener: SecretOpener | None = None, directory: HookDirectory | None = None) -> None:
        self.opener = opener or SecretOpener()
        self.directory = directory or HookDirectory()

    def receive(
        self, hook_id: str, headers: Mapping[str, str], body: bytes, now: datetime | None = None
    ) -> dict[str, Any]:
        """Verify, find or create the contact, enrol it; the receipt (HookReceipt's fields)."""
        now = now or clock_now()
        route = self.directory.route(hook_id)
        if route is None:
            raise _unknown()
        tenant_id, workflow_id = route
        hook = hook_of(tenant_id, workflow_id)
        if hook is None or hook.hook_id != hook_id:
            raise _unknown()
        try:
            timestamp = verify(
                _header(headers, "convertly-signature"),
                body,
                self.opener.ring(hook, tenant_id).in_use(now),
                now,
            )
        except SignatureError as error:
            raise AuthenticationError(error.reason, code="invalid_signature") from error
        _admit(tenant_id)
        workflow = _published(tenant_id, workflow_id, hook_id)
        person = _person(body)
        key = request_key(hook_id, headers, person, timestamp, body)
        return _enrol(workflow, hook_id, key, person, now)


def _admit(tenant_id: str) -> None:
    from convertly.billing import service as billing
    from convertly.platform.access import TenantLockedError
    from convertly.platform.events.hold import suspended

    billing.require_feature(tenant_id, billing.Feature.AUTOMATION, "Automation")
    if suspended(tenant_id):
        raise TenantLockedError("This account is suspended: it takes no webhooks until it is reactivated")


def _enrol(
    workflow: WorkflowItem, hook_id: str, key: str, person: InboundPerson, now: datetime
) -> dict[str, Any]:
    from convertly.automation.actions import derived_id
    from convertly.automation.engine import enrol, workflow_principal

    tenant_id = str(workflow.tenant_id)
    principal = workflow_principal(tenant_id, workflow.workflow_id, workflow.name, 0)
    contact, created = _contact(principal, person)
    name = " ".join(p for p in (contact.first_name, contact.last_name) if p) or str(
        contact.email or contact.phone or ""
    )
    # The same request (its key) for the same person is one enrolment; a key reused for someone else
    # is another request.
    enrolment_id = derived_id(
        tenant_id, workflow.workflow_id, "webhook", hook_id, key, str(contact.contact_id)
    )
    enrolment = enrol(
        workflow,
        contact_id=str(contact.contact_id),
        lead_id=None,
        trigger={"type": "webhook", "label": "Inbound webhook", "hook_id": hook_id, "at": iso(now)},
        enrolment_id=enrolment_id,
        depth=0,
        now=now,
        subject_name=name,
        announce=True,
    )
    if enrolment is None:
        raise ConflictError("Already enrolled: the workflow takes no one twice", code="already_enrolled")
    return {
        "enrolment_id": enrolment_id,
        "contact_id": str(contact.contact_id),
        "contact_created": created,
        "status": str(enrolment.status),
    }


def _contact(principal: Principal, person: InboundPerson) -> tuple[Any, bool]:
    """The live contact with the person's email (else phone), or a new one (source "webhook")."""
    from convertly.contacts import service as contacts

    match = contacts.find_contact(principal.tenant_id, person.email, person.phone, consistent=True)
    if match is not None:
        return match.contact, False
    try:
        request = contacts.ContactCreate(
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            phone=person.phone,
            tags=person.tags,
            custom_fields=person.custom_fields,
            source="webhook",
        )
    except ModelError as error:
        raise ValidationError("Some fields are not valid", fields=_fields(error)) from error
    return contacts.create_contact(principal, request), True
