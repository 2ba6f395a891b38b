// Reports as the API answers them, for the unit tests of the tables, charts and summaries.

import type { ConversionsHealth, FunnelReport, ReportRange, RevenueOverTime, RevenueReport, RevenueRow } from "./types";

export const RANGE: ReportRange = {
  date_from: "2026-12-01",
  date_to: "2026-12-30",
  pipeline_id: null,
  owner_id: null,
  source: null,
  timezone: "America/New_York",
  currency: "USD",
};

export function revenueRow(extra: Partial<RevenueRow> = {}): RevenueRow {
  return {
    leads: 0,
    open_leads: 0,
    open_value_minor: 0,
    won: 0,
    win_rate: null,
    revenue_minor: 0,
    average_deal_minor: null,
    median_days_to_win: null,
    ...extra,
  };
}

export function revenueReport(rows: RevenueRow[], extra: Partial<RevenueReport> = {}): RevenueReport {
  const sum = (pick: (row: RevenueRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    range: RANGE,
    model: "last_non_direct",
    group_by: "source",
    rows,
    total: revenueRow({
      leads: sum((row) => row.leads),
      won: sum((row) => row.won),
      revenue_minor: sum((row) => row.revenue_minor),
    }),
    ...extra,
  };
}

export const FUNNEL: FunnelReport = {
  range: RANGE,
  pipeline_id: "p1",
  pipeline_name: "Sales",
  cohort: 4,
  won: 1,
  stages: [
    { stage_id: "s1", name: "New", kind: "open", reached: 4, share: 1, to_next: 0.5, to_won: 0.25 },
    { stage_id: "s2", name: "Quoted", kind: "open", reached: 2, share: 0.5, to_next: 0.5, to_won: 0.5 },
    { stage_id: "s3", name: "Won", kind: "won", reached: 1, share: 0.25, to_next: null, to_won: 1 },
  ],
};

export const OVER_TIME: RevenueOverTime = {
  range: RANGE,
  interval: "week",
  previous_from: "2026-10-31",
  previous_to: "2026-11-29",
  points: [
    { period: "2026-11-30", revenue_minor: 0, wins: 0, previous_revenue_minor: 5000 },
    { period: "2026-12-07", revenue_minor: 123450, wins: 1, previous_revenue_minor: 0 },
  ],
  total_minor: 123450,
  previous_total_minor: 5000,
  forecast: [
    { month: "2027-01", leads: 2, value_minor: 300000, weighted_minor: 90000 },
    { month: "none", leads: 1, value_minor: 50000, weighted_minor: 5000 },
  ],
};

export const HEALTH: ConversionsHealth = {
  range: RANGE,
  won_revenue_minor: 200000,
  wins: 2,
  platforms: [
    {
      platform: "google_ads",
      reached_share: 0.75,
      outcomes: [
        { outcome: "sent", wins: 1, revenue_minor: 150000, share: 0.75 },
        { outcome: "no_identifier", wins: 1, revenue_minor: 50000, share: 0.25 },
      ],
    },
    { platform: "meta", reached_share: 0, outcomes: [{ outcome: "not_connected", wins: 2, revenue_minor: 200000, share: 1 }] },
  ],
};
