// Query keys and reads of the partner portal. Lists grow page by page ("Load more").

import { keepPreviousData, useInfiniteQuery, useQuery, type QueryKey } from "@tanstack/react-query";
import { useMemo } from "react";
import { usePortalApi } from "./api";

export const portalKeys = {
  all: ["affiliate"] as const,
  dashboard: (days: number) => ["affiliate", "dashboard", days] as const,
  referrals: ["affiliate", "referrals"] as const,
  commissions: ["affiliate", "commissions"] as const,
  payouts: ["affiliate", "payouts"] as const,
  payout: (payoutId: string) => ["affiliate", "payout", payoutId] as const,
  payoutSettings: ["affiliate", "payout-settings"] as const,
  assets: ["affiliate", "assets"] as const,
};

export const PAGE_SIZE = 25;

export function useDashboard(days: number) {
  const api = usePortalApi();
  return useQuery({
    queryKey: portalKeys.dashboard(days),
    queryFn: ({ signal }) => api.dashboard(days, signal),
    // A new period keeps the figures on screen while its days load.
    placeholderData: keepPreviousData,
  });
}

/** A cursor-paged list read a page at a time, each "Load more" adding the next page below. */
export function useLoadMore<Item>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<{ items: Item[]; next_cursor: string | null }>,
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  return { query, items };
}
