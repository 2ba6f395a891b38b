// The partner portal's operations: an Affiliate's own figures, referrals, ledger, payouts, payout
// settings and the program's marketing assets.

import type { ApiClient } from "../../../api/client";
import { apiHook } from "../../../context";
import type {
  CommissionPage,
  PartnerAssetList,
  PartnerDashboard,
  PartnerPayoutDetail,
  PartnerPayoutPage,
  PartnerReferralPage,
  PayoutSettings,
  PayoutSettingsIn,
} from "./types";

export function portalApi(client: ApiClient) {
  return {
    /** `days`: the chart's period, 7-366 days up to today. */
    dashboard: (days: number, signal?: AbortSignal) => client.get<PartnerDashboard>("/affiliate/dashboard", { days }, signal),
    referrals: (cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<PartnerReferralPage>("/affiliate/referrals", { cursor, limit }, signal),
    commissions: (cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<CommissionPage>("/affiliate/commissions", { cursor, limit }, signal),
    payouts: (cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<PartnerPayoutPage>("/affiliate/payouts", { cursor, limit }, signal),
    payout: (payoutId: string, signal?: AbortSignal) =>
      client.get<PartnerPayoutDetail>(`/affiliate/payouts/${encodeURIComponent(payoutId)}`, undefined, signal),
    payoutSettings: (signal?: AbortSignal) => client.get<PayoutSettings>("/affiliate/payout-settings", undefined, signal),
    /** 422 with `fields` (paypal_email, bank.iban, ...) for details that are not valid. */
    savePayoutSettings: (body: PayoutSettingsIn) =>
      client.request<PayoutSettings>("PUT", "/affiliate/payout-settings", { body }),
    assets: (signal?: AbortSignal) => client.get<PartnerAssetList>("/affiliate/assets", undefined, signal),
  };
}

export type PortalApi = ReturnType<typeof portalApi>;
export const usePortalApi = apiHook(portalApi);
