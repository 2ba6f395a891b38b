// The conversions operations: ad platform settings, the conversions log and replays, match quality.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type {
  AdPlatform,
  AdsSettings,
  AdsSettingsUpdate,
  ConnectionTestRequest,
  ConnectionTestResult,
  ConversionFilters,
  ExpiringClicksPage,
  LeadMatchQuality,
  LedgerPage,
  MatchQualityTotals,
  ReplayRequest,
  ReplayResult,
} from "./types";

export function conversionsApi(client: ApiClient) {
  return {
    adsSettings: () => client.get<AdsSettings>("/settings/ads"),
    saveAdsSettings: (body: AdsSettingsUpdate) => client.request<AdsSettings>("PUT", "/settings/ads", { body }),
    testAdsConnection: (platform: AdPlatform) =>
      client.post<ConnectionTestResult>("/settings/ads/test", { platform } satisfies ConnectionTestRequest),
    conversions: (filters: ConversionFilters, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<LedgerPage>("/conversions", { ...filters, cursor, limit }, signal),
    leadConversions: (leadId: string) => client.get<LedgerPage>(`/leads/${encodeURIComponent(leadId)}/conversions`),
    replayConversions: (body: ReplayRequest) => client.post<ReplayResult>("/conversions/replay", body),
    leadMatchQuality: (leadId: string) =>
      client.get<LeadMatchQuality>(`/leads/${encodeURIComponent(leadId)}/match-quality`),
    matchQualityTotals: (days: number) => client.get<MatchQualityTotals>("/conversions/match-quality", { days }),
    expiringClicks: (cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<ExpiringClicksPage>("/conversions/expiring-clicks", { cursor, limit }, signal),
  };
}

export type ConversionsApi = ReturnType<typeof conversionsApi>;
export const useConversionsApi = apiHook(conversionsApi);
