"""Template use cases: list with search, read, create, edit, clone, delete, preview on a contact; and a
one-off email to a contact from its page or one of its leads' (queued in the mail outbox with the
template's files and the contact's unsubscribe link, on the contact's timeline and the lead's)."""

from __future__ import annotations

import hashlib
from typing import Any

from pynamodb.exceptions import DeleteError, PutError

from convertly.contacts import service as contacts
from convertly.leads import service as leads
from convertly.messaging import attachments as template_files
from convertly.messaging import keys, unsubscribe
from convertly.messaging.domain import (
    MessageSend,
    MessageSent,
    Preview,
    PreviewRequest,
    Template,
    TemplateCreate,
    TemplateList,
    TemplateUpdate,
)
from convertly.messaging.items import MessageTemplateItem
from convertly.messaging.merge import records, values_for
from convertly.messaging.render import Rendered, render_email, render_sms, sms_segments
from convertly.notifications import service as notifications
from convertly.platform.changelog import log_entry
from convertly.platform.clock import iso, new_id
from convertly.platform.clock import now as clock_now
from convertly.platform.errors import ConflictError, NotFoundError, ValidationError
from convertly.platform.principal import Principal
from convertly.platform.store.items import plain
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

MAX_TEMPLATES = 500
_SAMPLE_CONTACT = {"first_name": "Ada", "last_name": "Lovelace", "name": "Ada Lovelace"}


def to_template(item: MessageTemplateItem, files: template_files.Files | None = None) -> Template:
    """The template as the API shows it; `files`: its attachments' files when the caller read them
    (a list reads every template's at once), else read here."""
    segments, encoding = sms_segments(item.body) if item.channel == "sms" else (None, None)
    ids = template_files.ids_of(item)
    if files is None:
        files = template_files.files_of(item.tenant_id, ids)
    return Template(
        template_id=item.template_id,
        channel=item.channel,  # type: ignore[arg-type]
        name=item.name,
        subject=item.subject,
        body=item.body,
        text=item.text,
        segments=segments,
        encoding=encoding,
        attachments=template_files.described(ids, files),
        created_at=item.created_at,
        updated_at=item.updated_at,
        version=int(item.version or 1),
    )


def get_item(tenant_id: str, template_id: str) -> MessageTemplateItem | None:
    if not template_id or len(template_id) > 64:
        return None
    try:
        return MessageTemplateItem.get(
            keys.templates(tenant_id), keys.template_sk(template_id), consistent_read=True
        )
    except MessageTemplateItem.DoesNotExist:
        return None


def _found(tenant_id: str, template_id: str) -> MessageTemplateItem:
    item = get_item(tenant_id, template_id)
    if item is None:
        raise NotFoundError("No such template", code="template_not_found")
    return item


def _all(tenant_id: str) -> list[MessageTemplateItem]:
    query = MessageTemplateItem.query(
        keys.templates(tenant_id), MessageTemplateItem.SK.startswith(keys.template_sk(""))
    )
    return list(query)


def list_templates(principal: Principal, q: str | None = None, channel: str | None = None) -> TemplateList:
    """The tenant's templates by name, narrowed by a search of name, subject and body, and channel."""
    needle = (q or "").strip().casefold()
    found = [
        item
        for item in _all(principal.tenant_id)
        if (channel is None or item.channel == channel)
        and (
            not needle
            or needle in item.name.casefold()
            or needle in (item.subject or "").casefold()
            or needle in item.body.casefold()
        )
    ]
    files = template_files.files_of(
        principal.tenant_id, [media_id for item in found for media_id in template_files.ids_of(item)]
    )
    ordered = sorted(found, key=lambda i: i.name.casefold())
    return TemplateList(items=[to_template(i, files) for i in ordered])


def get_template(principal: Principal, template_id: str) -> Template:
    return to_template(_found(principal.tenant_id, template_id))


def _check_syntax(channel: str, subject: str | None, body: str, text: str | None) -> None:
    """A template must render with a sample contact: a typo in a merge field name is refused when
    saved. Custom fields and values are looked up when the template is previewed or sent."""
    from jinja2 import TemplateSyntaxError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    environment = ImmutableSandboxedEnvironment()
    for where, source in (("subject", subject), ("body", body), ("text", text)):
        if not source:
            continue
        try:
            environment.parse(source)
        except TemplateSyntaxError as error:
            raise ValidationError(
                f"The {where} is not a valid template: {error.message}",
                code="invalid_template",
                fields={where: str(error.message)},
            ) from error
    del channel


def create_template(principal: Principal, request: TemplateCreate) -> Template:
    if len(_all(principal.tenant_id)) >= MAX_TEMPLATES:
        raise ConflictError(f"An account has at most {MAX_TEMPLATES} templates", code="too_many_templates")
    _check_syntax(request.channel, request.subject, request.body, request.text)
    attachment_ids = template_files.checked(
        principal.tenant_id, request.attachment_ids or [], request.channel
    )
    at, template_id = iso(), new_id()
    item = MessageTemplateItem(
        keys.templates(principal.tenant_id),
        keys.template_sk(template_id),
        template_id=template_id,
        tenant_id=principal.tenant_id,
        channel=request.channel,
        name=request.name,
        subject=request.subject if request.channel == "email" else None,
        body=request.body,
        text=(request.text or None) if request.channel == "email" else None,
        attachment_ids=attachment_ids or None,
        created_at=at,
        created_by=principal.user_id,
        updated_at=at,
        version=1,
    )
    item.save(condition=MessageTemplateItem.PK.does_not_exist())
    return to_template(item)


def update_template(principal: Principal, template_id: str, request: TemplateUpdate) -> Template:
    item = _found(principal.tenant_id, template_id)
    if int(item.version or 1) != request.version:
        raise ConflictError(
            "Someone else changed this template: reload it",
            code="stale_version",
            details={"template": to_template(item).model_dump(mode="json")},
        )
    changes = request.model_dump(exclude_unset=True, exclude={"version"})
    if item.channel == "sms":
        changes.pop("subject", None)
        changes.pop("text", None)
    merged = {
        "subject": changes.get("subject", item.subject),
        "body": changes.get("body", item.body),
        "text": changes.get("text", item.text),
    }
    if item.channel == "email" and not (merged["subject"] or "").strip():
        raise ValidationError("An email template needs a subject", fields={"subject": "Required"})
    if not (merged["body"] or "").strip():
        raise ValidationError("The template needs a body", fields={"body": "Required"})
    if item.channel == "sms" and len(merged["body"]) > 1_600:
        raise ValidationError("A text message is at most 1,600 characters", fields={"body": "Too long"})
    _check_syntax(item.channel, merged["subject"], merged["body"], merged["text"])
    if "attachment_ids" in changes:
        ids = template_files.checked(principal.tenant_id, changes["attachment_ids"] or [], item.channel)
        changes["attachment_ids"] = ids or None
    for name, value in changes.items():
        setattr(item, name, value if value != "" or name == "body" else None)
    item.updated_at = iso()
    item.version = request.version + 1
    try:
        item.save(condition=MessageTemplateItem.version == request.version)
    except PutError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        raise ConflictError("Someone else changed this template: reload it", code="stale_version") from error
    return to_template(item)


def clone_template(principal: Principal, template_id: str) -> Template:
    source = _found(principal.tenant_id, template_id)
    ids = template_files.ids_of(source)
    kept = template_files.files_of(principal.tenant_id, ids)  # a file deleted since is not copied
    copy = TemplateCreate(
        channel=source.channel,  # type: ignore[arg-type]
        name=f"{source.name} (copy)"[:120],
        subject=source.subject,
        body=source.body,
        text=source.text,
        attachment_ids=[media_id for media_id in ids if media_id in kept] or None,
    )
    return create_template(principal, copy)


def delete_template(principal: Principal, template_id: str) -> None:
    item = _found(principal.tenant_id, template_id)
    try:
        item.delete(condition=MessageTemplateItem.PK.exists())
    except DeleteError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise


def render(
    channel: str, subject: str | None, body: str, text: str | None, values: dict[str, Any]
) -> Rendered:
    if channel == "sms":
        return render_sms(body, values)
    return render_email(subject or "", body, text, values)


def preview(principal: Principal, request: PreviewRequest) -> Preview:
    """The template filled in for a contact (and lead) as they are now, or for a sample person; an
    unknown merge field answers 422 with its name."""
    channel: str
    subject: str | None
    body: str
    text: str | None
    attachment_ids: list[str] = []
    if request.template_id:
        item = _found(principal.tenant_id, request.template_id)
        channel, subject, body, text = item.channel, item.subject, item.body, item.text
        attachment_ids = template_files.ids_of(item)
    else:
        channel, subject, body, text = (
            request.channel or "email",
            request.subject,
            request.body or "",
            request.text,
        )
    if request.contact_id:
        contacts.visible_contact(principal, request.contact_id)  # 404 for one the user may not see
    contact, lead = records(principal.tenant_id, request.contact_id, request.lead_id)
    if request.lead_id and (lead is None or not _sees(principal, lead)):
        raise NotFoundError("No such lead", code="lead_not_found")
    if request.attachment_ids is not None:
        attachment_ids = list(request.attachment_ids)
    # A file deleted from the media library fails the preview as it would fail the send (422).
    files = template_files.present(principal.tenant_id, attachment_ids) if channel == "email" else {}
    values = values_for(principal.tenant_id, contact, lead)
    if contact is None:
        values["contact"].update(_SAMPLE_CONTACT)  # a sample person, so the names show
    rendered = render(channel, subject, body, text, values)
    segments, encoding = sms_segments(rendered.body) if channel == "sms" else (None, None)
    return Preview(
        channel=channel,  # type: ignore[arg-type]
        subject=rendered.subject,
        body=rendered.body,
        text=rendered.text,
        segments=segments,
        encoding=encoding,
        attachments=template_files.described(attachment_ids, files) if channel == "email" else [],
    )


def _sees(principal: Principal, lead: Any) -> bool:
    """A live lead the caller may see: anyone with every lead, else the lead's owner."""
    return not lead.deleted_at and (leads.may_see_all(principal) or lead.owner_id == principal.user_id)


def consent_of(contact: Any) -> dict[str, Any]:
    return plain(contact.consent)


def message_id_for(tenant_id: str, scope: str, key: str) -> str:
    """A message id that is the same for the same request key: a double click queues one email."""
    digest = hashlib.sha256(f"{tenant_id}|{scope}|{key}".encode()).hexdigest()
    return digest[:26].upper()


def _email_content(
    principal: Principal, request: MessageSend
) -> tuple[str, str, str | None, tuple[notifications.MailAttachment, ...]]:
    """Subject, HTML, plain text and files: a template's (422: a file of it was deleted), or as written."""
    if not request.template_id:
        return request.subject or "", request.body or "", None, ()
    item = _found(principal.tenant_id, request.template_id)
    if item.channel != "email":
        raise ValidationError("Choose an email template", fields={"template_id": "Not an email template"})
    files = template_files.for_mail(principal.tenant_id, template_files.ids_of(item))
    return item.subject or "", item.body, item.text, files


def _lead_of_contact(principal: Principal, contact_id: str, lead_id: str | None) -> Any | None:
    """The lead an email is about: one of the contact's, that the caller sees (404 otherwise)."""
    if not lead_id:
        return None
    _, lead = records(principal.tenant_id, contact_id, lead_id)
    if lead is None or lead.contact_id != contact_id or not _sees(principal, lead):
        raise NotFoundError("No such lead of this contact", code="lead_not_found")
    return lead


def send_to_contact(principal: Principal, contact_id: str, request: MessageSend) -> MessageSent:
    """A one-off email to the contact, queued in the mail outbox with an entry on its timeline in the
    same transaction; the same request key twice queues it once."""
    contact, _ = contacts.visible_contact(principal, contact_id)
    if contact.deleted_at:
        raise NotFoundError("No such contact", code="contact_not_found")
    if request.channel == "sms":
        from convertly.messaging.sms_send import text_contact  # loads the SMS path on first use

        return text_contact(principal, contact, request)
    if not contact.email:
        raise ValidationError(
            "This contact has no email address", code="no_email", fields={"email": "Missing"}
        )
    if consent_of(contact).get("email_marketing") == "denied":
        raise ConflictError(
            "This contact unsubscribed from email (their consent to marketing email is denied), so nothing "
            "was sent",
            code="unsubscribed",
        )
    subject, body, text, files = _email_content(principal, request)
    lead = _lead_of_contact(principal, contact_id, request.lead_id)
    rendered = render_email(subject, body, text, values_for(principal.tenant_id, contact, lead))
    message_id = message_id_for(principal.tenant_id, f"contact:{contact_id}", request.request_key)
    now = clock_now()
    mail = notifications.mail_item(
        principal.tenant_id,
        message_id,
        notifications.OutgoingMail(
            to_address=str(contact.email),
            subject=rendered.subject or "",
            body=rendered.text or "",
            kind="message",
            html=rendered.body,
            attachments=files,
            unsubscribe_token=unsubscribe.token_for(principal.tenant_id, contact_id),
        ),
        now,
    )
    cause = {
        "subject": rendered.subject,
        "to": contact.email,
        "template_id": request.template_id,
        "lead_id": request.lead_id,
        "attachments": [f.file_name for f in files] or None,
    }

    def emailed(partition: str) -> Any:
        return log_entry(
            partition,
            message_id,
            iso(now),
            principal.user_id,
            "emailed",
            actor_name=principal.name or None,
            cause={name: value for name, value in cause.items() if value is not None},
        )

    tx = Transaction()
    tx.put("mail", mail, condition=type(mail).PK.does_not_exist())
    tx.put("log", emailed(contacts.contact_key(principal.tenant_id, contact_id)))
    if lead is not None:  # the lead it is about shows it on its timeline too
        tx.put("lead_log", emailed(leads.lead_key(principal.tenant_id, lead.lead_id)))
    try:
        tx.commit()
    except TransactionCancelledError as error:
        if "mail" not in error.failed:
            raise
    return MessageSent(
        message_id=message_id,
        channel="email",
        to=str(contact.email),
        subject=rendered.subject,
        status="queued",
    )
