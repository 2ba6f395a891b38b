// The billing API's shapes: GET /billing, POST /billing/*, and the billing block of GET /me.

import type { Schemas } from "../../api/contract";

export type PlanId = Schemas["PlanId"];
export type CheckoutRequest = Schemas["CheckoutRequest"];
export type SubscriptionRequest = Schemas["SubscriptionRequest"];
export type CancelRequest = Schemas["CancelRequest"];
export type DowngradeRequest = Schemas["DowngradeRequest"];

export type BillingBanner = Schemas["Banner"];
export type BillingSummary = Schemas["BillingSummary"];
export type BillingStatus = BillingSummary["status"];
/** A plan with its price (`amount` in minor units, cents), limits and features. */
export type PlanView = Schemas["PlanView"];
export type UsageMeter = Schemas["UsageMeter"];
/** GET /billing: `current_period_end` is the next invoice date, `scheduled_plan` a downgrade that
 * takes effect at the period end; `checkout` says how this deployment upgrades (stripe_checkout:
 * POST /billing/checkout answers a Checkout URL; card_form: the Stripe.js card form). */
export type BillingOverview = Schemas["BillingOverview"];
/** POST /billing/checkout: `url` to go to (mode `checkout`), or the changed `billing` (mode `updated`). */
export type CheckoutResult = Schemas["CheckoutOut"];
export type CardSetup = Schemas["CardSetupOut"];
export type PortalSession = Schemas["PortalOut"];
