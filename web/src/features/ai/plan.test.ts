import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import type { PlanView } from "../billing/types";
import { aiAllowed, aiLockOf, aiRefusal, planWithAi } from "./plan";
import { readInsights, unscoredPoll, UNSCORED_POLLS } from "./insightsState";
import { ignoredFilters, listScoresQuery, readScoredPage } from "./scoredPage";
import type { LeadInsights } from "./types";

const plan = (plan_id: string, name: string, amount: number, features: string[]): PlanView => ({
  plan_id,
  name,
  features,
  limits: { users: 5, leads_per_month: 500 },
  price: { amount, currency: "usd" },
});
const PLANS = [plan("professional", "Professional", 14900, ["forms", "automation", "ai"]), plan("starter", "Starter", 4900, ["forms"])];
const LOCKED = new ApiError(402, "plan_feature_required", "AI insights are not part of your Starter plan.", {}, {
  feature: "ai",
  upgrade_plan: "professional",
  upgrade_path: "/billing",
});
const OFF = new ApiError(409, "ai_disabled", "AI is turned off for this workspace. An Admin can turn it on in Settings > AI.");

describe("the AI plan", () => {
  it("is allowed only when the plan lists ai", () => {
    expect(aiAllowed({ features: ["forms", "ai"] })).toBe(true);
    expect(aiAllowed({ features: ["forms", "automation"] })).toBe(false);
    expect(aiAllowed(null)).toBe(false);
  });

  it("names the cheapest plan that has it, and the lock a 402 describes", () => {
    expect(planWithAi(PLANS)).toBe("Professional");
    expect(aiLockOf(null, PLANS)).toEqual({ planName: "Professional", upgradePath: "/billing", message: null });
    expect(aiLockOf(LOCKED, PLANS)).toEqual({ planName: "Professional", upgradePath: "/billing", message: LOCKED.message });
    expect(aiLockOf(new ApiError(402, "plan_feature_required", "No", {}, { upgrade_path: "//evil.example" }), PLANS).upgradePath).toBe("/billing");
  });

  it("tells the plan and the switch apart from other errors", () => {
    expect(aiRefusal(LOCKED)).toEqual({ kind: "plan", error: LOCKED });
    expect(aiRefusal(OFF)).toEqual({ kind: "off", message: OFF.message });
    expect(aiRefusal(new ApiError(409, "stale_version", "Changed"))).toBeNull();
    expect(aiRefusal(new Error("network"))).toBeNull();
  });
});

const INSIGHTS: LeadInsights = { lead_id: "L1", score: null, history: [], summary: null, ai: { summaries: true } };

describe("a lead's insights", () => {
  it("are ready, locked or off, and any other error is thrown", async () => {
    expect(await readInsights({ insights: async () => INSIGHTS }, "L1")).toEqual({ kind: "ready", insights: INSIGHTS });
    expect(await readInsights({ insights: () => Promise.reject(LOCKED) }, "L1")).toEqual({ kind: "plan", error: LOCKED });
    expect(await readInsights({ insights: () => Promise.reject(OFF) }, "L1")).toEqual({ kind: "off", message: OFF.message });
    await expect(readInsights({ insights: () => Promise.reject(new ApiError(404, "not_found", "No lead")) }, "L1")).rejects.toThrow("No lead");
  });

  it("are read again a bounded number of times while the lead has no score", () => {
    const ready = { kind: "ready" as const, insights: INSIGHTS };
    expect(unscoredPoll(ready, 1)).toBe(3000);
    expect(unscoredPoll(ready, UNSCORED_POLLS)).toBe(false);
    const scored = { kind: "ready" as const, insights: { ...INSIGHTS, score: { score: 40, status: "open" as const, reasons: [], model_kind: "prior" as const } } };
    expect(unscoredPoll(scored, 1)).toBe(false);
    expect(unscoredPoll({ kind: "off", message: "off" }, 1)).toBe(false);
  });
});

describe("the lead list by score", () => {
  it("keeps the stage and owner filters only, and says which others do not apply", () => {
    const filters = { q: "pia", stage_id: "S1", owner_id: "U1", source: "form", created_from: "2026-01-01" };
    expect(listScoresQuery(filters, { sort: "score", minScore: 40 })).toEqual({ stage_id: "S1", owner_id: "U1", min_score: 40, order: "desc" });
    expect(listScoresQuery({}, { sort: "score", minScore: null })).toEqual({ order: "desc" });
    expect(ignoredFilters(filters)).toEqual(["Search", "Source", "Created from"]);
    expect(ignoredFilters({ stage_id: "S1" })).toEqual([]);
  });

  it("reads a page, or says AI is locked or off in place", async () => {
    const empty = { items: [], next_cursor: null };
    expect(await readScoredPage({ scores: async () => empty }, { order: "desc" }, null)).toEqual({ ...empty, refused: null });
    expect((await readScoredPage({ scores: () => Promise.reject(LOCKED) }, { order: "desc" }, null)).refused).toBe("plan");
    expect((await readScoredPage({ scores: () => Promise.reject(OFF) }, { order: "desc" }, null)).refused).toEqual({ off: OFF.message });
  });
});
