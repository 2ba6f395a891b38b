// The conversions operations: ad platform settings, the conversions log and replays.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type {
  AdPlatform,
  AdsSettings,
  AdsSettingsUpdate,
  ConnectionTestRequest,
  ConnectionTestResult,
  ConversionFilters,
  LedgerPage,
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
  };
}

export type ConversionsApi = ReturnType<typeof conversionsApi>;
export const useConversionsApi = apiHook(conversionsApi);
