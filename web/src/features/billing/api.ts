// The billing operations: the overview, Checkout or the card form, plan changes and the customer portal.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type { BillingOverview, CardSetup, CheckoutResult, PortalSession } from "./types";

export function billingApi(client: ApiClient) {
  return {
    billing: () => client.get<BillingOverview>("/billing"),
    billingCheckout: (plan: string) => client.post<CheckoutResult>("/billing/checkout", { plan }),
    billingCardSetup: () => client.post<CardSetup>("/billing/card-setup"),
    billingSubscribe: (plan: string, paymentMethod: string) =>
      client.post<BillingOverview>("/billing/subscription", { plan, payment_method: paymentMethod }),
    billingPortal: () => client.post<PortalSession>("/billing/portal"),
    billingCancel: (cancelAtPeriodEnd: boolean) =>
      client.post<BillingOverview>("/billing/cancel", { cancel_at_period_end: cancelAtPeriodEnd }),
    billingDowngrade: (plan: string) => client.post<BillingOverview>("/billing/downgrade", { plan }),
  };
}

export type BillingApi = ReturnType<typeof billingApi>;
export const useBillingApi = apiHook(billingApi);
