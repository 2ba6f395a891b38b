// The columns of a contact table: which ones a person shows, in their order. A smart list keeps each
// user's choice (PUT /smart-lists/{id}/columns); every other contact table shows the default.

import type { ListColumn } from "./types";

/** Every column, in the order the chooser offers the ones not shown. */
export const LIST_COLUMNS = [
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
] as const satisfies readonly ListColumn[];

/** What a table shows until its user chooses (the API's default for a list, too). */
export const DEFAULT_COLUMNS: readonly ListColumn[] = ["name", "email", "phone", "company", "role", "owner", "tags", "created"];

export const COLUMN_LABELS: Record<ListColumn, string> = {
  name: "Name",
  email: "Email",
  phone: "Phone",
  company: "Company",
  role: "Role",
  owner: "Owner",
  tags: "Tags",
  source: "Source",
  created: "Created",
  updated: "Updated",
  last_activity: "Last activity",
  leads: "Leads",
};

/** The columns to show: each known one once, in the given order; the default when none is left. */
export function shownColumns(columns: readonly string[]): ListColumn[] {
  const shown = [...new Set(columns)].filter(isColumn);
  return shown.length ? shown : [...DEFAULT_COLUMNS];
}

function isColumn(value: string): value is ListColumn {
  return LIST_COLUMNS.some((column) => column === value);
}

/** Show or hide a column: a shown one goes last; the last shown column stays (a table needs one). */
export function toggleColumn(columns: readonly ListColumn[], column: ListColumn, show: boolean): ListColumn[] {
  const without = columns.filter((candidate) => candidate !== column);
  if (show) return [...without, column];
  return without.length ? without : [...columns];
}

/** Move a shown column one place earlier (-1) or later (+1). */
export function moveColumn(columns: readonly ListColumn[], column: ListColumn, by: -1 | 1): ListColumn[] {
  const from = columns.indexOf(column);
  const to = from + by;
  if (from < 0 || to < 0 || to >= columns.length) return [...columns];
  const next = [...columns];
  next[from] = next[to]!;
  next[to] = column;
  return next;
}

/** The chooser's rows: the shown columns in their order, then the others. */
export function chooserRows(columns: readonly ListColumn[]): { column: ListColumn; shown: boolean }[] {
  return [
    ...columns.map((column) => ({ column, shown: true })),
    ...LIST_COLUMNS.filter((column) => !columns.includes(column)).map((column) => ({ column, shown: false })),
  ];
}
