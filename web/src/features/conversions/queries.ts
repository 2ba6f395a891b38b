// Query keys and the replay command shared by the conversions log, a lead's ledger and the settings.

import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { toast } from "../../components/toasts";
import { useConversionsApi } from "./api";
import { replayMessage } from "./labels";
import type { ConversionFilters, ReplayRequest } from "./types";

export const conversionKeys = {
  adsSettings: ["settings", "ads"] as const,
  all: ["conversions"] as const,
  logPage: (filters: ConversionFilters, cursor: string | null) => ["conversions", "log", filters, cursor] as const,
  lead: (leadId: string) => ["conversions", "lead", leadId] as const,
  /** A lead's match quality at a version of the lead: any edit or stage move is checked again. */
  matchQuality: (leadId: string, version: number | undefined) => ["conversions", "match-quality", leadId, version] as const,
  totals: (days: number) => ["conversions", "match-quality-totals", days] as const,
  expiringPage: (_filters: object, cursor: string | null) => ["conversions", "expiring-clicks", cursor] as const,
};

/** The platforms answer within seconds of a replay: look again a few times meanwhile. */
const REFRESH_AFTER_MS = [0, 3_000, 8_000, 15_000];

export function refreshConversionsSoon(queryClient: QueryClient): void {
  for (const delay of REFRESH_AFTER_MS) {
    setTimeout(() => void queryClient.invalidateQueries({ queryKey: conversionKeys.all }), delay);
  }
}

/** POST /conversions/replay: one lead's unsent conversions, or every dead-lettered one. */
export function useReplay() {
  const api = useConversionsApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ReplayRequest) => api.replayConversions(request),
    onSuccess: (result) => {
      const message = replayMessage(result.requested, result.source);
      if (result.requested > 0) toast.success(message);
      else toast.info(message);
      refreshConversionsSoon(queryClient);
    },
  });
}
