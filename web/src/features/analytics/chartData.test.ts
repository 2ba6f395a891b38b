import { describe, expect, it } from "vitest";
import {
  agentsChart,
  agentsSummary,
  forecastChart,
  forecastSummary,
  funnelChart,
  funnelSummary,
  healthChart,
  healthOutcomes,
  healthSummary,
  MAX_BARS,
  durationUnit,
  overTimeChart,
  overTimeSummary,
  revenueChart,
  revenueSummary,
  velocityChart,
  velocitySummary,
} from "./chartData";
import { FUNNEL, HEALTH, OVER_TIME, RANGE, revenueReport, revenueRow } from "./reportFixtures";

describe("the revenue chart", () => {
  const report = revenueReport([
    revenueRow({ source: "google_ads", revenue_minor: 120000, won: 1, leads: 2 }),
    revenueRow({ source: "meta_ads", revenue_minor: 30050, won: 0.5, leads: 1 }),
    revenueRow({ source: "organic_search", leads: 4 }),
  ]);

  it("draws revenue per row in major units", () => {
    expect(revenueChart(report)).toEqual([
      { name: "Google Ads", revenue: 1200 },
      { name: "Meta Ads", revenue: 300.5 },
      { name: "Organic search", revenue: 0 },
    ]);
  });

  it("draws at most a dozen bars", () => {
    const many = revenueReport(Array.from({ length: 20 }, (_, index) => revenueRow({ campaign: `c${index}`, source: "email" })));
    expect(revenueChart(many)).toHaveLength(MAX_BARS);
  });

  it("summarises the rows that earned, with the model and the total", () => {
    expect(revenueSummary(report)).toBe(
      "Bar chart of revenue by source, Last non-direct touch model, $1,500.50 in all: Google Ads $1,200; Meta Ads $300.50.",
    );
    expect(revenueSummary(revenueReport([]))).toBe("Bar chart of revenue by source, Last non-direct touch model, $0 in all: nothing yet.");
  });
});

describe("the other charts", () => {
  it("draws the funnel with each stage's share", () => {
    expect(funnelChart(FUNNEL)[1]).toEqual({ name: "Quoted", reached: 2, label: "2 · 50%" });
    expect(funnelSummary(FUNNEL)).toBe("Funnel of the 4 leads created in the range, 1 won now: New 4 (100%); Quoted 2 (50%); Won 1 (25%).");
  });

  it("draws the time in each stage in the unit that keeps it readable", () => {
    expect(durationUnit(5400).name).toBe("minutes");
    expect(durationUnit(3 * 3600).name).toBe("hours");
    expect(durationUnit(3 * 86_400).name).toBe("days");
    const stage = (name: string, median: number | null, p90: number | null, exits = 1) => ({
      stage_id: name,
      name,
      kind: "open",
      exits,
      median_seconds: median,
      p90_seconds: p90,
      previous_exits: 0,
      previous_median_seconds: null,
      previous_p90_seconds: null,
      median_change: null,
      stalled: [],
      stalled_more: false,
    });
    const report = {
      range: RANGE,
      previous_from: "2026-10-31",
      previous_to: "2026-11-29",
      pipeline_id: "p1",
      pipeline_name: "Sales",
      stages: [stage("New", 1800, 7200), stage("Quoted", 36_000, 90_000), stage("Won", null, null, 0)],
    };
    expect(velocityChart(report)).toEqual({
      unit: { name: "hours", short: "h", seconds: 3600 },
      data: [
        { name: "New", median: 0.5, p90: 2 },
        { name: "Quoted", median: 10, p90: 25 },
        { name: "Won", median: null, p90: null },
      ],
    });
    expect(velocitySummary(report)).toBe(
      "Bar chart of the time leads spent in each stage before leaving it: New median 30 min, p90 2 h; Quoted median 10 h, p90 1 day.",
    );
  });

  it("draws revenue over time against the period before", () => {
    expect(overTimeChart(OVER_TIME)).toEqual([
      { name: "Week of Nov 30", revenue: 0, previous: 50 },
      { name: "Week of Dec 7", revenue: 1234.5, previous: 0 },
    ]);
    expect(overTimeSummary(OVER_TIME)).toBe(
      "Line chart of won revenue by week: $1,234.50 in the range, against $50 in the period before (dashed line). The best week was Week of Dec 7 with $1,234.50.",
    );
  });

  it("draws the forecast by month", () => {
    expect(forecastChart(OVER_TIME)).toEqual([
      { name: "Jan 2027", value: 3000, weighted: 900 },
      { name: "No close date", value: 500, weighted: 50 },
    ]);
    expect(forecastSummary(OVER_TIME)).toBe(
      "Bar chart of open pipeline by expected close month: Jan 2027 $3,000, weighted $900; No close date $500, weighted $50.",
    );
  });

  it("names more than five items by their count", () => {
    const rows = Array.from({ length: 7 }, (_, index) => ({
      user_id: `u${index}`,
      name: `User ${index}`,
      leads_owned: 0,
      leads_touched: 0,
      won: 0,
      revenue_minor: 100 * index,
      win_rate: null,
      median_response_seconds: null,
      awaiting_response: 0,
      followups_overdue: 0,
      tasks_overdue: 0,
    }));
    const report = { range: RANGE, rows };
    expect(agentsChart(report)[6]).toEqual({ name: "User 6", revenue: 6 });
    expect(agentsSummary(report)).toBe("Bar chart of revenue per user: User 0 $0; User 1 $1; User 2 $2; User 3 $3; User 4 $4; and 2 more.");
  });

  it("stacks each platform's revenue by outcome", () => {
    expect(healthOutcomes(HEALTH)).toEqual(["sent", "no_identifier", "not_connected"]);
    expect(healthChart(HEALTH)).toEqual([
      { name: "Google Ads", sent: 1500, no_identifier: 500 },
      { name: "Meta", not_connected: 2000 },
    ]);
    expect(healthSummary(HEALTH)).toBe(
      "Stacked bar chart of the $2,000 won, per ad platform, by what became of its conversion: " +
        "Google Ads was told of 75% (Sent $1,500, No click or contact details $500); Meta was told of 0% (Platform not connected $2,000).",
    );
  });
});
