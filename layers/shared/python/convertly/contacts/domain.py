"""Contact and company shapes: what the API takes and answers."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StringConstraints, field_validator, model_validator

from convertly.platform.domain import DomainModel
from convertly.platform.fields import ShortText, Tag, normalise_email, normalise_phone

ContactRole = Literal["Lead", "Prospect", "Client"]
ROLES: tuple[str, ...] = ("Lead", "Prospect", "Client")
Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
Country = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{2}$")]
Url = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2048)]
TimeZone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)]
Choice = Literal["granted", "denied", "unspecified"]
CustomValue = str | int | float | bool | list[str] | None
CustomFields = dict[Annotated[str, StringConstraints(max_length=64)], CustomValue]
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class Address(DomainModel):
    model_config = ConfigDict(extra="forbid")

    line1: ShortText | None = None
    line2: ShortText | None = None
    city: ShortText | None = None
    region: ShortText | None = None
    postal_code: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)] | None = None
    country: Country | None = None


class Consent(DomainModel):
    """What the person agreed to: ad data use (as Google's consent mode names it) and marketing."""

    model_config = ConfigDict(extra="forbid")

    ad_user_data: Choice = "unspecified"
    ad_personalization: Choice = "unspecified"
    email_marketing: Choice = "unspecified"
    sms_marketing: Choice = "unspecified"


def _emails(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return list(dict.fromkeys(e for e in (normalise_email(v) for v in values) if e))


def _phones(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return list(dict.fromkeys(p for p in (normalise_phone(v) for v in values) if p))


class _ContactFields(DomainModel):
    model_config = ConfigDict(extra="forbid")

    first_name: Name | None = None
    last_name: Name | None = None
    email: str | None = Field(default=None, description="The primary email")
    emails: list[str] | None = Field(default=None, max_length=5, description="Other emails")
    phone: str | None = Field(default=None, description="The primary phone")
    phones: list[str] | None = Field(default=None, max_length=5, description="Other phones")
    country: Country | None = Field(default=None, description="ISO country (e.g. US) of a local phone")
    company_id: Id | None = Field(default=None, description="The company the contact works for")
    role: ContactRole | None = None
    owner_id: Id | None = None
    source: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None
    tags: list[Tag] | None = Field(default=None, max_length=20)
    custom_fields: CustomFields | None = Field(default=None, max_length=50)
    consent: Consent | None = None
    address: Address | None = None
    website: Url | None = None
    time_zone: TimeZone | None = None
    active: bool | None = None
    test: bool | None = None

    _email = field_validator("email")(normalise_email)
    _phone = field_validator("phone")(normalise_phone)
    _other_emails = field_validator("emails")(_emails)
    _other_phones = field_validator("phones")(_phones)


class ContactCreate(_ContactFields):
    """A new contact. At least a name, an email or a phone number."""

    @model_validator(mode="after")
    def _someone(self) -> ContactCreate:
        if not (self.first_name or self.last_name or self.email or self.phone):
            raise ValueError("a contact needs a name, an email or a phone number")
        return self


class ContactUpdate(_ContactFields):
    """Changes to a contact. `version` is the version the editor saw; a newer one is a 409."""

    version: int = Field(ge=1)


class ContactLead(DomainModel):
    """One of a contact's leads, as its Leads tab lists it."""

    lead_id: str
    name: str
    pipeline_id: str
    stage_id: str
    value: float
    currency: str
    owner_id: str | None
    created_at: str
    deleted_at: str | None


class Contact(DomainModel):
    contact_id: str
    first_name: str
    last_name: str
    name: str
    email: str | None
    emails: list[str]
    phone: str | None
    phones: list[str]
    country: str | None
    company_id: str | None
    company_name: str | None
    role: ContactRole
    owner_id: str | None
    source: str
    tags: list[str]
    custom_fields: dict[str, Any]
    consent: dict[str, Any]
    address: dict[str, Any]
    website: str | None
    time_zone: str | None
    active: bool
    test: bool
    lead_count: int = Field(description="Leads opened for this contact, deleted ones included")
    last_activity_at: str | None
    created_at: str
    created_by: str
    updated_at: str
    deleted_at: str | None
    merged_into: str | None = Field(default=None, description="The contact this one was merged into")
    version: int


class ContactDetail(Contact):
    leads: list[ContactLead] = Field(description="Its leads, newest first")


class ContactPage(DomainModel):
    items: list[Contact]
    next_cursor: str | None


ContactSort = Literal["created", "name", "updated"]


class ContactFilters(DomainModel):
    """List filters: the sort picks the index; a role or an owner is served by its own index."""

    role: ContactRole | None = None
    owner_id: str | None = None
    q: str | None = None
    deleted: bool = False
    sort: ContactSort = "created"


class _CompanyFields(DomainModel):
    model_config = ConfigDict(extra="forbid")

    domain: Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=253)] | None = (
        None
    )
    phone: str | None = None
    website: Url | None = None
    address: Address | None = None
    tags: list[Tag] | None = Field(default=None, max_length=20)
    custom_fields: CustomFields | None = Field(default=None, max_length=50)
    primary_contact_id: Id | None = None
    owner_id: Id | None = None

    _phone = field_validator("phone")(normalise_phone)


class CompanyCreate(_CompanyFields):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class CompanyUpdate(_CompanyFields):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] | None = None
    version: int = Field(ge=1)


class Company(DomainModel):
    company_id: str
    name: str
    domain: str | None
    phone: str | None
    website: str | None
    address: dict[str, Any]
    tags: list[str]
    custom_fields: dict[str, Any]
    primary_contact_id: str | None
    owner_id: str | None
    contact_count: int
    created_at: str
    created_by: str
    updated_at: str
    deleted_at: str | None
    merged_into: str | None = Field(default=None, description="The company this one was merged into")
    version: int


class CompanyDetail(Company):
    contacts: list[Contact] = Field(description="Its contacts, by name")
    leads: list[ContactLead] = Field(description="Its contacts' leads, newest first")


class CompanyPage(DomainModel):
    items: list[Company]
    next_cursor: str | None


class ContactSettingsUpdate(DomainModel):
    model_config = ConfigDict(extra="forbid")

    client_on_win: bool = Field(description="A won lead makes its contact a Client")


class ContactSettings(ContactSettingsUpdate):
    updated_at: str | None = None


class FieldChange(DomainModel):
    field: str
    old: Any = None
    new: Any = None


class ChangeEntry(DomainModel):
    """One change of the record: who, when, what (an update lists each field's old and new value)."""

    entry_id: str
    kind: Literal["created", "updated", "deleted", "restored", "merged", "imported", "emailed", "texted"]
    at: str
    actor_id: str | None
    actor_name: str | None
    changes: list[FieldChange]
    cause: dict[str, Any] | None = Field(default=None, description="Why, when no one did it by hand")


class RecordTimeline(DomainModel):
    record_id: str
    items: list[ChangeEntry] = Field(description="Oldest first")


MergeSide = Literal["survivor", "duplicate"]


class ContactMerge(DomainModel):
    """Merge `duplicate_id` into `survivor_id`. `fields` picks, per field, whose value the survivor
    keeps (the survivor's by default, the duplicate's where the survivor has none); emails, phones
    and tags are the union; leads (with their touches, notes, follow-ups and tasks) move to the
    survivor. The versions are those the merger saw: a newer one on either is a 409."""

    model_config = ConfigDict(extra="forbid")

    survivor_id: Id
    duplicate_id: Id
    survivor_version: int = Field(ge=1)
    duplicate_version: int = Field(ge=1)
    fields: dict[
        Literal[
            "first_name",
            "last_name",
            "email",
            "phone",
            "country",
            "company_id",
            "role",
            "owner_id",
            "source",
            "address",
            "website",
            "time_zone",
            "consent",
        ],
        MergeSide,
    ] = Field(default_factory=dict)


class CompanyMerge(DomainModel):
    """Merge `duplicate_id` into `survivor_id`: its contacts (and their leads) move to the survivor."""

    model_config = ConfigDict(extra="forbid")

    survivor_id: Id
    duplicate_id: Id
    survivor_version: int = Field(ge=1)
    duplicate_version: int = Field(ge=1)
    fields: dict[Literal["name", "domain", "phone", "website", "address", "owner_id"], MergeSide] = Field(
        default_factory=dict
    )


class DuplicatePair(DomainModel):
    reason: Literal["email", "phone"]
    found_at: str
    contacts: list[Contact] = Field(description="The two contacts, oldest first")


class DuplicatePage(DomainModel):
    items: list[DuplicatePair]
    next_cursor: str | None


# Smart lists ------------------------------------------------------------------------------------------

DateText = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{4}-\d{2}-\d{2}$")]
ListSort = Literal["name", "created", "updated", "last_activity"]
COLUMNS = (
    "name",
    "email",
    "phone",
    "company",
    "role",
    "owner",
    "tags",
    "source",
    "created",
    "updated",
    "last_activity",
    "leads",
)
Column = Literal[
    "name",
    "email",
    "phone",
    "company",
    "role",
    "owner",
    "tags",
    "source",
    "created",
    "updated",
    "last_activity",
    "leads",
]


class CustomCondition(DomainModel):
    """A condition on a custom field: `is_set`/`is_not_set` take no value; `gt`/`lt` compare numbers
    and dates; `contains` is text within text, or an option within a multi-select."""

    model_config = ConfigDict(extra="forbid")

    key: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    op: Literal["eq", "neq", "contains", "gt", "lt", "is_set", "is_not_set"]
    value: str | float | bool | None = None


class SmartListFilters(DomainModel):
    """Every condition must hold (an empty list of choices holds for all). Dates are days (inclusive)."""

    model_config = ConfigDict(extra="forbid")

    roles: list[ContactRole] = Field(default_factory=list, max_length=3)
    owner_ids: list[Id] = Field(default_factory=list, max_length=50)
    tags: list[Tag] = Field(default_factory=list, max_length=20, description="Any of these tags")
    sources: list[Annotated[str, StringConstraints(max_length=40)]] = Field(
        default_factory=list, max_length=20
    )
    created_from: DateText | None = None
    created_to: DateText | None = None
    updated_from: DateText | None = None
    updated_to: DateText | None = None
    last_activity_from: DateText | None = None
    last_activity_to: DateText | None = None
    has_open_lead: bool | None = None
    lead_stage_ids: list[Id] = Field(
        default_factory=list, max_length=50, description="Has a lead in one of them"
    )
    custom: list[CustomCondition] = Field(default_factory=list, max_length=20)
    include_inactive: bool = False
    include_test: bool = False


class SmartListCreate(DomainModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    filters: SmartListFilters = Field(default_factory=SmartListFilters)
    sort: ListSort = "created"
    visibility: Literal["private", "team"] = "private"


class SmartListUpdate(DomainModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)] | None = None
    filters: SmartListFilters | None = None
    sort: ListSort | None = None
    visibility: Literal["private", "team"] | None = None
    version: int = Field(ge=1)


class SmartList(DomainModel):
    list_id: str
    name: str
    filters: SmartListFilters
    sort: ListSort
    visibility: Literal["private", "team"]
    owner_id: str
    status: Literal["building", "ready"] = Field(description="building until every contact was looked at")
    members: int = Field(description="Contacts in the list now")
    columns: list[Column] = Field(description="The columns the caller chose (a default until they do)")
    created_at: str
    updated_at: str
    version: int


class SmartListPage(DomainModel):
    items: list[SmartList]


class ColumnsUpdate(DomainModel):
    model_config = ConfigDict(extra="forbid")

    columns: list[Column] = Field(min_length=1, max_length=len(COLUMNS))
