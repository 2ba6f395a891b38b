import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import type { PlanView } from "../billing/types";
import { workflowStatusText } from "./labels";
import { automationAllowed, isFeatureLock, lockOf, planWithAutomation } from "./plan";
import { subjectPath, workflowPath } from "./paths";

const plan = (plan_id: string, name: string, amount: number, features: string[]): PlanView => ({
  plan_id,
  name,
  features,
  limits: { users: 5, leads_per_month: 500 },
  price: { amount, currency: "usd" },
});

const PLANS = [plan("professional", "Professional", 14900, ["forms", "automation"]), plan("starter", "Starter", 4900, ["forms"])];

describe("the automation plan", () => {
  it("is allowed only when the plan lists automation", () => {
    expect(automationAllowed({ features: ["forms", "automation"] })).toBe(true);
    expect(automationAllowed({ features: ["forms"] })).toBe(false);
    expect(automationAllowed(null)).toBe(false);
  });

  it("names the cheapest plan that has it", () => {
    expect(planWithAutomation(PLANS)).toBe("Professional");
    expect(planWithAutomation([])).toBeNull();
    expect(planWithAutomation(undefined)).toBeNull();
  });

  it("reads a 402 plan_feature_required, following only the app's own paths", () => {
    const error = new ApiError(402, "plan_feature_required", "Automation is not part of your Starter plan.", {}, {
      feature: "automation",
      upgrade_plan: "professional",
      upgrade_path: "/billing",
    });
    expect(isFeatureLock(error)).toBe(true);
    expect(isFeatureLock(new ApiError(402, "plan_limit_reached", "Over"))).toBe(false);
    expect(lockOf(error, PLANS)).toEqual({ planName: "Professional", upgradePath: "/billing", message: "Automation is not part of your Starter plan." });
    const elsewhere = new ApiError(402, "plan_feature_required", "No", {}, { upgrade_plan: "business", upgrade_path: "https://evil.example" });
    expect(lockOf(elsewhere, PLANS)).toEqual({ planName: "Business", upgradePath: "/billing", message: "No" });
  });
});

describe("labels and paths", () => {
  it("reads a workflow's status with its version", () => {
    expect(workflowStatusText({ status: "draft", live_version: 0 })).toBe("Draft");
    expect(workflowStatusText({ status: "published", live_version: 3 })).toBe("Published v3");
    expect(workflowStatusText({ status: "paused", live_version: 2 })).toBe("Paused (v2)");
  });

  it("links an enrolment to its lead, else its contact", () => {
    expect(subjectPath({ lead_id: "L1", contact_id: "C1" })).toBe("/leads/L1");
    expect(subjectPath({ lead_id: null, contact_id: "C1" })).toBe("/contacts/C1");
    expect(subjectPath({ lead_id: null, contact_id: null })).toBeNull();
    expect(workflowPath("W 1")).toBe("/settings/automation/W%201");
  });
});
