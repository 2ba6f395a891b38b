import { describe, expect, it } from "vitest";
import {
  allFeatures,
  bannerView,
  CONTACT_ADMIN,
  featureLabel,
  formatPrice,
  monthLabel,
  planAction,
  planActionLabel,
  planDates,
  priceText,
  statusLabel,
  statusTone,
  usageMeter,
  usageText,
} from "./billingModel";
import type { BillingOverview, BillingSummary, PlanView } from "./types";

describe("usageMeter", () => {
  it("fills the bar in proportion and counts what is left", () => {
    expect(usageMeter(2, 5)).toEqual({ percent: 40, remaining: 3, over: 0, tone: "ok" });
    expect(usageMeter(0, 500)).toEqual({ percent: 0, remaining: 500, over: 0, tone: "ok" });
  });

  it("warns from 80% of a limit", () => {
    expect(usageMeter(399, 500).tone).toBe("ok");
    expect(usageMeter(400, 500).tone).toBe("near");
    expect(usageMeter(499, 500)).toEqual({ percent: 99, remaining: 1, over: 0, tone: "near" });
  });

  it("is full only at the limit, never by rounding", () => {
    expect(usageMeter(4999, 5000).percent).toBe(99);
    expect(usageMeter(500, 500)).toEqual({ percent: 100, remaining: 0, over: 0, tone: "full" });
  });

  it("stays at 100% past the limit and says by how much", () => {
    expect(usageMeter(620, 500)).toEqual({ percent: 100, remaining: 0, over: 120, tone: "full" });
  });

  it("copes with a zero limit and nonsense counts", () => {
    expect(usageMeter(0, 0)).toMatchObject({ percent: 100, tone: "full" });
    expect(usageMeter(-3, 10)).toMatchObject({ percent: 0, remaining: 10, tone: "ok" });
    expect(usageMeter(Number.NaN, 10)).toMatchObject({ percent: 0, tone: "ok" });
  });

  it("reads as a sentence", () => {
    expect(usageText(1250, 5000, "leads")).toBe("1,250 of 5,000 leads");
  });
});

const STARTER: PlanView = {
  plan_id: "starter",
  name: "Starter",
  price: { amount: 4900, currency: "usd", interval: "month" },
  limits: { users: 5, leads_per_month: 500 },
  features: ["analytics", "forms", "pipeline"],
};
const PROFESSIONAL: PlanView = {
  plan_id: "professional",
  name: "Professional",
  price: { amount: 14900, currency: "usd", interval: "month" },
  limits: { users: 25, leads_per_month: 5000 },
  features: ["ai", "analytics", "automation", "conversions", "forms", "pipeline"],
};

describe("prices, statuses and features", () => {
  it("shows whole prices without cents", () => {
    expect(formatPrice(STARTER.price, "en-US")).toBe("$49");
    expect(formatPrice({ amount: 1999, currency: "eur", interval: "month" }, "en-US")).toBe("€19.99");
    expect(priceText(PROFESSIONAL.price, "en-US")).toBe("$149 / month");
    expect(priceText({ amount: 4900, currency: "usd" }, "en-US")).toBe("$49 / month");
  });

  it("names every status and its tone", () => {
    expect(statusLabel("past_due")).toBe("Past due");
    expect(statusLabel("trial_ended")).toBe("Trial ended");
    expect(statusTone("active")).toBe("success");
    expect(statusTone("past_due")).toBe("error");
    expect(statusLabel("something_new")).toBe("something_new");
  });

  it("lists features cheapest plan first, each once", () => {
    expect(allFeatures([PROFESSIONAL, STARTER])).toEqual(["analytics", "forms", "pipeline", "ai", "automation", "conversions"]);
    expect(featureLabel("conversions")).toBe("Revenue sent to Google Ads and Meta");
    expect(featureLabel("voice_calls")).toBe("Voice calls");
  });

  it("reads a usage month", () => {
    expect(monthLabel("2026-05", "en-US")).toBe("May 2026");
    expect(monthLabel("soon", "en-US")).toBe("soon");
  });
});

type Billing = Pick<BillingOverview, "plan" | "status" | "plans" | "scheduled_plan" | "cancel_at_period_end">;
const billing = (overrides: Partial<Billing>): Billing => ({
  plan: "starter",
  status: "trialing",
  plans: [STARTER, PROFESSIONAL],
  scheduled_plan: null,
  cancel_at_period_end: false,
  ...overrides,
});

describe("planAction", () => {
  it("offers a trial its own plan to subscribe to and the larger one to upgrade to", () => {
    expect(planAction(billing({}), "starter")).toBe("subscribe");
    expect(planAction(billing({}), "professional")).toBe("upgrade");
    expect(planAction(billing({ status: "trial_ended" }), "professional")).toBe("upgrade");
  });

  it("offers a paying tenant the upgrade, or a downgrade at the period end", () => {
    expect(planAction(billing({ status: "active" }), "starter")).toBe("current");
    expect(planAction(billing({ status: "active" }), "professional")).toBe("upgrade");
    expect(planAction(billing({ status: "active", plan: "professional" }), "starter")).toBe("downgrade");
    expect(planAction(billing({ status: "past_due", plan: "professional" }), "professional")).toBe("current");
  });

  it("shows a scheduled downgrade and lets the current plan be kept", () => {
    const scheduled = billing({ status: "active", plan: "professional", scheduled_plan: "starter" });
    expect(planAction(scheduled, "starter")).toBe("scheduled");
    expect(planAction(scheduled, "professional")).toBe("keep");
  });

  it("offers no downgrade while the subscription is ending anyway", () => {
    expect(planAction(billing({ status: "active", plan: "professional", cancel_at_period_end: true }), "starter")).toBe("none");
  });

  it("ranks plans by price, whatever order the API lists them in", () => {
    expect(planAction(billing({ status: "active", plans: [PROFESSIONAL, STARTER] }), "professional")).toBe("upgrade");
  });

  it("labels each action", () => {
    expect(planActionLabel("upgrade", "Professional")).toBe("Upgrade to Professional");
    expect(planActionLabel("downgrade", "Starter")).toBe("Downgrade to Starter");
    expect(planActionLabel("keep", "Professional")).toBe("Keep Professional");
    expect(planActionLabel("none", "Starter")).toBe("");
  });
});

const summary = (banner: BillingSummary["banner"], status: BillingSummary["status"] = "trialing"): BillingSummary => ({
  plan: "starter",
  plan_name: "Starter",
  status,
  features: [],
  banner,
});
const PAST_DUE = { level: "error", code: "payment_failed", message: "Your last payment failed. Update your card by June 1, 2026 to keep the Starter plan." } as const;
const TRIAL_ENDING = { level: "warning", code: "trial_ending", message: "Your trial ends on May 20, 2026: choose a plan on the Billing page." } as const;
const TRIAL_ENDED = { level: "error", code: "trial_ended", message: "Your trial has ended: choose a plan on the Billing page to keep using Convertly." } as const;
const ENDING = { level: "info", code: "subscription_ending", message: "Your subscription ends on June 1, 2026." } as const;

describe("bannerView", () => {
  it("shows nothing while billing needs no attention", () => {
    expect(bannerView(summary(null), { canManage: true })).toBeNull();
    expect(bannerView(undefined, { canManage: true })).toBeNull();
    expect(bannerView(null, { canManage: false })).toBeNull();
  });

  it("sends an Admin to the Billing page with an action that fits", () => {
    expect(bannerView(summary(PAST_DUE, "past_due"), { canManage: true })).toMatchObject({
      tone: "error",
      message: PAST_DUE.message,
      action: { label: "Update payment details", to: "/billing" },
      note: null,
      dismissible: false,
    });
    expect(bannerView(summary(TRIAL_ENDED, "trial_ended"), { canManage: true })?.action?.label).toBe("Choose a plan");
    expect(bannerView(summary(TRIAL_ENDING), { canManage: true })?.action?.label).toBe("Choose a plan");
  });

  it("tells everyone else to ask an Admin, with no link", () => {
    const view = bannerView(summary(PAST_DUE, "past_due"), { canManage: false });
    expect(view).toMatchObject({ tone: "error", action: null, note: CONTACT_ADMIN });
  });

  it("keeps information for Admins only", () => {
    expect(bannerView(summary(ENDING, "active"), { canManage: true })?.tone).toBe("info");
    expect(bannerView(summary(ENDING, "active"), { canManage: false })).toBeNull();
  });

  it("links nowhere on the Billing page itself", () => {
    expect(bannerView(summary(TRIAL_ENDING), { canManage: true, onBillingPage: true })?.action).toBeNull();
  });

  it("lets a warning be dismissed, never an error", () => {
    const warning = bannerView(summary(TRIAL_ENDING), { canManage: true })!;
    expect(warning.dismissible).toBe(true);
    expect(bannerView(summary(TRIAL_ENDING), { canManage: true, dismissed: new Set([warning.key]) })).toBeNull();
    const error = bannerView(summary(PAST_DUE, "past_due"), { canManage: true })!;
    expect(bannerView(summary(PAST_DUE, "past_due"), { canManage: true, dismissed: new Set([error.key]) })).not.toBeNull();
  });

  it("shows a dismissed warning again when its message changes", () => {
    const warning = bannerView(summary(TRIAL_ENDING), { canManage: true })!;
    const later = { ...TRIAL_ENDING, message: "Your trial ends on May 21, 2026: choose a plan on the Billing page." };
    expect(bannerView(summary(later), { canManage: true, dismissed: new Set([warning.key]) })).not.toBeNull();
  });
});

describe("planDates", () => {
  const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "");
  const dates = {
    trial_ends_at: "2026-05-28T00:00:00Z",
    current_period_end: "2026-06-14T00:00:00Z",
    cancel_at_period_end: false,
    grace_ends_at: null,
    scheduled_plan: null,
    plans: [STARTER, PROFESSIONAL],
  };

  it("shows a trial's end", () => {
    expect(planDates({ ...dates, status: "trialing" }, day)).toEqual([{ label: "Trial ends", value: "2026-05-28" }]);
    expect(planDates({ ...dates, status: "trial_ended" }, day)).toEqual([{ label: "Trial ended", value: "2026-05-28" }]);
  });

  it("shows the next invoice, or the end of a cancelled subscription", () => {
    expect(planDates({ ...dates, status: "active" }, day)).toEqual([{ label: "Next invoice", value: "2026-06-14" }]);
    expect(planDates({ ...dates, status: "active", cancel_at_period_end: true }, day)).toEqual([
      { label: "Subscription ends", value: "2026-06-14" },
    ]);
  });

  it("shows the grace period while past due, and a scheduled downgrade", () => {
    const pastDue = { ...dates, status: "past_due" as const, grace_ends_at: "2026-06-21T00:00:00Z", scheduled_plan: "starter" };
    expect(planDates(pastDue, day)).toEqual([
      { label: "Next invoice", value: "2026-06-14" },
      { label: "Grace period ends", value: "2026-06-21" },
      { label: "Scheduled change", value: "Starter from 2026-06-14" },
    ]);
  });

  it("shows nothing to date for a canceled subscription", () => {
    expect(planDates({ ...dates, status: "canceled" }, day)).toEqual([]);
  });
});
