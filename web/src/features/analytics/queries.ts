// Query keys and reads of the reports. A report stays on screen while the next filters load, so the
// page does not jump. The API builds the figures as leads change, so a report is read again once it
// is a minute old.

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useAnalyticsApi } from "./api";
import type { OverTimeQuery, ReportQuery, RevenueQuery } from "./types";

export const analyticsKeys = {
  all: ["analytics"] as const,
  report: (report: string, query: object) => ["analytics", report, query] as const,
};

const OPTIONS = {
  placeholderData: keepPreviousData,
  staleTime: 60_000,
  // The page shows a failed report in place (with "Try again"); a filter the API refuses too.
  meta: { inlineErrors: true },
} as const;

export function useRevenueReport(query: RevenueQuery) {
  const api = useAnalyticsApi();
  return useQuery({ queryKey: analyticsKeys.report("revenue", query), queryFn: ({ signal }) => api.revenue(query, signal), ...OPTIONS });
}

export function useFunnelReport(query: ReportQuery) {
  const api = useAnalyticsApi();
  return useQuery({ queryKey: analyticsKeys.report("funnel", query), queryFn: ({ signal }) => api.funnel(query, signal), ...OPTIONS });
}

export function useVelocityReport(query: ReportQuery) {
  const api = useAnalyticsApi();
  return useQuery({ queryKey: analyticsKeys.report("velocity", query), queryFn: ({ signal }) => api.velocity(query, signal), ...OPTIONS });
}

export function useOverTimeReport(query: OverTimeQuery) {
  const api = useAnalyticsApi();
  return useQuery({ queryKey: analyticsKeys.report("revenue-over-time", query), queryFn: ({ signal }) => api.overTime(query, signal), ...OPTIONS });
}

export function useAgentReport(query: ReportQuery) {
  const api = useAnalyticsApi();
  return useQuery({ queryKey: analyticsKeys.report("agents", query), queryFn: ({ signal }) => api.agents(query, signal), ...OPTIONS });
}

export function useConversionsHealth(query: ReportQuery) {
  const api = useAnalyticsApi();
  return useQuery({ queryKey: analyticsKeys.report("conversions", query), queryFn: ({ signal }) => api.conversions(query, signal), ...OPTIONS });
}
