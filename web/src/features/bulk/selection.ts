// What is selected on a list or the board: some rows (kept across its pages), or every record the
// list's filters match ("select all matching"), whose number nobody knows until the run finds them.

import { getDisplayLocale } from "../../lib/format";

export interface Selection {
  ids: ReadonlySet<string>;
  /** Every record matching the list's filters, not only the rows shown. */
  matching: boolean;
}

export type PageState = "none" | "some" | "all";

/** The API takes up to this many selected ids; more is a filter's job. */
export const MAX_IDS = 1000;

export const NO_SELECTION: Selection = { ids: new Set(), matching: false };

export function isSelected(selection: Selection, id: string): boolean {
  return selection.matching || selection.ids.has(id);
}

export function hasSelection(selection: Selection): boolean {
  return selection.matching || selection.ids.size > 0;
}

/** How many rows are selected; null when every matching record is (the count is unknown). */
export function selectedCount(selection: Selection): number | null {
  return selection.matching ? null : selection.ids.size;
}

/** How much of the page is selected (the header checkbox: unticked, mixed or ticked). */
export function pageState(selection: Selection, pageIds: readonly string[]): PageState {
  if (pageIds.length === 0) return "none";
  if (selection.matching) return "all";
  const chosen = pageIds.filter((id) => selection.ids.has(id)).length;
  if (chosen === 0) return "none";
  return chosen === pageIds.length ? "all" : "some";
}

/**
 * One row ticked or unticked. Unticking a row while every matching record is selected goes back to
 * the rows: the page's others stay selected.
 */
export function toggleRow(selection: Selection, id: string, on: boolean, pageIds: readonly string[]): Selection {
  const ids = new Set(selection.matching ? pageIds : selection.ids);
  if (on) ids.add(id);
  else ids.delete(id);
  return { ids, matching: false };
}

/** The header checkbox: the page's rows added to the selection, or taken out of it. */
export function togglePage(selection: Selection, pageIds: readonly string[], on: boolean): Selection {
  if (!on && selection.matching) return NO_SELECTION;
  const ids = new Set(selection.ids);
  for (const id of pageIds) {
    if (on) ids.add(id);
    else ids.delete(id);
  }
  return { ids, matching: false };
}

export function selectAllMatching(): Selection {
  return { ids: new Set(), matching: true };
}

/** Whether to offer "Select all matching this filter": the whole page is selected by its rows. */
export function offersMatching(selection: Selection, pageIds: readonly string[]): boolean {
  return !selection.matching && pageState(selection, pageIds) === "all";
}

/** Why the selection cannot be acted on as it is; null when it can. */
export function selectionProblem(selection: Selection): string | null {
  if (!selection.matching && selection.ids.size > MAX_IDS) {
    return `Select at most ${MAX_IDS.toLocaleString(getDisplayLocale())} records at a time, or select all matching this filter.`;
  }
  return null;
}
