// Which column goes to which field: the mapping the page starts from (the server's proposal), a saved
// template applied by the columns' labels, what the server would refuse (no name, email or phone; two
// columns on one field; a field that no longer exists), and how a mapping reads in the report.

import type { ImportTemplate, Target } from "./types";

/** A column mapped to nothing is skipped. */
export const SKIP = "";

/** At least one of these identifies a row (the server refuses a mapping without one). */
export const IDENTITY_KEYS: readonly string[] = ["name", "first_name", "last_name", "email", "phone"];

/** A header label as templates key it (the server's `header_key`): lower case, whitespace collapsed. */
export function normaliseHeader(label: string): string {
  return label.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
}

/** One target per column: the proposal where it names a field that exists, else skipped. */
export function initialMapping(header: readonly string[], proposed: readonly string[], targets: readonly Target[]): string[] {
  const known = new Set(targets.map((target) => target.key));
  return header.map((_, index) => {
    const key = proposed[index] ?? SKIP;
    return known.has(key) ? key : SKIP;
  });
}

/** The mapping with one column changed. */
export function withColumn(mapping: readonly string[], index: number, key: string): string[] {
  return mapping.map((current, column) => (column === index ? key : current));
}

export interface AppliedTemplate {
  mapping: string[];
  /** How many of the file's columns the template names. */
  matched: number;
}

/**
 * A saved template applied to this file: each column the template knows (by its normalised label)
 * takes the template's target, or is skipped when the template skipped it; a column it does not know,
 * or whose field no longer exists, keeps its current choice.
 */
export function applyTemplate(
  header: readonly string[],
  current: readonly string[],
  template: Pick<ImportTemplate, "columns">,
  targets: readonly Target[],
): AppliedTemplate {
  const known = new Set(targets.map((target) => target.key));
  let matched = 0;
  const mapping = header.map((label, index) => {
    const saved = template.columns[normaliseHeader(label)];
    const kept = current[index] ?? SKIP;
    if (saved === undefined) return kept;
    if (saved !== SKIP && !known.has(saved)) return kept;
    matched += 1;
    return saved;
  });
  return { mapping, matched };
}

/** "Applied “HubSpot export”: it names 5 of the 7 columns; check the others." */
export function appliedText(name: string, applied: AppliedTemplate, columns: number): string {
  if (applied.matched === 0) return `“${name}” names none of this file's columns: nothing changed.`;
  if (applied.matched === columns) return `Applied “${name}” to every column.`;
  return `Applied “${name}”: it names ${applied.matched} of the ${columns} columns; check the others.`;
}

export interface MappingProblems {
  /** By column index: why the server would refuse that column's choice. */
  columns: Record<number, string>;
  /** No column goes to a name, an email or a phone. */
  missingIdentity: boolean;
}

export const MISSING_IDENTITY =
  "Map at least one column to a name (full, first or last), an email or a phone: without one, rows cannot be told apart.";

/** What the server would refuse in this mapping, said before sending it. */
export function mappingProblems(mapping: readonly string[], header: readonly string[], targets: readonly Target[]): MappingProblems {
  const byKey = new Map(targets.map((target) => [target.key, target]));
  const firstColumn = new Map<string, number>();
  const columns: Record<number, string> = {};
  mapping.forEach((key, index) => {
    if (key === SKIP) return;
    const target = byKey.get(key);
    if (!target) {
      columns[index] = "This field no longer exists: choose another one";
      return;
    }
    const first = firstColumn.get(key);
    if (first !== undefined) {
      columns[index] = `Column ${first + 1} (“${header[first] ?? ""}”) already goes to ${target.label}: choose another field or Don't import`;
      return;
    }
    firstColumn.set(key, index);
  });
  const missingIdentity = !mapping.some((key) => IDENTITY_KEYS.includes(key));
  return { columns, missingIdentity };
}

export function hasMappingProblems(problems: MappingProblems): boolean {
  return problems.missingIdentity || Object.keys(problems.columns).length > 0;
}

export interface TargetGroup {
  group: string;
  targets: Target[];
}

/** The targets by group, groups in the order the API lists them (Person, Lead, Attribution, Custom fields). */
export function targetGroups(targets: readonly Target[]): TargetGroup[] {
  const groups: TargetGroup[] = [];
  for (const target of targets) {
    let group = groups.find((each) => each.group === target.group);
    if (!group) {
      group = { group: target.group, targets: [] };
      groups.push(group);
    }
    group.targets.push(target);
  }
  return groups;
}

/** Up to `count` non-empty values of a column in the server's sample rows. */
export function sampleValues(sample: readonly (readonly string[])[], index: number, count = 3): string[] {
  const values: string[] = [];
  for (const row of sample) {
    const value = (row[index] ?? "").trim();
    if (value) values.push(value);
    if (values.length >= count) break;
  }
  return values;
}

export const SKIPPED_LABEL = "Not imported";

export function targetLabel(key: string, targets: readonly Target[]): string {
  if (key === SKIP) return SKIPPED_LABEL;
  return targets.find((target) => target.key === key)?.label ?? key;
}

export interface MappedColumn {
  index: number;
  header: string;
  target: string;
  skipped: boolean;
}

/** The report's "mapping used": each column's header and where it went. */
export function mappedColumns(header: readonly string[], mapping: readonly string[], targets: readonly Target[]): MappedColumn[] {
  return header.map((label, index) => {
    const key = mapping[index] ?? SKIP;
    return { index, header: label || `Column ${index + 1}`, target: targetLabel(key, targets), skipped: key === SKIP };
  });
}
