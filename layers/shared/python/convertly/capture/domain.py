"""Lead capture forms: what the builder edits, what the public sees, and the submissions they receive."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StringConstraints, field_validator, model_validator
from pydantic import ValidationError as PydanticValidationError

from convertly.platform.domain import DomainModel
from convertly.platform.errors import readable_message
from convertly.platform.fields import ShortText, Tag
from convertly.platform.money import MAX_AMOUNT, MAX_MINOR_UNITS, Currency


class _Model(DomainModel):
    """The form shapes (built on first use, like every DomainModel: the public submit function imports
    these shapes but needs few of them)."""


class FieldType(StrEnum):
    TEXT = "text"
    EMAIL = "email"
    PHONE = "phone"
    TEXTAREA = "textarea"
    SELECT = "select"
    CHECKBOX = "checkbox"
    HIDDEN = "hidden"
    CONSENT = "consent"  # a checkbox whose answer is the visitor's consent to ad data use


# Lead fields a form field may fill; anything else goes to a custom field (`custom:<key>`).
LEAD_TARGETS = ("first_name", "last_name", "full_name", "email", "phone", "company")
IDENTITY_TARGETS = frozenset({"first_name", "last_name", "full_name", "email", "phone"})
CUSTOM_PREFIX = "custom:"
AdConsentSignal = Literal["ad_user_data", "ad_personalization"]
ConsentValue = Literal["granted", "denied", "unspecified"]

# The ad platforms' click ids and the campaign's UTMs: what makes a visit a touch worth keeping.
CLICK_ID_KEYS = ("gclid", "gbraid", "wbraid", "fbclid", "msclkid", "ttclid", "li_fat_id")
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id")
CAMPAIGN_KEYS = (*CLICK_ID_KEYS, *UTM_KEYS)
# What the browser may send of a touch (the first touch as `attribution`, the last as `last_touch`),
# and the page the form was sent from; the server adds ip, user agent, submit time, consent, form.
CLIENT_ATTRIBUTION_KEYS = (
    *CAMPAIGN_KEYS,
    "fbc",
    "fbp",
    "landing_page",
    "referrer",
    "first_seen_at",
    "page_url",
)
# Names a field may not take: a classic form post carries fields and attribution side by side.
RESERVED_FIELD_NAMES = frozenset(
    {*CLIENT_ATTRIBUTION_KEYS, "fields", "attribution", "last_touch"}
    | {"honeypot", "started_at", "captcha_token"}
)
HONEYPOT_FIELD = "_hp"
# The KMS encryption context's purpose for a form's captcha secret.
CAPTCHA_PURPOSE = "form_captcha"
DEFAULT_TEXT_LENGTH = 500
DEFAULT_TEXTAREA_LENGTH = 5000

_CUSTOM_KEY = re.compile(r"^custom:[a-z0-9_]{1,64}$")
_DOMAIN = re.compile(r"^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$")

FieldName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Option = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Message = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2048, pattern=r"^https?://\S+$")]
# The currency of stored settings: a form saved before codes were checked against ISO 4217 still
# loads; what a request sends is a `Currency` (FormCreate, FormUpdate).
StoredCurrency = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{3}$")
]
# A new lead's value, as a lead's own (leads.domain): up to a trillion, with at most the decimals of
# the form's currency (checked with the currency the form ends up with, convertly.capture.forms).
LeadValue = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, decimal_places=MAX_MINOR_UNITS)]


class FormField(_Model):
    """One input of a form and where its answer goes on the lead."""

    model_config = ConfigDict(extra="forbid")

    name: FieldName = Field(description="The input's name in the post; lowercase letters, digits, _")
    type: FieldType
    label: Label
    placeholder: ShortText | None = None
    required: bool = False
    options: list[Option] = Field(default_factory=list, max_length=50, description="select only")
    maps_to: str | None = Field(
        default=None,
        description="first_name, last_name, full_name, email, phone, company or custom:<key>; "
        "defaults to email/phone for those types, none for consent, custom:<name> otherwise",
    )
    default: ShortText | None = Field(default=None, description="the value of a hidden field")
    consent_signals: list[AdConsentSignal] = Field(
        default_factory=list, description="consent only: the Google consent signals this box grants"
    )
    max_length: int | None = Field(default=None, ge=1, le=DEFAULT_TEXTAREA_LENGTH)

    @model_validator(mode="after")
    def _consistent(self) -> FormField:
        if self.name in RESERVED_FIELD_NAMES:
            raise ValueError(f"the name {self.name!r} is reserved")
        if (self.type is FieldType.SELECT) != bool(self.options):
            raise ValueError("a select field needs options, and only a select field has them")
        if self.consent_signals and self.type is not FieldType.CONSENT:
            raise ValueError("only a consent field names consent signals")
        self.maps_to = self._target()
        return self

    def _target(self) -> str | None:
        if self.type is FieldType.CONSENT:
            if self.maps_to is not None:
                raise ValueError("a consent field records consent; it maps to no lead field")
            return None
        target = self.maps_to or {
            FieldType.EMAIL: "email",
            FieldType.PHONE: "phone",
        }.get(self.type, f"{CUSTOM_PREFIX}{self.name}")
        if target not in LEAD_TARGETS and not _CUSTOM_KEY.match(target):
            raise ValueError(f"maps_to must be one of {', '.join(LEAD_TARGETS)} or custom:<key>")
        if target == "email" and self.type not in (FieldType.EMAIL, FieldType.HIDDEN):
            raise ValueError("only an email field maps to email")
        if target == "phone" and self.type not in (FieldType.PHONE, FieldType.HIDDEN):
            raise ValueError("only a phone field maps to phone")
        if self.type is FieldType.CHECKBOX and not target.startswith(CUSTOM_PREFIX):
            raise ValueError("a checkbox maps to a custom field")
        return target

    @property
    def limit(self) -> int:
        default = DEFAULT_TEXTAREA_LENGTH if self.type is FieldType.TEXTAREA else DEFAULT_TEXT_LENGTH
        return self.max_length or default


class Assignment(_Model):
    """Who owns the leads a form creates: nobody yet, one user, or the Sales users in turn."""

    model_config = ConfigDict(extra="forbid")

    mode: Literal["unassigned", "user", "round_robin"] = "unassigned"
    user_id: ShortText | None = None

    @model_validator(mode="after")
    def _user_only_for_user_mode(self) -> Assignment:
        if (self.mode == "user") != bool(self.user_id):
            raise ValueError("user_id is required for mode 'user' and only for it")
        return self


class CaptchaSettings(_Model):
    """Cloudflare Turnstile or Google reCAPTCHA. The secret is write-only: stored encrypted, shown masked."""

    model_config = ConfigDict(extra="forbid")

    provider: Literal["turnstile", "recaptcha"]
    site_key: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    secret: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)] | None = (
        Field(default=None, description="write-only; omit (or send the mask) to keep the stored one")
    )


class RateLimits(_Model):
    """Accepted submissions per visitor IP per window, and per form per minute; beyond them, 429."""

    model_config = ConfigDict(extra="forbid")

    per_ip: int = Field(default=10, ge=1, le=1000)
    per_ip_window_seconds: int = Field(default=600, ge=10, le=86_400)
    per_form_per_minute: int = Field(default=120, ge=1, le=10_000)


def _default_fields() -> list[FormField]:
    return [
        FormField(name="name", type=FieldType.TEXT, label="Name", required=True, maps_to="full_name"),
        FormField(name="email", type=FieldType.EMAIL, label="Email", required=True),
        FormField(name="phone", type=FieldType.PHONE, label="Phone"),
    ]


class FormSettings(_Model):
    """Everything the builder edits. A new form gets a name, email and phone field unless given fields."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    fields: list[FormField] = Field(default_factory=_default_fields, min_length=1, max_length=30)
    submit_label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)] = (
        "Send"
    )
    pipeline_id: ShortText | None = Field(default=None, description="default: the default pipeline")
    stage_id: ShortText | None = Field(default=None, description="default: the pipeline's first stage")
    assignment: Assignment = Field(default_factory=Assignment)
    thank_you_message: Message = "Thank you! We will be in touch soon."
    redirect_url: Url | None = Field(default=None, description="where the visitor goes after submitting")
    allowed_domains: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="sites that may embed the form: example.com, *.example.com, localhost:8080",
    )
    captcha: CaptchaSettings | None = None
    duplicates: Literal["attach", "create"] = Field(
        default="attach",
        description="a repeat submitter (same email or phone): attach a new touch to the lead, or create",
    )
    min_fill_seconds: int = Field(default=3, ge=0, le=120, description="faster submissions are spam")
    rate_limits: RateLimits = Field(default_factory=RateLimits)
    consent_default: ConsentValue = Field(
        default="unspecified", description="ad consent for signals no consent field asks about"
    )
    tags: list[Tag] = Field(default_factory=list, max_length=10)
    default_value: LeadValue | None = Field(
        default=None, description="the value of each lead the form creates (none: 0)"
    )
    currency: StoredCurrency | None = Field(
        default=None, description="the currency of the form's leads (ISO 4217); none: the account's"
    )

    @field_validator("allowed_domains")
    @classmethod
    def _domains(cls, domains: list[str]) -> list[str]:
        cleaned = [domain.strip().lower() for domain in domains]
        for domain in cleaned:
            if len(domain) > 253 or not _DOMAIN.match(domain):
                raise ValueError(f"{domain!r} is not a host name like example.com or *.example.com")
        return list(dict.fromkeys(cleaned))

    @model_validator(mode="after")
    def _fields_fit_together(self) -> FormSettings:
        names = [field.name for field in self.fields]
        if len(names) != len(set(names)):
            raise ValueError("field names must be unique")
        targets = [f.maps_to for f in self.fields if f.maps_to and not f.maps_to.startswith(CUSTOM_PREFIX)]
        if len(targets) != len(set(targets)):
            raise ValueError("each lead field takes at most one form field")
        if not IDENTITY_TARGETS & set(targets):
            raise ValueError("a form needs a field for the lead's name, email or phone")
        if "full_name" in targets and {"first_name", "last_name"} & set(targets):
            raise ValueError("map either full_name or first_name/last_name, not both")
        return self


class FormCreate(FormSettings):
    """A new form, saved as a draft."""

    currency: Currency | None = Field(
        default=None, description="the currency of the form's leads (ISO 4217); none: the account's"
    )


class FormUpdate(_Model):
    """Changes to a form; `version` is the one the editor saw (a newer one on the server is a 409)."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)] | None = None
    fields: list[FormField] | None = Field(default=None, min_length=1, max_length=30)
    submit_label: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)] | None
    ) = None
    pipeline_id: ShortText | None = None
    stage_id: ShortText | None = None
    assignment: Assignment | None = None
    thank_you_message: Message | None = None
    redirect_url: Url | None = None
    allowed_domains: list[str] | None = Field(default=None, max_length=20)
    captcha: CaptchaSettings | None = None
    duplicates: Literal["attach", "create"] | None = None
    min_fill_seconds: int | None = Field(default=None, ge=0, le=120)
    rate_limits: RateLimits | None = None
    consent_default: ConsentValue | None = None
    tags: list[Tag] | None = Field(default=None, max_length=10)
    default_value: LeadValue | None = None
    currency: Currency | None = None


SECRET_MASK = "********"  # noqa: S105 - what the API shows instead of a stored secret


class CaptchaView(_Model):
    provider: str
    site_key: str
    secret: str | None = Field(description="the mask when a secret is stored; never the secret")


class Form(_Model):
    """A form as the builder sees it."""

    form_id: str
    name: str
    status: Literal["draft", "published"]
    fields: list[FormField]
    submit_label: str
    pipeline_id: str
    stage_id: str
    assignment: Assignment
    thank_you_message: str
    redirect_url: str | None
    allowed_domains: list[str]
    captcha: CaptchaView | None
    duplicates: str
    min_fill_seconds: int
    rate_limits: RateLimits
    consent_default: str
    tags: list[str]
    default_value: float | None = Field(description="the value of each lead the form creates (none: 0)")
    currency: str | None = Field(description="the currency of the form's leads")
    hosted_path: str = Field(description="the hosted page, relative to the API's base URL")
    definition_path: str = Field(description="the public definition the embed script reads")
    created_at: str
    updated_at: str
    published_at: str | None
    version: int


class FormList(_Model):
    items: list[Form]


class PublicField(_Model):
    name: str
    type: str
    label: str
    placeholder: str | None
    required: bool
    options: list[str]
    default: str | None
    max_length: int


class PublicCaptcha(_Model):
    provider: str
    site_key: str


class PublicForm(_Model):
    """What the embed script and the hosted page need to render a published form; nothing private."""

    form_id: str
    name: str
    fields: list[PublicField]
    submit_label: str
    thank_you_message: str
    redirect_url: str | None
    captcha: PublicCaptcha | None
    honeypot_field: str = HONEYPOT_FIELD
    max_body_bytes: int


class SubmitReceipt(_Model):
    """What a JSON post to a form answers (201): spam is told the same as everyone else."""

    submission_id: str
    status: Literal["received"]
    message: str = Field(description="the form's thank-you message")
    redirect_url: str | None


class Submission(_Model):
    """One post to a form: what became of it, with the values and attribution it carried."""

    submission_id: str
    form_id: str
    submitted_at: str
    outcome: Literal["created", "attached", "spam"]
    spam: bool
    spam_reason: str | None
    lead_id: str | None
    lead_name: str | None
    values: dict[str, Any]
    attribution: dict[str, Any]


class SubmissionPage(_Model):
    items: list[Submission]
    next_cursor: str | None


def field_messages(error: PydanticValidationError) -> dict[str, str]:
    """A message per field (dotted path) of a model's validation error, as the API answers them."""
    fields: dict[str, str] = {}
    for entry in error.errors():
        name = ".".join(str(part) for part in entry.get("loc", ())) or "body"
        fields.setdefault(name, readable_message(entry))
    return fields
