import { useCursorPages } from "../../lib/useCursorPages";
import { useConversionsApi } from "./api";
import { conversionKeys } from "./queries";
import type { ConversionFilters } from "./types";

export const LOG_PAGE_SIZE = 25;

/** One page of the conversions log at a time, walking the API's cursors forward and back. */
export function useConversionPages(filters: ConversionFilters) {
  const api = useConversionsApi();
  return useCursorPages(filters, conversionKeys.logPage, (f, cursor, signal) =>
    api.conversions(f, cursor, LOG_PAGE_SIZE, signal),
  );
}
