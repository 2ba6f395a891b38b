// A conversion ledger entry for the web tests: a sent Google Ads conversion, with the fields a test sets.

import type { LedgerEntry } from "../features/conversions/types";

export function ledgerEntry(fields: Partial<LedgerEntry>): LedgerEntry {
  return {
    entry_id: "e1",
    lead_id: "lead-1",
    job_id: "job-1",
    kind: "conversion",
    platform: "google_ads",
    status: "sent",
    at: "2026-03-01T10:00:00Z",
    dedupe_id: "order-1",
    request_id: null,
    message: null,
    payload_hash: null,
    identifier: null,
    value: null,
    currency: null,
    held_value: null,
    attempt: 1,
    ...fields,
  };
}
