// The contact and company timelines (their change logs), read for the Activity of their pages.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type { RecordTimeline } from "./changeLog";
import { contactKeys } from "./queries";

/** The records that keep a change log here. */
export type RecordKind = "contact" | "company";

const PATHS: Record<RecordKind, string> = { contact: "/contacts", company: "/companies" };

export function recordTimelineApi(client: ApiClient) {
  return {
    timeline: (kind: RecordKind, recordId: string) =>
      client.get<RecordTimeline>(`${PATHS[kind]}/${encodeURIComponent(recordId)}/timeline`),
  };
}

export const useRecordTimelineApi = apiHook(recordTimelineApi);

/** Under the record's own key, so whatever refreshes the contact or company refreshes its timeline too. */
export function timelineKey(kind: RecordKind, recordId: string): readonly string[] {
  const record = kind === "contact" ? contactKeys.contact(recordId) : contactKeys.company(recordId);
  return [...record, "timeline"];
}
