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

export type ConversionKind = Schemas["ConversionKind"];
/** Secrets come back masked ("••••1234"), or null (or left out) when none is saved. */
export type GoogleAdsSettings = Schemas["GoogleAdsSettingsView"];
export type MetaSettings = Schemas["MetaSettingsView"];
export type AdsSettings = Schemas["AdsSettingsView"];
export type ConnectionTestResult = Schemas["ConnectionTestResult"];
/** One attempt to report one conversion to one platform. */
export type LedgerEntry = Schemas["LedgerEntry"];
export type LedgerPage = Schemas["LedgerPage"];
export type ReplayResult = Schemas["ReplayResult"];

/** What a conversion of one lead would carry to each platform (GET /leads/{id}/match-quality). */
export type LeadMatchQuality = Schemas["LeadMatchQuality"];
export type PlatformMatch = Schemas["PlatformMatch"];
export type IdentifierCheck = Schemas["IdentifierCheck"];
export type ClickWindow = Schemas["ClickWindow"];
export type MatchLevel = PlatformMatch["quality"];
/** Over the recent wins (GET /conversions/match-quality?days). */
export type MatchQualityTotals = Schemas["MatchQualityTotals"];
export type PlatformTotals = Schemas["PlatformTotals"];
/** Open leads whose Google click leaves the 90-day window within 7 days. */
export type ExpiringClick = Schemas["ExpiringClick"];
export type ExpiringClicksPage = Schemas["ExpiringClicksPage"];
