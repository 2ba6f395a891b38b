// The bulk actions operations: start one, read one (its progress), list them, and an export's file.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import { bulkQuery, type BulkLogFilters } from "./logFilters";
import type { BulkAction, BulkActionCreate, BulkActionPage, BulkDownload } from "./types";

const bulkPath = (bulkId: string) => `/bulk-actions/${encodeURIComponent(bulkId)}`;

export function bulkApi(client: ApiClient) {
  return {
    /**
     * Done (up to 100 selected records run in the request), queued (more, or a filter), or the same
     * action again when its request key ran before: its `status` says which.
     */
    startBulkAction: (body: BulkActionCreate) => client.post<BulkAction>("/bulk-actions", body),
    bulkAction: (bulkId: string, signal?: AbortSignal) => client.get<BulkAction>(bulkPath(bulkId), undefined, signal),
    /** Newest first; a user who does not see every record gets their own. */
    bulkActions: (filters: BulkLogFilters, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<BulkActionPage>("/bulk-actions", { ...bulkQuery(filters), cursor, limit }, signal),
    /** A link to an export's CSV file, valid for a few minutes. */
    download: (bulkId: string) => client.get<BulkDownload>(`${bulkPath(bulkId)}/download`),
  };
}

export type BulkApi = ReturnType<typeof bulkApi>;
export const useBulkApi = apiHook(bulkApi);
