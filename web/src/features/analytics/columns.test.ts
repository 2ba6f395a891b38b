import { describe, expect, it } from "vitest";
import {
  agentColumns,
  cellTexts,
  forecastColumns,
  funnelColumns,
  healthColumns,
  healthLines,
  overTimeColumns,
  revenueColumns,
  stalledColumns,
  velocityColumns,
} from "./columns";
import { DEFINITIONS } from "./definitions";
import { FUNNEL, HEALTH, OVER_TIME, revenueRow } from "./reportFixtures";
import type { AgentRow, StageVelocity } from "./types";

const headers = (columns: readonly { label: string }[]) => columns.map((column) => column.label);

describe("the revenue table", () => {
  const row = revenueRow({
    source: "google_ads",
    medium: "cpc",
    campaign: "storm",
    content: "",
    platform: "gclid",
    leads: 3,
    open_leads: 1,
    open_value_minor: 50000,
    won: 1.5,
    win_rate: 0.5,
    revenue_minor: 123450,
    average_deal_minor: 82300,
    median_days_to_win: 2.5,
  });

  it("names each row by its grouping, a missing UTM value as such", () => {
    const label = (groupBy: "source" | "medium" | "campaign" | "content" | "platform") => revenueColumns(groupBy, "USD")[0]!.text(row);
    expect(label("source")).toBe("Google Ads");
    expect(label("medium")).toBe("Google Ads · cpc");
    expect(label("campaign")).toBe("Google Ads · storm");
    expect(label("content")).toBe("Google Ads · storm · no ad");
    expect(label("platform")).toBe("Google Ads click (gclid)");
    expect(revenueColumns("platform", "USD")[0]!.text(revenueRow({ platform: "" }))).toBe("No ad click");
  });

  it("reads every figure with its unit", () => {
    const columns = revenueColumns("campaign", "USD");
    expect(headers(columns)).toEqual([
      "Campaign",
      "Leads",
      "Open leads",
      "Open value",
      "Won",
      "Win rate",
      "Revenue",
      "Average deal",
      "Median days to win",
    ]);
    expect(cellTexts(columns, row)).toEqual(["Google Ads · storm", "3", "1", "$500", "1.5", "50%", "$1,234.50", "$823", "2.5 days"]);
  });

  it("shows a dash for a figure there is none of", () => {
    expect(cellTexts(revenueColumns("source", "USD"), revenueRow({ source: "manual" }))).toEqual([
      "Manual",
      "0",
      "0",
      "$0",
      "0",
      "—",
      "$0",
      "—",
      "—",
    ]);
  });
});

describe("the other tables", () => {
  it("reads the funnel's stages", () => {
    expect(FUNNEL.stages.map((stage) => cellTexts(funnelColumns(), stage))).toEqual([
      ["New", "4", "100%", "50%", "25%"],
      ["Quoted", "2", "50%", "50%", "50%"],
      ["Won", "1", "25%", "—", "100%"],
    ]);
  });

  it("reads the time in each stage", () => {
    const stage: StageVelocity = {
      stage_id: "s1",
      name: "New",
      kind: "open",
      exits: 7,
      median_seconds: 2 * 86_400,
      p90_seconds: 7200,
      previous_exits: 3,
      previous_median_seconds: null,
      previous_p90_seconds: null,
      median_change: 0.25,
      stalled: [],
      stalled_more: false,
    };
    expect(cellTexts(velocityColumns(), stage)).toEqual(["New", "7", "2 days", "2 h", "—", "+25%"]);
  });

  it("links each stalled lead to its page", () => {
    const columns = stalledColumns("USD", (ownerId) => (ownerId === "u1" ? "Ada" : "Unassigned"));
    const lead = { lead_id: "lead 1", name: "Rhea", owner_id: "u1", value_minor: 250000, days_in_stage: 12.5 };
    expect(cellTexts(columns, lead)).toEqual(["Rhea", "12.5 days", "$2,500", "Ada"]);
    expect(columns[0]!.href?.(lead)).toBe("/leads/lead%201");
  });

  it("reads revenue over time and the forecast", () => {
    const columns = overTimeColumns("week", "USD");
    expect(headers(columns)[0]).toBe("Week");
    expect(cellTexts(columns, OVER_TIME.points[1]!)).toEqual(["Week of Dec 7", "$1,234.50", "1", "$0"]);
    expect(OVER_TIME.forecast.map((month) => cellTexts(forecastColumns("USD"), month))).toEqual([
      ["Jan 2027", "2", "$3,000", "$900"],
      ["No close date", "1", "$500", "$50"],
    ]);
  });

  it("reads each user's figures", () => {
    const row: AgentRow = {
      user_id: "u1",
      name: "Blair Owner",
      leads_owned: 4,
      leads_touched: 6,
      won: 1,
      revenue_minor: 120000,
      win_rate: 0.25,
      median_response_seconds: 1800,
      awaiting_response: 2,
      followups_overdue: 1,
      tasks_overdue: 0,
    };
    expect(cellTexts(agentColumns("USD"), row)).toEqual(["Blair Owner", "4", "6", "1", "$1,200", "25%", "30 min", "2", "1", "0"]);
  });

  it("lists conversions health per platform and outcome", () => {
    expect(healthLines(HEALTH).map((line) => cellTexts(healthColumns("USD"), line))).toEqual([
      ["Google Ads", "Sent", "1", "$1,500", "75%"],
      ["Google Ads", "No click or contact details", "1", "$500", "25%"],
      ["Meta", "Platform not connected", "2", "$2,000", "100%"],
    ]);
  });

  it("defines every figure a header names", () => {
    const all = [
      ...revenueColumns("source", "USD"),
      ...funnelColumns(),
      ...velocityColumns(),
      ...stalledColumns("USD", () => ""),
      ...overTimeColumns("day", "USD"),
      ...forecastColumns("USD"),
      ...agentColumns("USD"),
      ...healthColumns("USD"),
    ];
    for (const column of all.filter((column) => column.numeric)) {
      expect(column.metric, column.label).toBeDefined();
      expect(DEFINITIONS[column.metric!]).toMatch(/\.$/);
    }
  });
});
