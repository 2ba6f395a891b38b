// The analytics API's shapes: the reports (/analytics/revenue, /funnel, /velocity,
// /revenue-over-time, /agents, /conversions) and their CSV exports (/analytics/export/{report}).
// Money is in minor units (cents) of `range.currency`, durations in seconds, shares 0..1.

import type { QueryOf, Schemas } from "../../api/contract";
import type { paths } from "../../api/schema.gen";

/** The filters every report was computed with: days in the tenant's time zone, and its currency. */
export type ReportRange = Schemas["ReportRange"];
export type AttributionModel = Schemas["Model"];
export type LeadSource = Schemas["LeadSource"];
export type GroupBy = Schemas["RevenueReport"]["group_by"];
export type Interval = Schemas["RevenueOverTime"]["interval"];

export type RevenueReport = Schemas["RevenueReport"];
export type RevenueRow = Schemas["RevenueRow"];
export type FunnelReport = Schemas["FunnelReport"];
export type FunnelStage = Schemas["FunnelStage"];
export type VelocityReport = Schemas["VelocityReport"];
export type StageVelocity = Schemas["StageVelocity"];
export type StalledLead = Schemas["StalledLead"];
export type RevenueOverTime = Schemas["RevenueOverTime"];
export type RevenuePoint = Schemas["RevenuePoint"];
export type ForecastMonth = Schemas["ForecastMonth"];
export type AgentReport = Schemas["AgentReport"];
export type AgentRow = Schemas["AgentRow"];
export type ConversionsHealth = Schemas["ConversionsHealth"];
export type PlatformHealth = Schemas["PlatformHealth"];
export type OutcomeShare = Schemas["OutcomeShare"];
export type Outcome = OutcomeShare["outcome"];
export type HealthPlatform = PlatformHealth["platform"];

/** The filters all reports take. */
export type ReportQuery = QueryOf<"/analytics/funnel">;
export type RevenueQuery = QueryOf<"/analytics/revenue">;
export type OverTimeQuery = QueryOf<"/analytics/revenue-over-time">;
export type ExportQuery = QueryOf<"/analytics/export/{report}">;
export type ReportKey = paths["/analytics/export/{report}"]["get"]["parameters"]["path"]["report"];

/**
 * Conversions health on a plan without it (402 `plan_feature_required`): the report stays on the
 * page, locked, with the plan that has it and where to upgrade.
 */
export interface LockedReport {
  locked: true;
  message: string;
  /** The plan that has the report ("professional"); null when no plan offers it to this tenant. */
  upgradePlan: string | null;
  upgradePath: string;
}

export type ConversionsHealthResult = (ConversionsHealth & { locked?: false }) | LockedReport;
