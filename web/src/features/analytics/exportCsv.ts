// A report's CSV (GET /analytics/export/{report}) fetched with the user's token and handed to the
// browser as a file. The app's client reads JSON only, so this sends the request itself, with the
// same token and the same refresh: before the token runs out, and once more on a 401.

import { buildUrl, type Query, type Session, type SessionStore } from "../../api/client";
import { ApiError, networkError, toApiError } from "../../api/errors";
import type { ReportKey } from "./types";

export interface CsvSource {
  baseUrl: string;
  store: SessionStore;
  /** The app client's refresh: one exchange at a time, shared with every other request. */
  refresh: () => Promise<Session>;
  fetch?: typeof fetch;
  now?: () => number;
  refreshMarginMs?: number;
}

async function readError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = null;
  }
  return toApiError(response.status, body);
}

export interface CsvFile {
  text: string;
  /** Content-Disposition, when the API lets the browser read it. */
  disposition: string | null;
}

export async function fetchCsv(source: CsvSource, path: string, query: Query): Promise<CsvFile> {
  const fetchFn = source.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const now = source.now ?? Date.now;
  let session = source.store.get();
  if (!session) throw new ApiError(401, "missing_token", "Log in to continue");
  if (session.refreshToken && session.expiresAt - now() < (source.refreshMarginMs ?? 60_000)) session = await source.refresh();

  const send = async (token: string) => {
    try {
      return await fetchFn(buildUrl(source.baseUrl, path, query), {
        headers: { Accept: "text/csv", Authorization: `Bearer ${token}` },
      });
    } catch {
      throw networkError();
    }
  };
  let response = await send(session.idToken);
  if (response.status === 401 && session.refreshToken) response = await send((await source.refresh()).idToken);
  if (!response.ok) throw await readError(response);
  return { text: await response.text(), disposition: response.headers.get("Content-Disposition") };
}

/** The file's name: the API's (Content-Disposition) when the browser may read it, else the same
 * pattern, "revenue-2026-12-01-2026-12-30.csv". */
export function csvFileName(report: ReportKey, dateFrom: string, dateTo: string, disposition?: string | null): string {
  const named = disposition ? /filename="?([^";]+)"?/i.exec(disposition)?.[1] : undefined;
  if (named && /^[\w.-]+\.csv$/i.test(named)) return named;
  return `${report}-${dateFrom}-${dateTo}.csv`;
}
