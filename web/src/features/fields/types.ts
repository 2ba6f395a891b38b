// The fields API's shapes: custom field definitions per object type, custom values and tags.

import type { Schemas } from "../../api/contract";

export type ObjectType = Schemas["CustomFields"]["object_type"];
/** The ordered definitions of one object type; `version` is 0 until the first save. */
export type CustomFields = Schemas["CustomFields"];
export type FieldDefinition = Schemas["FieldDefinition"];
export type CustomFieldType = FieldDefinition["type"];
/** One definition as a save sends it; without `field_id` it is a new field. */
export type FieldDefinitionDraft = Schemas["FieldDefinitionDraft"];
export type CustomFieldsSave = Schemas["CustomFieldsSave"];

export type CustomValue = Schemas["CustomValue"];
export type CustomValueList = Schemas["CustomValueList"];
export type CustomValueCreate = Schemas["CustomValueCreate"];
export type CustomValueUpdate = Schemas["CustomValueUpdate"];

export type Tag = Schemas["Tag"];
export type TagList = Schemas["TagList"];
export type TagCreate = Schemas["TagCreate"];
export type TagUpdate = Schemas["TagUpdate"];
/** A deleted tag, with how many records of each type it was taken off. */
export type TagDeletion = Schemas["TagDeletion"];
