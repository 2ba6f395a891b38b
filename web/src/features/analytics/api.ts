// The analytics operations: the six reports. Conversions health on a plan without it answers 402;
// the page shows that report locked, so that answer is a result here, not an error.

import type { ApiClient } from "../../api/client";
import { ApiError } from "../../api/errors";
import { apiHook } from "../../context";
import type {
  AgentReport,
  ConversionsHealth,
  ConversionsHealthResult,
  FunnelReport,
  LockedReport,
  OverTimeQuery,
  ReportQuery,
  RevenueOverTime,
  RevenueQuery,
  RevenueReport,
  VelocityReport,
} from "./types";

const BILLING_PATH = "/billing";

function text(value: unknown): string | null {
  return typeof value === "string" && value ? value : null;
}

/** The lock a 402 `plan_feature_required` describes; null for any other error. */
export function lockOf(error: unknown): LockedReport | null {
  if (!(error instanceof ApiError) || error.status !== 402 || error.code !== "plan_feature_required") return null;
  const path = text(error.details.upgrade_path);
  return {
    locked: true,
    message: error.message,
    upgradePlan: text(error.details.upgrade_plan),
    // Only a path of this app is followed, never an address from a response.
    upgradePath: path && path.startsWith("/") && !path.startsWith("//") ? path : BILLING_PATH,
  };
}

export function analyticsApi(client: ApiClient) {
  return {
    revenue: (query: RevenueQuery, signal?: AbortSignal) => client.get<RevenueReport>("/analytics/revenue", query, signal),
    funnel: (query: ReportQuery, signal?: AbortSignal) => client.get<FunnelReport>("/analytics/funnel", query, signal),
    velocity: (query: ReportQuery, signal?: AbortSignal) => client.get<VelocityReport>("/analytics/velocity", query, signal),
    overTime: (query: OverTimeQuery, signal?: AbortSignal) =>
      client.get<RevenueOverTime>("/analytics/revenue-over-time", query, signal),
    agents: (query: ReportQuery, signal?: AbortSignal) => client.get<AgentReport>("/analytics/agents", query, signal),
    conversions: async (query: ReportQuery, signal?: AbortSignal): Promise<ConversionsHealthResult> => {
      try {
        return await client.get<ConversionsHealth>("/analytics/conversions", query, signal);
      } catch (error) {
        const lock = lockOf(error);
        if (lock) return lock;
        throw error;
      }
    },
  };
}

export type AnalyticsApi = ReturnType<typeof analyticsApi>;
export const useAnalyticsApi = apiHook(analyticsApi);
