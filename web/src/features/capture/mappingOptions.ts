// The form builder's "Saves to" select: the lead fields a field's type may fill, the tenant's lead
// custom fields by label (maps_to "custom:<key>"), and a custom field by a key of one's own.

import type { Option } from "../../components/ui";
import type { FieldDefinition } from "../fields/types";
import { TARGET_LABELS, targetsFor, type DraftField, type FieldPatch, type FieldTarget } from "./formModel";
import type { FormFieldType } from "./types";

// The select's value for one of the tenant's lead custom fields, as maps_to names it.
const DEFINED_PREFIX = "custom:";

export function targetOptions(type: FormFieldType, definitions: readonly FieldDefinition[]): Option[] {
  const lead = targetsFor(type).map((target) => ({ value: target, label: TARGET_LABELS[target] }));
  const defined = definitions.map((definition) => ({ value: `${DEFINED_PREFIX}${definition.key}`, label: `${definition.label} (custom field)` }));
  const free = { value: "custom", label: definitions.length ? "Another custom field" : TARGET_LABELS.custom };
  return [...lead, ...defined, free];
}

/** The tenant's custom field a field saves to, when one has its key. */
export function definedTarget(item: Pick<DraftField, "target" | "customKey" | "name">, definitions: readonly FieldDefinition[]): FieldDefinition | undefined {
  if (item.target !== "custom") return undefined;
  const key = item.customKey.trim() || item.name;
  return definitions.find((definition) => definition.key === key);
}

/** What the select shows for a field. */
export function mappingValue(item: Pick<DraftField, "target" | "customKey" | "name">, definitions: readonly FieldDefinition[]): string {
  const defined = definedTarget(item, definitions);
  return defined ? `${DEFINED_PREFIX}${defined.key}` : item.target;
}

function isTarget(value: string): value is Exclude<FieldTarget, "custom"> {
  return value === "" || Object.hasOwn(TARGET_LABELS, value);
}

/** The change a choice in the select makes to the field. */
export function mappingPatch(
  item: Pick<DraftField, "target" | "customKey" | "name">,
  value: string,
  definitions: readonly FieldDefinition[],
): FieldPatch {
  if (value.startsWith(DEFINED_PREFIX)) return { target: "custom", customKey: value.slice(DEFINED_PREFIX.length) };
  // Leaving a defined field for a key of one's own starts from the field's name.
  if (value === "custom") return { target: "custom", customKey: definedTarget(item, definitions) ? "" : item.customKey };
  return isTarget(value) ? { target: value } : {};
}
