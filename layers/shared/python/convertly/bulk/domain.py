"""The bulk actions API's shapes."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StringConstraints

from convertly.platform.domain import DomainModel
from convertly.platform.money import MAX_AMOUNT, MAX_MINOR_UNITS

BulkObject = Literal["leads", "contacts"]
BulkActionType = Literal[
    "assign_owner",
    "add_tags",
    "remove_tags",
    "move_stage",
    "change_role",
    "set_field",
    "enrol_workflow",
    "delete",
    "restore",
    "export",
]
BulkStatus = Literal["queued", "running", "done", "failed"]

_Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
_Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
_Date = Annotated[str, StringConstraints(max_length=40)]


class LeadScope(DomainModel):
    """Every lead the lead list (or the board, with its pipeline) shows with these filters."""

    model_config = ConfigDict(extra="forbid")
    pipeline_id: _Id | None = None
    stage_id: _Id | None = None
    owner_id: _Id | None = None
    source: Annotated[str, StringConstraints(max_length=40)] | None = None
    created_from: _Date | None = None
    created_to: _Date | None = None
    q: Annotated[str, StringConstraints(max_length=100)] | None = None
    deleted: bool = False


class ContactScope(DomainModel):
    """Every contact the contacts list (or a smart list, `list_id`) shows with these filters."""

    model_config = ConfigDict(extra="forbid")
    list_id: _Id | None = None
    role: Literal["Lead", "Prospect", "Client"] | None = None
    owner_id: _Id | None = None
    q: Annotated[str, StringConstraints(max_length=100)] | None = None
    deleted: bool = False


class BulkScope(DomainModel):
    """The records: the ids selected, or every record a filter matches (not only the page shown)."""

    model_config = ConfigDict(extra="forbid")
    ids: list[_Id] | None = Field(default=None, min_length=1, max_length=1000)
    leads: LeadScope | None = None
    contacts: ContactScope | None = None


class BulkParams(DomainModel):
    model_config = ConfigDict(extra="forbid")
    owner_ids: list[_Id] = Field(
        default_factory=list, max_length=50, description="assign_owner: one owner, or several in turn"
    )
    tags: list[_Tag] = Field(default_factory=list, max_length=20, description="add_tags, remove_tags")
    stage_id: _Id | None = Field(default=None, description="move_stage: a stage of the leads' pipeline")
    lost_reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = Field(
        default=None, description="move_stage to a lost stage: one of the tenant's reasons"
    )
    value: Decimal | None = Field(
        default=None,
        ge=0,
        le=MAX_AMOUNT,
        decimal_places=MAX_MINOR_UNITS,
        description="move_stage to a won stage: the value of leads that have none (at most the decimals "
        "of the account's currency)",
    )
    role: Literal["Lead", "Prospect", "Client"] | None = Field(default=None, description="change_role")
    field_key: Annotated[str, StringConstraints(max_length=64)] | None = Field(
        default=None, description="set_field: a custom field's key"
    )
    field_value: Any = Field(default=None, description="set_field: its value (null empties it)")
    workflow_id: _Id | None = Field(default=None, description="enrol_workflow: a published workflow")


class BulkActionCreate(DomainModel):
    model_config = ConfigDict(extra="forbid")
    object: BulkObject
    action: BulkActionType
    scope: BulkScope
    params: BulkParams = Field(default_factory=BulkParams)
    request_key: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,64}$")] = Field(
        description="made once per confirmation in the browser: the same request sent twice runs once"
    )


class BulkReason(DomainModel):
    reason: str
    count: int


class BulkProblem(DomainModel):
    record_id: str
    name: str
    reason: str


class BulkAction(DomainModel):
    bulk_id: str
    object: BulkObject
    action: BulkActionType
    params: dict[str, Any]
    scope: str = Field(description="which records, in words")
    status: BulkStatus
    total: int = Field(description="records resolved so far (all of them once the run applies)")
    resolved: bool
    processed: int
    succeeded: int
    skipped: int = Field(description="already as asked, or not found any more")
    failed: int
    forbidden: int = Field(description="records the user may not change (a Sales rep's others' leads)")
    reasons: list[BulkReason]
    problems: list[BulkProblem] = Field(description="the first records that were not changed, and why")
    download: bool = Field(description="an export with its file ready")
    created_by: str
    created_by_name: str | None
    created_at: str
    completed_at: str | None


class BulkActionPage(DomainModel):
    items: list[BulkAction]
    next_cursor: str | None


class BulkDownload(DomainModel):
    url: str = Field(description="a link valid for 10 minutes")
