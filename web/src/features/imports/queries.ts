// Query keys of the imports feature and its shared reads: an import (read again while the server
// checks or runs it), the targets a column can go to, and the saved mappings.

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useImportsApi } from "./api";
import type { ImportFilters } from "./filters";
import { pollInterval } from "./status";

export const importKeys = {
  /** Every page of the list. */
  all: ["imports"] as const,
  page: (filters: ImportFilters, cursor: string | null) => ["imports", "page", filters, cursor] as const,
  /** One import: not under "imports", so refreshing the list does not read every import again. */
  one: (importId: string) => ["import", importId] as const,
  targets: ["import-targets"] as const,
  templates: ["import-templates"] as const,
};

/** The lists an import's rows land in (and an undo takes them out of): read again once it ends. */
export const RECORD_LIST_KEYS = [["leads"], ["contacts"], ["companies"], ["board"], ["pipelines"]] as const;
const ENDED = new Set(["done", "cancelled", "failed", "undone"]);

/** An import, read again every second while its file is checked and every 1.5 s while it runs. */
export function useImport(importId: string) {
  const api = useImportsApi();
  const queryClient = useQueryClient();
  const query = useImportQuery(importId, api);
  const status = query.data?.status;
  useEffect(() => {
    if (status && ENDED.has(status)) {
      for (const queryKey of RECORD_LIST_KEYS) void queryClient.invalidateQueries({ queryKey });
    }
  }, [status, queryClient]);
  return query;
}

function useImportQuery(importId: string, api: ReturnType<typeof useImportsApi>) {
  return useQuery({
    queryKey: importKeys.one(importId),
    queryFn: ({ signal }) => api.importOf(importId, signal),
    // A missing import shows on the page, not as a toast.
    meta: { inlineErrors: true },
    staleTime: 0,
    refetchInterval: (query) => pollInterval(query.state.data?.status),
    // Polling keeps going in a background tab: the run's report is waiting when the person comes back.
    refetchIntervalInBackground: true,
  });
}

export function useTargets(enabled = true) {
  const api = useImportsApi();
  return useQuery({
    queryKey: importKeys.targets,
    queryFn: ({ signal }) => api.targets(signal),
    select: (list) => list.items,
    staleTime: 60_000,
    enabled,
  });
}

export function useTemplates(enabled = true) {
  const api = useImportsApi();
  return useQuery({
    queryKey: importKeys.templates,
    queryFn: ({ signal }) => api.templates(signal),
    select: (list) => list.items,
    staleTime: 60_000,
    enabled,
  });
}
