"""Form submissions: a visitor's post becomes a lead, a new touch on a lead, or a spam record.

An accepted post is one TransactWriteItems: the rate counters (each conditional on its limit, so an
exceeded limit cancels the write: 429), the idempotency record (conditional, so a repeated key
cancels it and the first answer is returned from the record the cancellation hands back), the
submission, and either the new lead (with its search terms, stage history, counters, first and last
touch and LeadCreated in the outbox) or, for a repeat submitter, the touch, the lead's last touch and
LeadTouched. The outbox relay publishes the event. A warm container reads nothing else: the form
comes from the in-memory cache, and only the "attach" duplicate policy looks up the submitter.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from convertly.billing import service as usage
from convertly.capture import keys
from convertly.capture.attribution import (
    Touches,
    Visit,
    consent_of,
    lead_fields,
    lead_source,
    submission_touches,
)
from convertly.capture.cache import FormCache, PublishedForm
from convertly.capture.captcha import CaptchaVerifier, SiteVerifyClient
from convertly.capture.cors import origin_allowed
from convertly.capture.domain import CAPTCHA_PURPOSE, PublicCaptcha, PublicField, PublicForm
from convertly.capture.items import IdempotencyItem, RateCounterItem, SubmissionItem, TouchItem
from convertly.capture.parsing import RawSubmission, parse_submission
from convertly.capture.validation import clean_values
from convertly.contacts import service as contacts
from convertly.leads.service import (
    LEAD_SK,
    Lead,
    add_new_lead,
    apply_index_keys,
    copy_contact,
    lead_key,
    sort_key_actions,
    to_lead,
    to_minor,
    touch_click_actions,
)
from convertly.pipelines.service import open_stage_ids
from convertly.platform.clock import iso, new_id
from convertly.platform.config import get_settings
from convertly.platform.errors import (
    ConflictError,
    ConvertlyError,
    ForbiddenError,
    NotFoundError,
    PayloadTooLargeError,
    ServiceUnavailableError,
    TooManyRequestsError,
    ValidationError,
)
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.observability import logger
from convertly.platform.secret_box import KmsSecretBox, SecretBox
from convertly.platform.store.items import Item
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

SPAM_TTL = timedelta(days=30)
# A key the browser sends is kept a day; one derived from the post itself ten minutes, so an
# identical post soon after (a resend without a key) answers like the first.
GIVEN_KEY_TTL = timedelta(hours=24)
DERIVED_KEY_TTL = timedelta(minutes=10)
WRITE_ATTEMPTS = 3
PLAN_ATTEMPTS = 3  # a plan made again when the lead it attached to or the contact it read changed
_KEY_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

Outcome = Literal["created", "attached", "spam"]


@dataclass(frozen=True)
class SubmitRequest:
    """A post to a form as the edge received it."""

    form_id: str
    body: str
    content_type: str | None
    ip: str
    user_agent: str = ""
    origin: str | None = None
    referer: str | None = None
    own_host: str | None = None  # the API's host the post came to: its hosted page may always post
    idempotency_key: str | None = None


@dataclass(frozen=True)
class Receipt:
    """What the visitor is told. Spam is told the same as everyone else."""

    submission_id: str
    message: str
    redirect_url: str | None
    replayed: bool = False

    def body(self) -> dict[str, Any]:
        return {
            "submission_id": self.submission_id,
            "status": "received",
            "message": self.message,
            "redirect_url": self.redirect_url,
        }


@dataclass
class _Plan:
    """The writes one submission makes besides its rate counters and idempotency record."""

    outcome: Outcome
    submission: SubmissionItem
    receipt: Receipt
    lead: Lead | None = None  # a new lead
    lead_id: str | None = None
    touch: TouchItem | None = None
    event: DomainEvent | None = None
    touch_attribution: dict[str, Any] = field(default_factory=dict)
    contact: contacts.ContactPlan | None = None


@dataclass(frozen=True)
class _Key:
    hash: str
    payload_hash: str
    ttl: timedelta


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def spam_reason(raw: RawSubmission, min_fill_seconds: int, at: datetime) -> str | None:
    """Why a post is spam: the honeypot was filled, or the form was sent faster than a person types."""
    if raw.honeypot.strip():
        return "honeypot"
    if raw.started_at is not None and min_fill_seconds:
        elapsed_ms = at.timestamp() * 1000 - raw.started_at
        if elapsed_ms < min_fill_seconds * 1000:
            return "too_fast"
    return None


class FormSubmissions:
    """The public side of forms: definitions, origins and submissions, with their ports injected."""

    def __init__(
        self,
        forms: FormCache | None = None,
        captcha: CaptchaVerifier | None = None,
        secrets: SecretBox | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.forms = forms or FormCache()
        self.captcha = captcha
        self.secrets = secrets
        self._clock = clock
        self._sleep = sleep

    # Reading -----------------------------------------------------------------------------------

    def published(self, form_id: str) -> PublishedForm:
        form = self.forms.published(form_id)
        if form is None:
            raise NotFoundError("No such form", code="form_not_found")
        if form.suspended:
            raise FormClosedError(CLOSED_MESSAGE)
        return form

    def allowed_origin(self, form_id: str, origin: str | None, own_host: str | None) -> bool:
        """Whether the page at `origin` may read this form's answers (False for an unknown form)."""
        form = self.forms.published(form_id)
        return form is not None and origin_allowed(origin, form.settings.allowed_domains, own_host)

    def definition(self, form_id: str) -> PublicForm:
        """The public definition the embed script renders."""
        settings = self.published(form_id).settings
        return PublicForm(
            form_id=form_id,
            name=settings.name,
            fields=[
                PublicField(
                    name=f.name,
                    type=f.type.value,
                    label=f.label,
                    placeholder=f.placeholder,
                    required=f.required,
                    options=f.options,
                    default=f.default,
                    max_length=f.limit,
                )
                for f in settings.fields
            ],
            submit_label=settings.submit_label,
            thank_you_message=settings.thank_you_message,
            redirect_url=settings.redirect_url,
            captcha=PublicCaptcha(provider=settings.captcha.provider, site_key=settings.captcha.site_key)
            if settings.captcha
            else None,
            max_body_bytes=get_settings().form_max_body_bytes,
        )

    # Submitting --------------------------------------------------------------------------------

    def submit(self, request: SubmitRequest) -> Receipt:
        """Check, then write the submission; raises the domain error to answer otherwise."""
        limit = get_settings().form_max_body_bytes
        if len(request.body.encode("utf-8")) > limit:
            raise PayloadTooLargeError(f"The form post is larger than {limit} bytes")
        form = self.published(request.form_id)
        if request.origin is not None and not origin_allowed(
            request.origin, form.settings.allowed_domains, request.own_host
        ):
            raise ForbiddenError("This site may not post to this form", code="origin_not_allowed")
        raw = parse_submission(request.body, request.content_type)
        at = self._clock()
        key = self._key(request, raw)
        visit = Visit(request.ip, request.user_agent, request.referer, at)
        reason = spam_reason(raw, form.settings.min_fill_seconds, at)
        if reason:
            logger.info("Spam submission", extra={"form_id": form.form_id, "reason": reason})
            return self._write(form, self._spam_plan(form, raw, reason, at), key, request.ip, at)
        values = clean_values(form.settings.fields, raw.fields)
        try:
            self._check_captcha(form, raw, request.ip)
        except ValidationError:
            # A captcha token is good once: a resend of a post that went through gets its answer.
            earlier = self._earlier_answer(form, key, at)
            if earlier is None:
                raise
            return earlier
        consent = consent_of(form.settings.fields, values, form.settings.consent_default)
        touches = submission_touches(
            raw.attribution, raw.last_touch, visit, consent, form.form_id, raw.classic
        )
        attach, fresh = True, False
        for _ in range(PLAN_ATTEMPTS - 1):
            plan = self._lead_plan(form, values, touches, at, attach=attach, fresh=fresh)
            try:
                return self._write(form, plan, key, request.ip, at)
            except _LeadGoneError:
                # The contact's lead was deleted, won or lost since the look-up (or it is in a stage
                # the directory had not seen yet): a new lead for the contact.
                attach = False
            except _ContactChangedError:
                # The contact was written since its card was (an edit, a delete, another post): its
                # partition, read this time, decides.
                fresh = True
        plan = self._lead_plan(form, values, touches, at, attach=attach, fresh=True)
        return self._write(form, plan, key, request.ip, at)

    def _key(self, request: SubmitRequest, raw: RawSubmission) -> _Key:
        given = request.idempotency_key or raw.idempotency_key
        payload = _digest(_canonical(raw.fields))
        if given is not None:
            if not _KEY_PATTERN.match(given):
                raise ValidationError(
                    "Some fields are not valid",
                    fields={"idempotency_key": "use 8 to 128 letters, digits or . _ : -"},
                )
            return _Key(_digest(request.form_id, given), payload, GIVEN_KEY_TTL)
        derived = _digest(request.form_id, request.ip, payload, _canonical(raw.attribution))
        return _Key(_digest(request.form_id, "derived", derived), payload, DERIVED_KEY_TTL)

    @staticmethod
    def _earlier_answer(form: PublishedForm, key: _Key, at: datetime) -> Receipt | None:
        """The answer already given to this key and these answers, if any (one consistent GetItem)."""
        try:
            record = IdempotencyItem.get(
                keys.idempotency(form.tenant_id, key.hash), keys.IDEMPOTENCY_SK, consistent_read=True
            )
        except IdempotencyItem.DoesNotExist:
            return None
        if record.payload_hash != key.payload_hash or (record.expires_at and record.expires_at < at):
            return None
        body = json.loads(record.response)
        return Receipt(body["submission_id"], body["message"], body.get("redirect_url"), replayed=True)

    def _check_captcha(self, form: PublishedForm, raw: RawSubmission, ip: str) -> None:
        captcha = form.settings.captcha
        if captcha is None:
            return
        if not raw.captcha_token:
            raise ValidationError(
                "Some fields are not valid", fields={"captcha": "Please complete the captcha"}
            )
        if form.secret is None and form.sealed_secret:
            self.secrets = self.secrets or KmsSecretBox()
            form.secret = self.secrets.open(form.sealed_secret, form.tenant_id, CAPTCHA_PURPOSE)
        if not form.secret:
            logger.error("Form has a captcha but no secret", extra={"form_id": form.form_id})
            raise ServiceUnavailableError("This form cannot take posts right now", code="form_unavailable")
        self.captcha = self.captcha or SiteVerifyClient()
        if not self.captcha.verify(captcha.provider, form.secret, raw.captcha_token, ip):
            raise ValidationError(
                "Some fields are not valid", fields={"captcha": "The captcha was not accepted; try again"}
            )

    # Plans -------------------------------------------------------------------------------------

    def _receipt(self, form: PublishedForm, submission_id: str) -> Receipt:
        return Receipt(submission_id, form.settings.thank_you_message, form.settings.redirect_url)

    def _submission(
        self,
        form: PublishedForm,
        submission_id: str,
        at: str,
        outcome: Outcome,
        values: dict[str, Any],
        attribution: dict[str, Any],
    ) -> SubmissionItem:
        return SubmissionItem(
            keys.submissions(form.tenant_id, form.form_id),
            keys.submission_sk(at, submission_id),
            submission_id=submission_id,
            form_id=form.form_id,
            submitted_at=at,
            outcome=outcome,
            values=_canonical(values),
            attribution=attribution,
        )

    def _spam_plan(self, form: PublishedForm, raw: RawSubmission, reason: str, at: datetime) -> _Plan:
        submission_id, stamp = new_id(), iso(at)
        # What a spam post sent is kept, cut short, so a false positive can still be read and followed up.
        values = {str(k)[:40]: str(v)[:200] for k, v in list(raw.fields.items())[:30]}
        item = self._submission(form, submission_id, stamp, "spam", values, dict(raw.attribution))
        item.spam_reason = reason
        item.expires_at = at + SPAM_TTL
        return _Plan("spam", item, self._receipt(form, submission_id))

    def _lead_plan(
        self,
        form: PublishedForm,
        values: dict[str, Any],
        touches: Touches,
        at: datetime,
        *,
        attach: bool = True,
        fresh: bool = False,
    ) -> _Plan:
        """A new lead with both touches, or this submission's touch (the last) on the submitter's lead.

        The submitter is matched to a contact by email, then phone (a new contact otherwise). The
        form's duplicates setting decides what a known contact gets: "attach" puts the touch on the
        contact's newest lead in the form's pipeline while it is open, "create" opens a new lead.
        A known contact is read from its search entry's card (one Query), or, `fresh`, from its
        partition after a consistent look-up (the card no longer held at the write)."""
        settings = form.settings
        contact = lead_fields(settings, values)
        submission_id, stamp, actor = new_id(), iso(at), f"form:{form.form_id}"
        touch_data = touches.last.model_dump(mode="json", exclude_none=True)
        owner_id = settings.assignment.user_id if settings.assignment.mode == "user" else None
        person = {
            "first_name": contact.first_name,
            "last_name": contact.last_name,
            "email": contact.email,
            "phone": contact.phone,
            "company": contact.company,
        }
        match = contacts.plan_contact(
            form.tenant_id,
            person,
            at=stamp,
            actor=actor,
            owner_id=owner_id,
            source=lead_source(touches.first, touches.last).value,
            consent=dict(touch_data.get("consent") or {}) or None,
            phone_alone=True,
            consistent=fresh,
            use_cards=not fresh,
        )
        existing = match.lead_in(form.pipeline_id) if attach and not match.new else None
        if settings.duplicates != "attach":
            existing = None
        lead_id = existing or new_id()
        outcome: Outcome = "attached" if existing else "created"
        submission = self._submission(form, submission_id, stamp, outcome, values, touch_data)
        submission.lead_id, submission.lead_name = lead_id, contact.name
        touch_item = TouchItem(
            lead_key(form.tenant_id, lead_id),
            keys.touch_sk(stamp, submission_id),
            lead_id=lead_id,
            submission_id=submission_id,
            form_id=form.form_id,
            touched_at=stamp,
            attribution=touch_data,
            answers=_answers(settings, values),
        )
        plan = _Plan(
            outcome, submission, self._receipt(form, submission_id), lead_id=lead_id, touch=touch_item
        )
        plan.touch_attribution = touch_data
        plan.contact = match
        if existing:
            plan.event = DomainEvent(
                detail_type="LeadTouched",
                tenant_id=form.tenant_id,
                actor_id=actor,
                subject_id=lead_id,
                data={
                    "lead_id": lead_id,
                    "form_id": form.form_id,
                    "submission_id": submission_id,
                    "touch": touch_data,
                },
            )
            return plan
        lead = Lead(
            lead_key(form.tenant_id, lead_id),
            LEAD_SK,
            lead_id=lead_id,
            tenant_id=form.tenant_id,
            first_name=contact.first_name,
            last_name=contact.last_name,
            email=contact.email,
            phone=contact.phone,
            company=contact.company,
            value=to_minor(settings.default_value),
            currency=settings.currency or "USD",
            owner_id=owner_id,
            source=lead_source(touches.first, touches.last).value,
            tags=list(settings.tags),
            custom_fields=contact.custom_fields,
            attribution=touches.first.model_dump(mode="json", exclude_none=True),
            last_touch=touch_data,
            touch_count=1,
            pipeline_id=form.pipeline_id,
            stage_id=form.stage_id,
            stage_entered_at=stamp,
            created_at=stamp,
            created_by=actor,
            updated_at=stamp,
        )
        copy_contact(lead, match.contact)
        apply_index_keys(lead)
        plan.lead = lead
        return plan

    # Writing -----------------------------------------------------------------------------------

    def _write(self, form: PublishedForm, plan: _Plan, key: _Key, ip: str, at: datetime) -> Receipt:
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                if plan.lead is None:
                    self._transaction(form, plan, key, ip, at).commit()
                else:
                    # The month's lead counter joins the transaction; over the plan's limit the lead is
                    # kept all the same, marked over_limit: a form never loses a lead (docs/billing.md).
                    usage.commit_new_lead(
                        form.tenant_id,
                        lambda over_limit: self._transaction(form, plan, key, ip, at, over_limit),
                        keep_over_limit=True,
                    )
                return plan.receipt
            except TransactionCancelledError as error:
                return self._cancelled(error, key, at)
            except ConflictError:
                # Another write to a shared counter was in flight (TransactionConflict); none of ours landed.
                if attempt == WRITE_ATTEMPTS:
                    raise
                self._sleep(random.uniform(0.02, 0.08) * attempt)
        raise AssertionError("unreachable")

    def _transaction(
        self, form: PublishedForm, plan: _Plan, key: _Key, ip: str, at: datetime, over_limit: bool = False
    ) -> Transaction:
        """The submission's writes; for a new lead, built again (the same writes) if the plan's counter
        has to be started or the lead is over the limit."""
        tx = Transaction()
        self._count_rate(tx, form, ip, at)
        record = IdempotencyItem(
            keys.idempotency(form.tenant_id, key.hash),
            keys.IDEMPOTENCY_SK,
            payload_hash=key.payload_hash,
            response=_canonical(plan.receipt.body()),
            created_at=iso(at),
            expires_at=at + key.ttl,
        )
        fresh = IdempotencyItem.PK.does_not_exist() | (IdempotencyItem.expires_at < at)
        tx.put("idempotency", record, condition=fresh, return_old=True)
        tx.put("submission", plan.submission)
        actor = f"form:{form.form_id}"
        if plan.lead is not None:
            plan.lead.over_limit = over_limit or None
            plan.event = _lead_created(form, plan, plan.lead)
            add_new_lead(tx, plan.lead, actor, plan.event.event_id)
            if plan.contact is not None:
                contacts.write_contact_plan(tx, plan.contact, plan.lead.lead_id, form.pipeline_id, iso(at))
        elif plan.outcome == "attached" and plan.lead_id:
            lead_ref = Item(lead_key(form.tenant_id, plan.lead_id), LEAD_SK)
            actions = [
                Lead.last_touch.set(plan.touch_attribution),
                Lead.updated_at.set(iso(at)),
                Lead.touch_count.add(1),
                # An editor holding the lead's previous version must reload rather than overwrite the touch.
                Lead.version.add(1),
                *touch_click_actions(form.tenant_id, plan.lead_id, dict(plan.touch_attribution or {})),
                *sort_key_actions(plan.lead_id, updated_at=iso(at)),
            ]
            # Still live and open: a won or lost lead takes no new touch, the contact gets a new lead.
            open_stages = open_stage_ids(form.tenant_id, form.pipeline_id)
            is_open = Lead.stage_id.is_in(*open_stages) if open_stages else Lead.PK.does_not_exist()
            live = Lead.PK.exists() & Lead.deleted_at.does_not_exist() & is_open
            tx.update("lead", lead_ref, actions, condition=live)
            if plan.contact is not None:
                contacts.touch_contact(tx, plan.contact, iso(at), plan.touch_attribution)
        if plan.touch is not None:
            tx.put("touch", plan.touch)
        if plan.event is not None:
            tx.put("outbox", outbox_item(plan.event))
        return tx

    def _count_rate(self, tx: Transaction, form: PublishedForm, ip: str, at: datetime) -> None:
        limits = form.settings.rate_limits
        for label, scope, limit, window in (
            ("rate_ip", f"IP#{_digest(ip)[:20]}", limits.per_ip, limits.per_ip_window_seconds),
            ("rate_form", f"FORM#{form.form_id}", limits.per_form_per_minute, 60),
        ):
            start = int(at.timestamp()) // window * window
            counter = RateCounterItem(keys.rate_counter(form.tenant_id, scope, start), keys.RATE_SK)
            actions = [
                RateCounterItem.type.set(RateCounterItem),
                RateCounterItem.hits.add(1),
                RateCounterItem.window_ends_at.set(start + window),
                RateCounterItem.expires_at.set(datetime.fromtimestamp(start + window + 3600, UTC)),
            ]
            below = RateCounterItem.hits.does_not_exist() | (RateCounterItem.hits < limit)
            tx.update(label, counter, actions, condition=below, return_old=True)

    def _cancelled(self, error: TransactionCancelledError, key: _Key, at: datetime) -> Receipt:
        if "idempotency" in error.failed:
            return self._replay(error.items.get("idempotency"), key)
        rate = [label for label in ("rate_ip", "rate_form") if label in error.failed]
        if rate:
            raise TooManyRequestsError(
                "Too many submissions; try again later", retry_after=self._retry_after(error, rate[0], at)
            )
        if "lead" in error.failed:
            raise _LeadGoneError
        if "contact" in error.failed:
            raise _ContactChangedError
        logger.error("Form submission refused by a condition", extra={"failed": error.failed})
        raise ServiceUnavailableError(
            "This form cannot take posts right now (its pipeline stage is gone)", code="form_unavailable"
        )

    @staticmethod
    def _retry_after(error: TransactionCancelledError, label: str, at: datetime) -> int:
        old = error.items.get(label) or {}
        ends = old.get("window_ends_at", {}).get("N")
        return max(1, int(float(ends) - at.timestamp()) + 1) if ends else 60

    @staticmethod
    def _replay(old: dict[str, Any] | None, key: _Key) -> Receipt:
        if not old:
            raise ConflictError("This post is being processed; try again", code="idempotency_in_progress")
        if old.get("payload_hash", {}).get("S") != key.payload_hash:
            raise ConflictError(
                "This idempotency key was used for a different post", code="idempotency_key_reused"
            )
        body = json.loads(old["response"]["S"])
        return Receipt(body["submission_id"], body["message"], body.get("redirect_url"), replayed=True)


CLOSED_MESSAGE = "This form is not accepting submissions right now. Please try again later."


class FormClosedError(ConvertlyError):
    """The form's account is suspended: nothing is taken, and the visitor is told so politely."""

    status_code = 423
    code = "form_closed"


def _lead_created(form: PublishedForm, plan: _Plan, lead: Lead) -> DomainEvent:
    """LeadCreated for a form's new lead: the lead, and the form that made it (the round-robin
    assignment consumer's rule matches `data.form.assignment`)."""
    return DomainEvent(
        detail_type="LeadCreated",
        tenant_id=form.tenant_id,
        actor_id=f"form:{form.form_id}",
        subject_id=lead.lead_id,
        data={
            "lead": to_lead(lead).model_dump(mode="json"),
            "form": {
                "form_id": form.form_id,
                "submission_id": plan.submission.submission_id,
                "assignment": form.settings.assignment.mode,
            },
        },
    )


def _answers(settings: Any, values: dict[str, Any]) -> list[dict[str, Any]]:
    """The visitor's answers with their fields' labels, in the form's order (booleans and lists as
    the visitor gave them, other values as text)."""
    answers = []
    for form_field in settings.fields:
        value = values.get(form_field.name)
        if value is None or value == "":
            continue
        shown = value if isinstance(value, bool | list) else str(value)[:2000]
        answers.append({"label": form_field.label, "value": shown})
    return answers


class _LeadGoneError(Exception):
    """The lead a repeat submission would attach to was deleted meanwhile."""


class _ContactChangedError(Exception):
    """The known contact was written (or deleted) since the submission read it."""
