"""The imports API's shapes."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints

from convertly.platform.domain import DomainModel

ImportStatus = Literal[
    "awaiting_upload",
    "inspecting",
    "ready",
    "rejected",
    "queued",
    "running",
    "done",
    "failed",
    "cancelled",
    "undoing",
    "undone",
]
Creates = Literal["contacts", "leads"]
DuplicateRule = Literal["skip", "fill", "overwrite"]
OwnerMode = Literal["none", "user", "round_robin"]

_Id = Annotated[str, StringConstraints(min_length=1, max_length=64)]
_Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
_Target = Annotated[str, StringConstraints(max_length=80)]


class ImportCreate(DomainModel):
    """The file the browser is about to upload."""

    model_config = ConfigDict(extra="forbid")
    file_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
    size_bytes: int = Field(ge=0, description="the file's size; more than 50 MB is refused")


class UploadForm(DomainModel):
    """A presigned POST: send the file as the last part of a multipart form with these fields."""

    url: str
    fields: dict[str, str]
    max_bytes: int
    expires_at: str


class ImportOptions(DomainModel):
    model_config = ConfigDict(extra="forbid")
    creates: Creates = Field(default="contacts", description="contacts only, or contacts each with a lead")
    pipeline_id: _Id | None = Field(default=None, description="where the leads go (creates=leads)")
    stage_id: _Id | None = Field(
        default=None, description="the stage of rows without a stage column (default: the first)"
    )
    duplicate_rule: DuplicateRule = Field(
        default="skip",
        description="a row whose email (then phone) is a contact's already: skip it, fill the contact's "
        "empty fields, or overwrite them",
    )
    owner_mode: OwnerMode = Field(default="none", description="who owns what rows without an owner create")
    owner_ids: list[_Id] = Field(
        default_factory=list,
        max_length=50,
        description="the owner (user), or the owners in turn (round_robin)",
    )
    tags: list[_Tag] = Field(default_factory=list, max_length=20, description="added to every row")
    default_country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        default=None, description="the country of phone numbers without a + prefix"
    )


class ImportStart(DomainModel):
    model_config = ConfigDict(extra="forbid")
    mapping: list[_Target] = Field(
        max_length=200, description="a target field key per column, in the file's order; empty: skip it"
    )
    options: ImportOptions = Field(default_factory=ImportOptions)
    save_template: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)] | None
    ) = Field(default=None, description="also save this mapping and these options under this name")


class Counts(DomainModel):
    rows_total: int
    rows_read: int
    created: int = Field(description="contacts created")
    updated: int = Field(description="contacts updated (a duplicate under the fill or overwrite rule)")
    skipped: int
    failed: int
    leads_created: int
    companies_created: int
    over_limit: int = Field(description="rows refused by the plan's monthly lead limit (counted in failed)")


class Import(DomainModel):
    import_id: str
    file_name: str
    size_bytes: int
    status: ImportStatus
    problem_code: str | None
    problem: str | None = Field(description="why the file was refused or the run stopped, for a person")
    format: str | None
    encoding: str | None
    delimiter: str | None
    header: list[str]
    sample: list[list[str]]
    mapping: list[str]
    proposed: list[str] = Field(description="the mapping proposed from the header (and the template)")
    options: ImportOptions | None
    counts: Counts
    problem_rows: int = Field(description="rows in the problems file (failed and skipped, with reasons)")
    created_by: str
    created_by_name: str | None
    created_at: str
    started_at: str | None
    finished_at: str | None
    duration_seconds: float | None
    undo_until: str | None = Field(description="until when undo can delete what the import created")
    undone_at: str | None
    undone_contacts: int
    undone_leads: int


class ImportCreated(Import):
    upload: UploadForm = Field(description="post the file here (multipart form, the file last)")


class ImportPage(DomainModel):
    items: list[Import]
    next_cursor: str | None


class Target(DomainModel):
    key: str
    label: str
    group: str


class TargetList(DomainModel):
    items: list[Target]


class ProblemsFile(DomainModel):
    url: str = Field(description="a link valid for 10 minutes")
    rows: int


class ImportTemplate(DomainModel):
    template_id: str
    name: str
    columns: dict[str, str] = Field(description="header (normalised) to target field")
    options: ImportOptions
    created_by: str
    created_at: str


class ImportTemplateList(DomainModel):
    items: list[ImportTemplate]
