import { useState } from "react";
import type { RowSelection } from "./SelectionCells";
import { scopeKey, type MatchingScope } from "./scope";
import {
  isSelected,
  NO_SELECTION,
  pageState,
  selectAllMatching,
  toggleRow,
  togglePage,
  type Selection,
} from "./selection";

/**
 * A list's selection: rows kept across its pages, or every record matching its filters. A change of
 * filters (another scope) starts again with nothing selected.
 */
export function useBulkSelection(matching: MatchingScope, pageIds: readonly string[], noun: string, where = "on this page") {
  const key = scopeKey(matching);
  const [state, setState] = useState<{ key: string; selection: Selection }>({ key, selection: NO_SELECTION });
  const selection = state.key === key ? state.selection : NO_SELECTION;
  const set = (next: Selection) => setState({ key, selection: next });
  const rows: RowSelection = {
    page: pageState(selection, pageIds),
    isSelected: (id) => isSelected(selection, id),
    onToggle: (id, on) => set(toggleRow(selection, id, on, pageIds)),
    onTogglePage: (on) => set(togglePage(selection, pageIds, on)),
    pageLabel: `Select every ${noun} ${where}`,
  };
  return {
    selection,
    rows,
    selectMatching: () => set(selectAllMatching()),
    clear: () => set(NO_SELECTION),
  };
}

export type BulkSelection = ReturnType<typeof useBulkSelection>;
