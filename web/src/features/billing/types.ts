// The billing API's shapes: GET /billing, POST /billing/*, and the billing block of GET /me.

import type { Schemas } from "../../api/contract";

export type PlanId = Schemas["PlanId"];
export type CheckoutRequest = Schemas["CheckoutRequest"];
export type SubscriptionRequest = Schemas["SubscriptionRequest"];
export type CancelRequest = Schemas["CancelRequest"];
export type DowngradeRequest = Schemas["DowngradeRequest"];

export type BillingStatus = "trialing" | "trial_ended" | "active" | "past_due" | "canceled" | "incomplete"; // not yet in openapi.json

export interface BillingBanner { // not yet in openapi.json
  level: "info" | "warning" | "error";
  code: string;
  message: string;
}

export interface BillingSummary { // not yet in openapi.json
  plan: string;
  plan_name: string;
  status: BillingStatus;
  features: string[];
  banner: BillingBanner | null;
}

export interface PlanView { // not yet in openapi.json
  plan_id: string;
  name: string;
  /** `amount` in minor units (cents). */
  price: { amount: number; currency: string; interval: "month" };
  limits: { users: number; leads_per_month: number };
  features: string[];
}

export interface UsageMeter { // not yet in openapi.json
  used: number;
  limit: number;
}

export interface BillingOverview extends BillingSummary { // not yet in openapi.json
  plan_details: PlanView;
  trial_ends_at: string | null;
  /** The next invoice date. */
  current_period_end: string | null;
  cancel_at_period_end: boolean;
  /** A downgrade that takes effect at the period end. */
  scheduled_plan: string | null;
  grace_ends_at: string | null;
  usage: {
    users: UsageMeter;
    leads: UsageMeter & { month: string; over_limit: number };
  };
  plans: PlanView[];
  /** stripe_checkout: POST /billing/checkout answers a Checkout URL; card_form: Stripe.js card form. */
  checkout: "stripe_checkout" | "card_form";
  portal_available: boolean;
  publishable_key: string | null;
  stripe_js_url: string;
}

export interface CheckoutResult { // not yet in openapi.json
  mode: "checkout" | "updated";
  url: string | null;
  billing: BillingOverview | null;
}

export interface CardSetup { // not yet in openapi.json
  client_secret: string;
  publishable_key: string | null;
  stripe_js_url: string;
}

export interface PortalSession { // not yet in openapi.json
  url: string;
}
