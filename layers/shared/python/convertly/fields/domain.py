"""Custom fields, custom values and tags as the API takes and answers them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints

from convertly.platform.domain import DomainModel
from convertly.platform.fields import Tag as TagName

ObjectType = Literal["contact", "company", "lead"]
FieldType = Literal[
    "text",
    "long_text",
    "number",
    "money",
    "date",
    "dropdown",
    "multi_select",
    "checkbox",
    "phone",
    "email",
    "url",
]
ValueKey = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9_]{1,50}$")]
FieldKey = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_]{0,63}$")]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Text = Annotated[str, StringConstraints(max_length=2000)]
Option = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
Color = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^#[0-9a-fA-F]{6}$")]
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


# Custom values ------------------------------------------------------------------------------------


class CustomValueCreate(DomainModel):
    """A named value templates read as `{{custom_values.<key>}}`; the key is unique in the account."""

    model_config = ConfigDict(extra="forbid")

    key: ValueKey = Field(description="Lowercase letters, digits and underscores, 1 to 50")
    name: Name
    value: Text = ""


class CustomValueUpdate(DomainModel):
    """Changes to a custom value. `version` is the version the editor saw; a newer one is a 409."""

    model_config = ConfigDict(extra="forbid")

    key: ValueKey | None = None
    name: Name | None = None
    value: Text | None = None
    version: int = Field(ge=1)


class CustomValue(DomainModel):
    value_id: str
    key: str
    name: str
    value: str
    placeholder: str = Field(description="What a template writes: {{custom_values.<key>}}")
    created_at: str
    updated_at: str
    version: int


class CustomValueList(DomainModel):
    items: list[CustomValue] = Field(description="By key")


# Custom field definitions -------------------------------------------------------------------------


class FieldDefinitionDraft(DomainModel):
    """One custom field as the editor sends it; without `field_id` it is a new field."""

    model_config = ConfigDict(extra="forbid")

    field_id: Id | None = None
    key: FieldKey = Field(description="Lowercase snake case, 1 to 64; cannot change once saved")
    label: Label
    type: FieldType = Field(description="Cannot change once saved")
    placeholder: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    required: bool = False
    options: list[Option] | None = Field(
        default=None, max_length=100, description="Dropdown and multi-select only: 1 to 100, each once"
    )


class CustomFieldsSave(DomainModel):
    """The whole ordered list, replacing the stored one; `version` is the one read (0 before any save)."""

    model_config = ConfigDict(extra="forbid")

    fields: list[FieldDefinitionDraft] = Field(max_length=50)
    version: int = Field(ge=0)


class FieldDefinition(DomainModel):
    field_id: str
    key: str
    label: str
    type: FieldType
    placeholder: str | None
    required: bool
    options: list[str]


class CustomFields(DomainModel):
    object_type: ObjectType
    fields: list[FieldDefinition] = Field(description="In the order forms show them")
    version: int = Field(description="0 until the first save")
    updated_at: str | None


# Tags ---------------------------------------------------------------------------------------------


class TagCreate(DomainModel):
    model_config = ConfigDict(extra="forbid")

    name: TagName
    color: Color | None = Field(default=None, description="A hex color such as #1d4ed8")


class TagUpdate(DomainModel):
    """A new name (one folding to another tag's name is a 409: merge them instead) and/or color
    (null removes it)."""

    model_config = ConfigDict(extra="forbid")

    name: TagName | None = None
    color: Color | None = None


class TagMerge(DomainModel):
    model_config = ConfigDict(extra="forbid")

    into: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = Field(
        description="The tag_id of the tag that takes this one's records"
    )


class Tag(DomainModel):
    tag_id: str = Field(description="The folded name, base64url")
    name: str
    color: str | None
    contact_count: int
    company_count: int
    lead_count: int
    created_at: str


class TagList(DomainModel):
    items: list[Tag] = Field(description="By name")


class TagDeletion(DomainModel):
    """A deleted tag, and how many records of each type it was taken off."""

    tag_id: str
    name: str
    contact_count: int
    company_count: int
    lead_count: int
