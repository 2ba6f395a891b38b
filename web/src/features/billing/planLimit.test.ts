import { describe, expect, it, vi } from "vitest";
import { ApiError, toApiError } from "../../api/errors";
import { isPlanLimit, limitLabel, planLimitOf, upgradeAction } from "./planLimit";

// The 402 POST /leads answers at the month's limit (docs/billing.md).
const LEAD_LIMIT = {
  error: {
    code: "plan_limit_reached",
    message:
      "Your Starter plan includes 500 new leads a month and this month's are used up. Upgrade to Professional on the Billing page for 5000.",
    fields: { leads_per_month: "limit of 500 reached" },
    details: {
      limit: "leads_per_month",
      limit_value: 500,
      used: 500,
      plan: "starter",
      upgrade_plan: "professional",
      upgrade_path: "/billing",
    },
  },
};

describe("planLimitOf", () => {
  it("reads the limit, the usage and the upgrade from a 402 plan_limit_reached", () => {
    expect(planLimitOf(toApiError(402, LEAD_LIMIT))).toEqual({
      limit: "leads_per_month",
      limitValue: 500,
      used: 500,
      plan: "starter",
      upgradePlan: "professional",
      upgradePath: "/billing",
      message: LEAD_LIMIT.error.message,
    });
  });

  it("keeps the API's message, which names the limit and the upgrade path", () => {
    const limit = planLimitOf(toApiError(402, LEAD_LIMIT))!;
    expect(limit.message).toContain("500 new leads a month");
    expect(limit.message).toContain("Upgrade to Professional on the Billing page");
  });

  it("names the limit from `fields` when there are no details", () => {
    const error = toApiError(402, {
      error: { code: "plan_limit_reached", message: "Your Starter plan includes 5 users.", fields: { users: "limit of 5 reached" } },
    });
    expect(planLimitOf(error)).toMatchObject({ limit: "users", upgradePlan: null, upgradePath: "/billing", limitValue: null });
  });

  it("never follows an upgrade path that leaves the app", () => {
    for (const path of ["https://evil.example/billing", "//evil.example", "billing", 42]) {
      const body = { error: { ...LEAD_LIMIT.error, details: { ...LEAD_LIMIT.error.details, upgrade_path: path } } };
      expect(planLimitOf(toApiError(402, body))!.upgradePath).toBe("/billing");
    }
  });

  it("is null for every other error", () => {
    expect(planLimitOf(toApiError(402, { error: { code: "card_declined", message: "Your card was declined." } }))).toBeNull();
    expect(planLimitOf(toApiError(403, { error: { code: "plan_limit_reached", message: "x" } }))).toBeNull();
    expect(planLimitOf(new Error("plan_limit_reached"))).toBeNull();
    expect(planLimitOf(null)).toBeNull();
    expect(isPlanLimit(new ApiError(402, "plan_limit_reached", "x"))).toBe(true);
  });
});

describe("upgradeAction", () => {
  it("offers Upgrade to a user who may manage billing, opening the upgrade path", () => {
    const open = vi.fn();
    const action = upgradeAction(toApiError(402, LEAD_LIMIT), true, open);
    expect(action?.label).toBe("Upgrade");
    action?.run();
    expect(open).toHaveBeenCalledWith("/billing");
  });

  it("offers nothing to a user who cannot change the plan", () => {
    expect(upgradeAction(toApiError(402, LEAD_LIMIT), false, vi.fn())).toBeUndefined();
  });

  it("offers nothing on the largest plan or for other errors", () => {
    const top = { error: { ...LEAD_LIMIT.error, details: { limit: "leads_per_month", limit_value: 5000, used: 5000, plan: "professional" } } };
    expect(upgradeAction(toApiError(402, top), true, vi.fn())).toBeUndefined();
    expect(upgradeAction(toApiError(422, { error: { code: "validation_error", message: "x" } }), true, vi.fn())).toBeUndefined();
  });
});

describe("limitLabel", () => {
  it("reads the API's limit names", () => {
    expect(limitLabel("leads_per_month")).toBe("New leads a month");
    expect(limitLabel("users")).toBe("Users");
    expect(limitLabel("forms_per_tenant")).toBe("Forms per tenant");
  });
});
