// The conversions API's shapes: ad platform settings (Settings > Ad platforms, Lead Ads) and the
// conversions log (GET /conversions, GET /leads/{id}/conversions, POST /conversions/replay).

import type { ListQueryOf, Schemas } from "../../api/contract";

export type AdPlatform = Schemas["Platform"];
export type ConversionStatus = Schemas["Status"];
export type GoogleAdsSettingsUpdate = Schemas["GoogleAdsSettingsUpdate"];
/** Meta's part of an update: its plain fields and secrets, and the Lead Ads pages and stage events
 * (each of those two sent whole, replacing what was saved). */
export type MetaSettingsUpdate = Schemas["MetaSettingsUpdate"];
/** A field left out stays as saved, "" removes it, a platform sent as null is removed whole. */
export type AdsSettingsUpdate = Schemas["AdsSettingsUpdate"];
export type ConnectionTestRequest = Schemas["ConnectionTestRequest"];
export type ConversionFilters = ListQueryOf<"/conversions">;
/** One lead's unsent conversions (`lead_id`), or every dead-lettered one (`dead_lettered: true`). */
export type ReplayRequest = Schemas["ReplayRequest"];

export type ConversionKind = "conversion" | "retraction" | "crm_event"; // not yet in openapi.json

/** Secrets come back masked ("••••1234"), or null when none is saved. */
export interface GoogleAdsSettings { // not yet in openapi.json
  configured: boolean;
  missing: string[];
  customer_id: string | null;
  login_customer_id: string | null;
  conversion_action_id: string | null;
  client_id: string | null;
  developer_token: string | null;
  client_secret: string | null;
  refresh_token: string | null;
}

export interface MetaSettings { // not yet in openapi.json
  configured: boolean;
  missing: string[];
  dataset_id: string | null;
  access_token: string | null;
  test_event_code: string | null;
  page_ids: string[];
  stage_events: Record<string, string>;
}

export interface AdsSettings { // not yet in openapi.json
  google_ads: GoogleAdsSettings;
  meta: MetaSettings;
  timezone: string;
  default_country: string;
  updated_at: string | null;
}

export interface ConnectionTestResult { // not yet in openapi.json
  platform: AdPlatform;
  ok: boolean;
  message: string;
  request_id: string | null;
}

export interface LedgerEntry { // not yet in openapi.json
  entry_id: string;
  lead_id: string;
  job_id: string;
  kind: ConversionKind;
  platform: AdPlatform;
  status: ConversionStatus;
  at: string;
  dedupe_id: string;
  request_id: string | null;
  message: string | null;
  payload_hash: string | null;
  identifier: string | null;
  value: number | null;
  currency: string | null;
  attempt: number;
}

export interface LedgerPage { // not yet in openapi.json
  items: LedgerEntry[];
  next_cursor: string | null;
}

export interface ReplayResult { // not yet in openapi.json
  requested: number;
  lead_ids: string[];
  source: "lead" | "dead_lettered";
}
