// How billing reads on screen: usage against limits, prices, statuses, the plan banner, and which
// action each plan card offers.

import { formatMinorUnits, getDisplayLocale } from "../../lib/format";
import { BILLING_PATH } from "./planLimit";
import type { BillingOverview, BillingStatus, BillingSummary, PlanView } from "./types";

// Usage ------------------------------------------------------------------------------------------

export type UsageTone = "ok" | "near" | "full";

export interface UsageMeterView {
  /** The bar's fill, 0-100: 100 only when the limit is reached, so a bar never looks full too early. */
  percent: number;
  remaining: number;
  /** How far past the limit (a downgrade below current usage, or form leads kept over the limit). */
  over: number;
  tone: UsageTone;
}

/** From this share of a limit on, a bar warns. */
export const NEAR_LIMIT = 0.8;

export function usageMeter(used: number, limit: number): UsageMeterView {
  const safeUsed = Math.max(0, Number.isFinite(used) ? used : 0);
  const safeLimit = Math.max(0, Number.isFinite(limit) ? limit : 0);
  const full = safeUsed >= safeLimit;
  const share = safeLimit > 0 ? safeUsed / safeLimit : full ? 1 : 0;
  const percent = full ? 100 : Math.min(99, Math.round(share * 100));
  return {
    percent,
    remaining: Math.max(0, safeLimit - safeUsed),
    over: Math.max(0, safeUsed - safeLimit),
    tone: full ? "full" : share >= NEAR_LIMIT ? "near" : "ok",
  };
}

export function usageText(used: number, limit: number, unit: string): string {
  return `${used.toLocaleString(getDisplayLocale())} of ${limit.toLocaleString(getDisplayLocale())} ${unit}`;
}

/** "2026-05" -> "May 2026" (the month a lead counter covers, in UTC). */
export function monthLabel(month: string, locale: string | undefined = getDisplayLocale()): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return date.toLocaleDateString(locale, { month: "long", year: "numeric", timeZone: "UTC" });
}

// Prices and statuses ----------------------------------------------------------------------------

/** A plan's price (in its currency's minor units, as Stripe keeps it): "$49", "€19.99". */
export function formatPrice(price: PlanView["price"], locale: string | undefined = getDisplayLocale()): string {
  return formatMinorUnits(price.amount, price.currency, locale);
}

/** "$49 / month"; a price that leaves out its `interval` is monthly (the API's default). */
export function priceText(price: PlanView["price"], locale: string | undefined = getDisplayLocale()): string {
  return `${formatPrice(price, locale)} / ${price.interval ?? "month"}`;
}

const STATUS_LABELS: Record<BillingStatus, string> = {
  trialing: "Trial",
  trial_ended: "Trial ended",
  active: "Active",
  past_due: "Past due",
  canceled: "Canceled",
  incomplete: "Incomplete",
};

export type StatusTone = "success" | "info" | "warning" | "error";

const STATUS_TONES: Record<BillingStatus, StatusTone> = {
  trialing: "info",
  trial_ended: "error",
  active: "success",
  past_due: "error",
  canceled: "warning",
  incomplete: "warning",
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as BillingStatus] ?? status;
}

export function statusTone(status: string): StatusTone {
  return STATUS_TONES[status as BillingStatus] ?? "info";
}

/** A subscription Stripe bills (a plan change happens in place, a downgrade or a cancellation is possible). */
export function isSubscribed(status: string): boolean {
  return status === "active" || status === "past_due";
}

/** The dates the current plan card lists, in order: trial, next invoice or end, grace period, scheduled change. */
export function planDates(
  billing: Pick<
    BillingOverview,
    "status" | "trial_ends_at" | "current_period_end" | "cancel_at_period_end" | "grace_ends_at" | "scheduled_plan" | "plans"
  >,
  formatDate: (iso: string | null) => string,
): { label: string; value: string }[] {
  const rows: { label: string; value: string }[] = [];
  if (billing.status === "trialing" || billing.status === "trial_ended") {
    const label = billing.status === "trialing" ? "Trial ends" : "Trial ended";
    rows.push({ label, value: formatDate(billing.trial_ends_at) || "—" });
  }
  if (isSubscribed(billing.status) && billing.current_period_end) {
    const label = billing.cancel_at_period_end ? "Subscription ends" : "Next invoice";
    rows.push({ label, value: formatDate(billing.current_period_end) });
  }
  if (billing.status === "past_due" && billing.grace_ends_at) {
    rows.push({ label: "Grace period ends", value: formatDate(billing.grace_ends_at) });
  }
  const scheduled = billing.scheduled_plan ? billing.plans.find((plan) => plan.plan_id === billing.scheduled_plan) : undefined;
  if (scheduled) {
    const from = formatDate(billing.current_period_end) || "the period end";
    rows.push({ label: "Scheduled change", value: `${scheduled.name} from ${from}` });
  }
  return rows;
}

const FEATURE_LABELS: Record<string, string> = {
  forms: "Lead capture forms",
  pipeline: "Pipeline, follow-ups and tasks",
  analytics: "Analytics dashboards",
  conversions: "Revenue sent to Google Ads and Meta",
  ai: "AI scoring and summaries",
  automation: "Automation",
};

export function featureLabel(feature: string): string {
  return FEATURE_LABELS[feature] ?? feature.charAt(0).toUpperCase() + feature.slice(1).replace(/_/g, " ");
}

/** Every feature any plan has, in the order of the cheapest plan that has it. */
export function allFeatures(plans: readonly PlanView[]): string[] {
  const seen: string[] = [];
  for (const plan of sortPlans(plans)) for (const feature of plan.features) if (!seen.includes(feature)) seen.push(feature);
  return seen;
}

// Plans ------------------------------------------------------------------------------------------

export function sortPlans(plans: readonly PlanView[]): PlanView[] {
  return [...plans].sort((a, b) => a.price.amount - b.price.amount);
}

function rank(plans: readonly PlanView[], planId: string): number {
  return sortPlans(plans).findIndex((plan) => plan.plan_id === planId);
}

/**
 * What a plan's card offers:
 * - `current`: the plan billed now;
 * - `subscribe`: the tenant's plan, not paid for yet (a trial, or after a cancellation);
 * - `upgrade`: a larger plan (Checkout, the card form, or a change in place for a paying tenant);
 * - `downgrade`: a smaller plan, from the period end;
 * - `scheduled`: the smaller plan a downgrade moves to at the period end;
 * - `keep`: the current plan while a downgrade is scheduled (choosing it takes the downgrade back);
 * - `none`: nothing to do (a smaller plan while the subscription is ending anyway).
 */
export type PlanAction = "current" | "subscribe" | "upgrade" | "downgrade" | "scheduled" | "keep" | "none";

export function planAction(
  billing: Pick<BillingOverview, "plan" | "status" | "plans" | "scheduled_plan" | "cancel_at_period_end">,
  planId: string,
): PlanAction {
  const subscribed = isSubscribed(billing.status);
  if (planId === billing.plan) {
    if (!subscribed) return "subscribe";
    return billing.scheduled_plan && billing.scheduled_plan !== billing.plan ? "keep" : "current";
  }
  const step = rank(billing.plans, planId) - rank(billing.plans, billing.plan);
  if (step > 0) return "upgrade";
  if (!subscribed) return "subscribe";
  if (billing.scheduled_plan === planId) return "scheduled";
  return billing.cancel_at_period_end ? "none" : "downgrade";
}

export function planActionLabel(action: PlanAction, planName: string): string {
  switch (action) {
    case "current":
      return "Current plan";
    case "subscribe":
      return `Subscribe to ${planName}`;
    case "upgrade":
      return `Upgrade to ${planName}`;
    case "downgrade":
      return `Downgrade to ${planName}`;
    case "scheduled":
      return `Moving to ${planName}`;
    case "keep":
      return `Keep ${planName}`;
    case "none":
      return "";
  }
}

// The plan banner ---------------------------------------------------------------------------------

export interface BannerView {
  tone: "error" | "warning" | "info";
  code: string;
  message: string;
  /** For users who may change billing: a link to the Billing page. */
  action: { label: string; to: string } | null;
  /** For everyone else: whom to ask. */
  note: string | null;
  /** Only an error (past due, trial over) stays until it is fixed. */
  dismissible: boolean;
  /** Identifies this message for "dismissed for this session". */
  key: string;
}

const BANNER_ACTIONS: Record<string, string> = {
  payment_failed: "Update payment details",
  trial_ended: "Choose a plan",
  trial_ending: "Choose a plan",
  subscription_canceled: "Choose a plan",
  subscription_ending: "Manage billing",
  downgrade_scheduled: "Manage billing",
};

export const CONTACT_ADMIN = "Only an Admin can change billing: ask an Admin of your workspace.";

/**
 * The banner GET /me's billing block asks for, as this user should see it: Admins get a link to the
 * Billing page, everyone else is told to ask an Admin. Information (a cancellation or a downgrade
 * scheduled) is for Admins only; warnings and errors are for everyone.
 */
export function bannerView(
  billing: BillingSummary | null | undefined,
  options: { canManage: boolean; onBillingPage?: boolean; dismissed?: ReadonlySet<string> },
): BannerView | null {
  const banner = billing?.banner;
  if (!banner || !banner.message) return null;
  const tone = banner.level === "error" || banner.level === "warning" ? banner.level : "info";
  if (tone === "info" && !options.canManage) return null;
  const key = `${banner.code}:${banner.message}`;
  const dismissible = tone !== "error";
  if (dismissible && options.dismissed?.has(key)) return null;
  const action =
    options.canManage && !options.onBillingPage
      ? { label: BANNER_ACTIONS[banner.code] ?? "Go to Billing", to: BILLING_PATH }
      : null;
  return {
    tone,
    code: banner.code,
    message: banner.message,
    action,
    note: options.canManage ? null : CONTACT_ADMIN,
    dismissible,
    key,
  };
}
