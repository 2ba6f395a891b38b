"""Lead, note and stage-history shapes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StringConstraints, field_validator, model_validator

from convertly.leads.domain.sources import LeadSource
from convertly.platform.domain import DomainModel
from convertly.platform.fields import ShortText, Tag, normalise_email, normalise_phone
from convertly.platform.money import MAX_AMOUNT, MAX_MINOR_UNITS, Currency

Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
Country = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{2}$")]
CustomValue = str | int | float | bool | list[str] | None


class AdConsent(DomainModel):
    """The visitor's consent for ad data use, as Google's consent mode names it."""

    model_config = ConfigDict(extra="forbid")

    ad_user_data: Literal["granted", "denied", "unspecified"] = "unspecified"
    ad_personalization: Literal["granted", "denied", "unspecified"] = "unspecified"


class Attribution(DomainModel):
    """Where a lead came from: ad click ids, UTM parameters, landing page and referrer. A form
    submission adds who and when (ip, user agent, first seen, submitted at), the consent it captured,
    and the form."""

    model_config = ConfigDict(extra="forbid")

    gclid: ShortText | None = None
    gbraid: ShortText | None = None
    wbraid: ShortText | None = None
    fbclid: ShortText | None = None
    fbc: ShortText | None = None
    fbp: ShortText | None = None
    msclkid: ShortText | None = None
    ttclid: ShortText | None = None
    li_fat_id: ShortText | None = None
    utm_source: ShortText | None = None
    utm_medium: ShortText | None = None
    utm_campaign: ShortText | None = None
    utm_term: ShortText | None = None
    utm_content: ShortText | None = None
    utm_id: ShortText | None = None
    landing_page: Annotated[str, StringConstraints(max_length=2048)] | None = None
    page_url: Annotated[str, StringConstraints(max_length=2048)] | None = None  # where the form was sent
    referrer: Annotated[str, StringConstraints(max_length=2048)] | None = None
    user_agent: Annotated[str, StringConstraints(max_length=512)] | None = None
    ip: Annotated[str, StringConstraints(max_length=64)] | None = None
    captured_at: str | None = None
    first_seen_at: str | None = None  # when the browser first saw the ad click
    submitted_at: str | None = None
    consent: AdConsent | None = None
    form_id: ShortText | None = None


class _LeadFields(DomainModel):
    model_config = ConfigDict(extra="forbid")

    first_name: Name | None = None
    last_name: Name | None = None
    email: str | None = None
    phone: str | None = None
    country: Country | None = Field(default=None, description="ISO country (e.g. US) of a local phone")
    company: ShortText | None = None
    # Up to the decimals of the most precise currency here; the lead's own currency's are checked with
    # the currency the lead ends up with (convertly.leads.writes).
    value: Decimal | None = Field(default=None, ge=0, le=MAX_AMOUNT, decimal_places=MAX_MINOR_UNITS)
    currency: Currency | None = None
    close_date: date | None = Field(
        default=None, description="When the lead is expected to close: the forecast counts it in that month"
    )
    owner_id: ShortText | None = None
    source: LeadSource | None = None
    tags: list[Tag] | None = Field(default=None, max_length=20)
    custom_fields: dict[Annotated[str, StringConstraints(max_length=64)], CustomValue] | None = Field(
        default=None, max_length=50
    )

    _email = field_validator("email")(normalise_email)
    _phone = field_validator("phone")(normalise_phone)


class LeadCreate(_LeadFields):
    """A new lead, for a contact: `contact_id`, else the contact with this email or phone, else a new
    contact made of the person fields (at least a name, an email or a phone number)."""

    contact_id: ShortText | None = Field(default=None, description="The contact the lead is for")
    attribution: Attribution | None = None
    pipeline_id: ShortText | None = None
    stage_id: ShortText | None = None

    @model_validator(mode="after")
    def _someone(self) -> LeadCreate:
        if not (self.contact_id or self.first_name or self.last_name or self.email or self.phone):
            raise ValueError("a lead needs a contact, a name, an email or a phone number")
        return self


class LeadUpdate(_LeadFields):
    """Changes to a lead. `version` is the version the editor saw; a newer one on the server is a 409."""

    version: int = Field(ge=1)


class Lead(DomainModel):
    lead_id: str
    first_name: str
    last_name: str
    name: str
    email: str | None
    phone: str | None
    country: str | None = None
    company: str | None
    contact_id: str | None = Field(default=None, description="The contact the lead is for")
    company_id: str | None = Field(default=None, description="The contact's company")
    value: float
    currency: str
    close_date: str | None = Field(default=None, description="Expected close date (YYYY-MM-DD)")
    owner_id: str | None
    source: str
    tags: list[str]
    custom_fields: dict[str, Any]
    attribution: dict[str, Any]
    pipeline_id: str
    stage_id: str
    stage_entered_at: str
    created_at: str
    created_by: str
    updated_at: str
    deleted_at: str | None
    version: int
    # The most recent touch (`attribution` is the first); the same as `attribution` for a lead with one.
    last_touch: dict[str, Any] = Field(default_factory=dict)
    touch_count: int = Field(default=0, description="form submissions that created or reached the lead")
    over_limit: bool = Field(
        default=False, description="captured by a public form while the plan's monthly lead limit was reached"
    )
    lost_reason: str | None = Field(
        default=None, description="Why the lead was lost, while it is in a lost stage; null otherwise"
    )


class NoteCreate(DomainModel):
    model_config = ConfigDict(extra="forbid")
    body: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]


class NoteUpdate(NoteCreate):
    version: int = Field(ge=1)


class Note(DomainModel):
    note_id: str
    lead_id: str
    body: str
    author_id: str
    author_name: str
    created_at: str
    updated_at: str
    version: int


class StageHistoryEntry(DomainModel):
    history_id: str
    from_stage_id: str | None
    to_stage_id: str
    changed_by: str
    changed_at: str
    seconds_in_previous: int | None
    lost_reason: str | None = Field(default=None, description="Why it was lost, for a move to a lost stage")


class Touch(DomainModel):
    """A form submission that reached the lead, with its attribution."""

    submission_id: str
    form_id: str
    touched_at: str
    attribution: dict[str, Any]
    answers: list[dict[str, Any]] = Field(
        default_factory=list, description="What the visitor answered: [{label, value}] in the form's order"
    )


class LeadDetail(Lead):
    contact: dict[str, Any] | None = Field(
        default=None, description="The lead's contact (a Contact), null for a lead without one"
    )
    notes: list[Note]
    stage_history: list[StageHistoryEntry]
    touches: list[Touch] = Field(default_factory=list, description="newest first")


LeadSort = Literal["created", "updated", "value", "name"]
SortOrder = Literal["asc", "desc"]


class LeadFilters(DomainModel):
    """List filters and order. Sorted by creation, combined filters query the most selective index and
    filter within it; sorted otherwise, the sort's index answers and the filters apply within it."""

    stage_id: str | None = None
    owner_id: str | None = None
    source: str | None = None
    created_from: str | None = None
    created_to: str | None = None
    q: str | None = None
    deleted: bool = False
    sort: LeadSort = "created"
    order: SortOrder | None = None  # None: the sort's own default (newest, highest, A to Z first)


class LeadPage(DomainModel):
    items: list[Lead]
    next_cursor: str | None
    total: int | None = Field(
        default=None,
        description="How many leads the whole list holds, where the stage counters can say (no filter "
        "but stage and owner, no search, no date range); null otherwise",
    )


class SeenLead(DomainModel):
    """The lead as the mover saw it at `version` (a board card has all of it). Each field becomes a
    condition of the move's write, so the move needs no read first; a lead that differs is the same
    409 as a stale version."""

    model_config = ConfigDict(extra="forbid")

    stage_id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    stage_entered_at: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    owner_id: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None
    value: Decimal = Field(ge=0, le=MAX_AMOUNT, decimal_places=MAX_MINOR_UNITS)
    currency: Annotated[str, StringConstraints(min_length=3, max_length=3)]
    source: Annotated[str, StringConstraints(min_length=1, max_length=64)]


LostReason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
LostNote = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]


class StageChange(DomainModel):
    """Move a lead to another stage of its pipeline. `version` is the version the mover saw; a newer
    one on the server is a 409 that carries the current lead. With `seen` the move is one transaction;
    without it the lead is read first.

    A move to a won stage may set the lead's `value` (the deal's value); without one the lead keeps
    its own, and a win worth 0 needs the tenant to allow zero-value wins. A move to a lost stage needs
    a `lost_reason`, one of the tenant's list, and may add a `lost_note`."""

    model_config = ConfigDict(extra="forbid")

    stage_id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    version: int = Field(ge=1)
    seen: SeenLead | None = None
    value: Decimal | None = Field(
        default=None,
        ge=0,
        le=MAX_AMOUNT,
        decimal_places=MAX_MINOR_UNITS,
        description="Only with a won stage: the deal's value, which becomes the lead's value; at most "
        "as many decimals as the lead's currency has",
    )
    lost_reason: LostReason | None = Field(
        default=None, description="Only with a lost stage, where it is required: one of the lost reasons"
    )
    lost_note: LostNote | None = Field(
        default=None, description="Only with a lost stage: a few words more on why"
    )
