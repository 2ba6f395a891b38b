// Query keys of the possible duplicates, and their paged read.

import { useCursorPages } from "../../../lib/useCursorPages";
import { PAGE_SIZE } from "../queries";
import { useMergeApi } from "./api";

export const mergeKeys = {
  // Under the contacts' key: a contact written, deleted or merged anywhere refreshes the pairs too.
  duplicatePage: (_query: object, cursor: string | null) => ["contacts", "duplicates", cursor] as const,
};

const NO_FILTERS = {};

/** One page of possible duplicates at a time, walking the API's cursors forward and back. */
export function useDuplicatePages() {
  const api = useMergeApi();
  return useCursorPages(NO_FILTERS, mergeKeys.duplicatePage, (_query, cursor, signal) => api.duplicates(cursor, PAGE_SIZE, signal));
}
