import { describe, expect, it } from "vitest";
import {
  funnelRows,
  funnelSummary,
  isAllClear,
  money,
  percent,
  rangeText,
  sourceRows,
  sourcesSummary,
  stageRows,
  stagesSummary,
} from "./figures";
import type { FunnelReport } from "./types";

const FUNNEL: FunnelReport = {
  cohort: 4,
  won: 1,
  pipeline_id: "p1",
  pipeline_name: "Sales",
  range: { date_from: "2025-11-07", date_to: "2025-12-06", timezone: "UTC", currency: "USD" },
  stages: [
    { stage_id: "s1", name: "New", kind: "open", reached: 4, share: 1, to_next: 0.5, to_won: 0.25 },
    { stage_id: "s2", name: "Qualified", kind: "open", reached: 2, share: 0.5, to_next: 0.5, to_won: 0.5 },
    { stage_id: "s3", name: "Closed Won", kind: "won", reached: 1, share: null, to_next: null, to_won: 1 },
  ],
};

describe("money", () => {
  it("reads minor units as the currency's amount, with cents only when there are some", () => {
    expect(money(123450, "USD")).toBe("$1,234.50");
    expect(money(420000, "USD")).toBe("$4,200");
    expect(money(0, "USD")).toBe("$0");
    expect(money(5, "EUR")).toBe("€0.05");
  });
});

describe("percent", () => {
  it("shows at most one decimal, and a dash when there is no rate", () => {
    expect(percent(1 / 3)).toBe("33.3%");
    expect(percent(0.5)).toBe("50%");
    expect(percent(0)).toBe("0%");
    expect(percent(null)).toBe("—");
  });
});

describe("isAllClear", () => {
  it("is true only when nothing is due today or overdue", () => {
    expect(isAllClear({ due_today: 0, overdue: 0 })).toBe(true);
    expect(isAllClear({ due_today: 0, overdue: 2 })).toBe(false);
  });
});

describe("rangeText", () => {
  it("shows both days whatever the viewer's time zone", () => {
    expect(rangeText({ date_from: "2025-11-07", date_to: "2025-12-06" })).toMatch(/Nov 7, 2025 – Dec 6, 2025/);
  });
});

describe("the chart rows", () => {
  it("reads a stage the cohort never reached as a share of 0", () => {
    expect(funnelRows(FUNNEL).map((row) => row.share)).toEqual([1, 0.5, 0]);
    expect(funnelSummary(FUNNEL)).toBe(
      "Funnel of 4 leads created in the last 30 days: New 100%, Qualified 50%, Closed Won 0%",
    );
  });

  it("gives each stage its share of the leads", () => {
    const stages = [
      { stage_id: "a", name: "New", kind: "open", leads: 3, value_minor: 100 },
      { stage_id: "b", name: "Closed Won", kind: "won", leads: 1, value_minor: 50000 },
    ];
    expect(stageRows(stages).map((row) => row.share)).toEqual([0.75, 0.25]);
    expect(stageRows([{ ...stages[0]!, leads: 0 }])[0]!.share).toBe(0);
    expect(stagesSummary(stages)).toBe("Leads per stage: New 3 leads, Closed Won 1 lead");
  });

  it("names the sources, and a lead without one as an unknown source", () => {
    const sources = [
      { source: "google_ads", revenue_minor: 150050, won: 2 },
      { source: "", revenue_minor: 1000, won: 1 },
    ];
    expect(sourceRows(sources).map((row) => row.label)).toEqual(["Google Ads", "Unknown source"]);
    expect(sourcesSummary(sources, "USD")).toBe(
      "Won revenue by source in the last 30 days: Google Ads $1,500.50, Unknown source $10",
    );
  });
});
