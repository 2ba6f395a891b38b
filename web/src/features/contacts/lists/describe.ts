// A smart list's filters in words, one condition a line, for the list's header.

import type { FieldDefinition } from "../../fields/types";
import { DATE_RANGES, operatorsFor, valueKind } from "./listForm";
import type { CustomCondition, SmartListFilters } from "./types";

/** How ids and keys read: users, stages, sources and custom fields by name. */
export interface FilterNames {
  owner: (userId: string) => string;
  stage: (stageId: string) => string;
  source: (source: string) => string;
  fields: readonly FieldDefinition[];
}

function anyOf(values: readonly string[]): string {
  return values.length <= 1 ? (values[0] ?? "") : `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}

function dayRange(label: string, from: string | null | undefined, to: string | null | undefined): string | null {
  if (from && to) return `${label} ${from} to ${to}`;
  if (from) return `${label} on or after ${from}`;
  if (to) return `${label} on or before ${to}`;
  return null;
}

function describeCondition(condition: CustomCondition, fields: readonly FieldDefinition[]): string {
  const field = fields.find((candidate) => candidate.key === condition.key);
  const type = field?.type ?? "text";
  const op = operatorsFor(type).find((candidate) => candidate.value === condition.op)?.label ?? condition.op;
  const value = valueKind(type, condition.op) === "none" ? "" : ` ${String(condition.value ?? "")}`;
  return `${field?.label ?? condition.key} ${op}${value}`;
}

function choices(label: string, values: readonly string[] | undefined, name: (value: string) => string = (value) => value): string | null {
  return values?.length ? `${label}${anyOf(values.map(name))}` : null;
}

function openLead(value: boolean | null | undefined): string | null {
  if (value === true) return "Has an open lead";
  return value === false ? "Has no open lead" : null;
}

export function describeFilters(filters: SmartListFilters, names: FilterNames): string[] {
  const lines: (string | null)[] = [
    choices("Role: ", filters.roles),
    choices("Owner: ", filters.owner_ids, names.owner),
    choices("Tagged ", filters.tags),
    choices("Source: ", filters.sources, names.source),
    ...DATE_RANGES.map((range) => dayRange(range.label, filters[range.from], filters[range.to])),
    openLead(filters.has_open_lead),
    choices("Has a lead in ", filters.lead_stage_ids, names.stage),
    ...(filters.custom ?? []).map((condition) => describeCondition(condition, names.fields)),
    filters.include_inactive ? "Inactive contacts included" : null,
    filters.include_test ? "Test contacts included" : null,
  ];
  return lines.filter((line): line is string => Boolean(line));
}
