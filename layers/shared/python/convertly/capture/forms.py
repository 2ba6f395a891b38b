"""The form builder: create, edit, publish and unpublish, duplicate, delete; a form's submissions.

A form lives in its tenant's partition (`FORM#<id>`); a platform-level route item (`FORM#<id>` /
`ROUTE`) tells the public submit function which tenant a public form id belongs to. Both are written
and deleted together. The captcha secret is sealed with KMS before it is stored and never returned.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from convertly.accounts import service as accounts
from convertly.capture import keys
from convertly.capture import store as repo
from convertly.capture.domain import (
    CAPTCHA_PURPOSE,
    SECRET_MASK,
    CaptchaView,
    Form,
    FormCreate,
    FormList,
    FormSettings,
    FormUpdate,
    Submission,
    SubmissionPage,
    field_messages,
)
from convertly.capture.items import FormItem, FormRouteItem, SubmissionItem
from convertly.permissions import Role
from convertly.pipelines.service import pipelines_of
from convertly.platform.clock import iso, new_id
from convertly.platform.errors import ConflictError, NotFoundError, ValidationError
from convertly.platform.money import check_amount
from convertly.platform.principal import Principal
from convertly.platform.secret_box import KmsSecretBox, SecretBox
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.items import plain
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

MAX_PAGE = 100
# Who may own a form's leads: the roles that work leads.
OWNER_ROLES = frozenset({Role.ADMIN.value, Role.MANAGER.value, Role.SALES.value})


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError("Some fields are not valid", fields={field: message})


def hosted_path(form_id: str) -> str:
    return f"/f/{form_id}"


def to_form(item: FormItem) -> Form:
    settings = FormSettings.model_validate(json.loads(item.settings))
    captcha = None
    if settings.captcha:
        captcha = CaptchaView(
            provider=settings.captcha.provider,
            site_key=settings.captcha.site_key,
            secret=SECRET_MASK if item.captcha_secret else None,
        )
    return Form(
        **settings.model_dump(exclude={"captcha", "pipeline_id", "stage_id"}),
        form_id=item.form_id,
        status=item.status,  # type: ignore[arg-type]
        pipeline_id=str(settings.pipeline_id),
        stage_id=str(settings.stage_id),
        captcha=captcha,
        hosted_path=hosted_path(item.form_id),
        definition_path=f"{hosted_path(item.form_id)}/definition",
        created_at=item.created_at,
        updated_at=item.updated_at,
        published_at=item.published_at,
        version=int(item.version or 0),
    )


def _place(tenant_id: str, settings: FormSettings) -> FormSettings:
    """The settings with their defaults filled in: a pipeline and stage that exist, and the account's
    currency for the form's leads unless the form names one."""
    pipelines = pipelines_of(tenant_id)
    if settings.pipeline_id:
        chosen = next((p for p in pipelines if p.pipeline.pipeline_id == settings.pipeline_id), None)
        if chosen is None:
            raise _invalid("pipeline_id", "no such pipeline")
    elif settings.stage_id:
        chosen = next((p for p in pipelines if any(s.stage_id == settings.stage_id for s in p.stages)), None)
    else:
        chosen = pipelines[0] if pipelines else None
    if chosen is None or not chosen.stages:
        raise _invalid("stage_id", "no such stage")
    stage_id = settings.stage_id or chosen.stages[0].stage_id
    if not any(stage.stage_id == stage_id for stage in chosen.stages):
        raise _invalid("stage_id", "no such stage in this pipeline")
    currency = settings.currency or _account_currency(tenant_id)
    check_amount(settings.default_value, currency, "default_value")
    return settings.model_copy(
        update={"pipeline_id": chosen.pipeline.pipeline_id, "stage_id": stage_id, "currency": currency}
    )


def _account_currency(tenant_id: str) -> str:
    tenant = accounts.get_tenant(tenant_id)
    return str(tenant.currency) if tenant is not None and tenant.currency else "USD"


def _check_owner(tenant_id: str, settings: FormSettings) -> None:
    user_id = settings.assignment.user_id
    if settings.assignment.mode != "user" or not user_id:
        return
    user = accounts.get_user(tenant_id, user_id)
    if user is None:
        raise _invalid("assignment.user_id", "no such user in this account")
    if user.role not in OWNER_ROLES or user.status != "active":
        raise _invalid("assignment.user_id", "this user cannot own leads")


def _sealed_secret(
    principal: Principal, settings: FormSettings, current: str | None, secrets: SecretBox | None
) -> str | None:
    """The sealed captcha secret to store: a new one sealed, the stored one kept, or none."""
    if settings.captcha is None:
        return None
    secret = settings.captcha.secret
    if secret is None or secret == SECRET_MASK:
        if not current:
            raise _invalid("captcha.secret", "the captcha needs its secret key")
        return current
    return (secrets or KmsSecretBox()).seal(secret, principal.tenant_id, CAPTCHA_PURPOSE)


def _stored_settings(settings: FormSettings) -> str:
    data = settings.model_dump(mode="json")
    if data.get("captcha"):
        data["captcha"].pop("secret", None)
    return json.dumps(data, separators=(",", ":"))


def _load(principal: Principal, form_id: str) -> FormItem:
    item = repo.get_form(principal.tenant_id, form_id)
    if item is None:
        raise NotFoundError("No such form", code="form_not_found")
    return item


def _commit(tx: Transaction) -> None:
    try:
        tx.commit()
    except TransactionCancelledError as error:
        raise ConflictError("Someone else changed this form: reload it", code="stale_version") from error


def _new_form(
    principal: Principal, settings: FormSettings, sealed: str | None, status: str = "draft"
) -> FormItem:
    form_id, at = new_id(), iso()
    item = FormItem(
        platform_keys.tenant(principal.tenant_id),
        keys.form_sk(form_id),
        form_id=form_id,
        tenant_id=principal.tenant_id,
        name=settings.name,
        status=status,
        settings=_stored_settings(settings),
        captcha_secret=sealed,
        created_at=at,
        created_by=principal.user_id,
        updated_at=at,
    )
    tx = Transaction()
    tx.put("form", item, condition=FormItem.PK.does_not_exist())
    tx.put(
        "route", repo.route_item(principal.tenant_id, form_id), condition=FormRouteItem.PK.does_not_exist()
    )
    _commit(tx)
    return item


def create_form(principal: Principal, request: FormCreate, secrets: SecretBox | None = None) -> Form:
    """A new draft form in the default pipeline's first stage unless told otherwise."""
    settings = _place(principal.tenant_id, FormSettings.model_validate(request.model_dump()))
    _check_owner(principal.tenant_id, settings)
    sealed = _sealed_secret(principal, settings, None, secrets)
    return to_form(_new_form(principal, settings, sealed))


def list_forms(principal: Principal) -> FormList:
    forms = sorted(repo.list_forms(principal.tenant_id), key=lambda item: item.created_at, reverse=True)
    return FormList(items=[to_form(item) for item in forms])


def get_form(principal: Principal, form_id: str) -> Form:
    return to_form(_load(principal, form_id))


def _save(item: FormItem, settings: FormSettings, sealed: str | None, **changes: Any) -> Form:
    item.name = settings.name
    item.settings = _stored_settings(settings)
    item.captcha_secret = sealed
    item.updated_at = iso()
    for name, value in changes.items():
        setattr(item, name, value)
    tx = Transaction()
    tx.put("form", item)  # the version condition makes a concurrent edit a 409
    _commit(tx)
    return to_form(item)


def update_form(
    principal: Principal, form_id: str, request: FormUpdate, secrets: SecretBox | None = None
) -> Form:
    """Apply the given changes; a published form takes them at once (within the submit cache's TTL)."""
    item = _load(principal, form_id)
    if request.version != item.version:
        raise ConflictError("Someone else changed this form: reload it", code="stale_version")
    current = json.loads(item.settings)
    changes = request.model_dump(mode="json", exclude_unset=True, exclude={"version"})
    if "captcha" in changes and changes["captcha"] is not None and "secret" not in changes["captcha"]:
        changes["captcha"]["secret"] = None
    if "pipeline_id" in changes and "stage_id" not in changes:
        changes["stage_id"] = None  # another pipeline: its first stage unless one is named
    try:
        settings = FormSettings.model_validate({**current, **changes})
    except PydanticValidationError as error:
        raise ValidationError("Some fields are not valid", fields=field_messages(error)) from error
    settings = _place(principal.tenant_id, settings)
    _check_owner(principal.tenant_id, settings)
    return _save(item, settings, _sealed_secret(principal, settings, item.captcha_secret, secrets))


def _settings_of(item: FormItem) -> FormSettings:
    return FormSettings.model_validate(json.loads(item.settings))


def publish_form(principal: Principal, form_id: str) -> Form:
    """Make the form public; its placement and owner are checked again, as they may have changed."""
    item = _load(principal, form_id)
    settings = _place(principal.tenant_id, _settings_of(item))
    _check_owner(principal.tenant_id, settings)
    if settings.captcha and not item.captcha_secret:
        raise _invalid("captcha.secret", "the captcha needs its secret key")
    return _save(item, settings, item.captcha_secret, status="published", published_at=iso())


def unpublish_form(principal: Principal, form_id: str) -> Form:
    item = _load(principal, form_id)
    return _save(item, _settings_of(item), item.captcha_secret, status="draft")


def duplicate_form(principal: Principal, form_id: str) -> Form:
    """A draft copy: same settings and sealed secret (sealed for the tenant, not for one form)."""
    item = _load(principal, form_id)
    settings = _settings_of(item)
    copy_name = f"Copy of {settings.name}"[:120]
    settings = settings.model_copy(update={"name": copy_name})
    return to_form(_new_form(principal, settings, item.captcha_secret))


def delete_form(principal: Principal, form_id: str) -> Form:
    """Delete the form and its public route; its submissions and the leads it created stay."""
    item = _load(principal, form_id)
    tx = Transaction()
    tx.delete("form", item)
    tx.delete("route", repo.route_item(principal.tenant_id, form_id))
    _commit(tx)
    return to_form(item)


def _to_submission(item: SubmissionItem) -> Submission:
    return Submission(
        submission_id=item.submission_id,
        form_id=item.form_id,
        submitted_at=item.submitted_at,
        outcome=item.outcome,  # type: ignore[arg-type]
        spam=item.outcome == "spam",
        spam_reason=item.spam_reason,
        lead_id=item.lead_id,
        lead_name=item.lead_name,
        values=json.loads(item.values or "{}"),
        attribution=plain(item.attribution),
    )


def list_submissions(
    principal: Principal, form_id: str, spam: bool | None, cursor: str | None, limit: int
) -> SubmissionPage:
    """A form's submissions, newest first; `spam` True for spam only, False for none of it."""
    _load(principal, form_id)
    items, next_cursor = repo.query_submissions(
        principal.tenant_id, form_id, spam, max(1, min(limit, MAX_PAGE)), cursor
    )
    return SubmissionPage(items=[_to_submission(item) for item in items], next_cursor=next_cursor)
