"""Template and message shapes: what the API takes and answers."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from convertly.platform.domain import DomainModel

Channel = Literal["email", "sms"]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Subject = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Body = Annotated[str, StringConstraints(max_length=50_000)]
SmsBody = Annotated[str, StringConstraints(max_length=1_600)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=64)]
AttachmentIds = Annotated[list[Id], Field(max_length=5)]


class TemplateCreate(DomainModel):
    channel: Channel
    name: Name
    subject: Subject | None = Field(default=None, description="Email only")
    body: Body = Field(description="Email: HTML; SMS: text (up to 1,600 characters)")
    text: Body | None = Field(default=None, description="Email: the plain-text part (empty: from the HTML)")
    attachment_ids: AttachmentIds | None = Field(
        default=None, description="Email: files of the media library it attaches (up to 5, 10 MB together)"
    )

    @model_validator(mode="after")
    def _fits_channel(self) -> TemplateCreate:
        if self.channel == "email" and not (self.subject or "").strip():
            raise ValueError("An email template needs a subject")
        if self.channel == "sms" and len(self.body) > 1_600:
            raise ValueError("A text message is at most 1,600 characters")
        if not self.body.strip():
            raise ValueError("The template needs a body")
        return self


class TemplateUpdate(DomainModel):
    version: int = Field(ge=1, description="The version read: a change made since answers 409")
    name: Name | None = None
    subject: Subject | None = None
    body: Body | None = None
    text: Body | None = None
    attachment_ids: AttachmentIds | None = Field(default=None, description="Email: the files it attaches")


class TemplateAttachment(DomainModel):
    """A file the template attaches; `missing`: deleted from the media library since (the template
    cannot be sent until it is removed)."""

    media_id: str
    name: str | None
    content_type: str | None
    size_bytes: int | None
    missing: bool


class Template(DomainModel):
    template_id: str
    channel: Channel
    name: str
    subject: str | None
    body: str
    text: str | None
    segments: int | None = Field(description="SMS: how many parts the text takes before merge fields")
    encoding: str | None = Field(description="SMS: gsm7 or ucs2")
    attachments: list[TemplateAttachment] = Field(default_factory=list, description="Email: the files")
    created_at: str
    updated_at: str
    version: int


class TemplateList(DomainModel):
    items: list[Template]


class PreviewRequest(DomainModel):
    """Render a saved template, or the text being edited, for a contact (and lead) as it is now."""

    template_id: Id | None = None
    channel: Channel | None = None
    subject: Subject | None = None
    body: Body | None = None
    text: Body | None = None
    contact_id: Id | None = None
    lead_id: Id | None = None
    attachment_ids: AttachmentIds | None = Field(
        default=None, description="The files being edited (else the saved template's)"
    )

    @model_validator(mode="after")
    def _something(self) -> PreviewRequest:
        if not self.template_id and not (self.channel and self.body is not None):
            raise ValueError("Name a template, or give the channel and body to preview")
        return self


class Preview(DomainModel):
    channel: Channel
    subject: str | None
    body: str
    text: str | None
    segments: int | None
    encoding: str | None
    attachments: list[TemplateAttachment] = Field(default_factory=list, description="Email: the files sent")


class MessageSend(DomainModel):
    """A one-off email or text to a contact, from a template or written there and then."""

    channel: Channel
    template_id: Id | None = None
    subject: Subject | None = None
    body: Body | None = None
    lead_id: Id | None = Field(
        default=None,
        description="The lead it is about: one of the contact's leads the caller sees (else 404); its merge "
        "fields fill the email, which shows on the lead's timeline too",
    )
    request_key: Annotated[str, StringConstraints(min_length=8, max_length=64)] = Field(
        description="The same key twice sends once (a double click, a retry)"
    )

    @model_validator(mode="after")
    def _content(self) -> MessageSend:
        if not self.template_id and not (self.body or "").strip():
            raise ValueError("Choose a template or write the message")
        if self.channel == "email" and not self.template_id and not (self.subject or "").strip():
            raise ValueError("An email needs a subject")
        return self


class MessageSent(DomainModel):
    message_id: str
    channel: Channel
    to: str
    subject: str | None
    status: Literal["queued"]


class UnsubscribeStatus(DomainModel):
    """Who an unsubscribe link is for (the address shown in part) and whether it took effect."""

    company: str = Field(description="The account whose email the contact stops receiving")
    email: str | None = Field(description="The contact's address, partly hidden")
    unsubscribed: bool
