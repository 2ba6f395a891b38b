// The partner portal API's shapes (GET /affiliate/*, PUT /affiliate/payout-settings): money is in
// minor units (cents) of its `currency`, a lower-case ISO code.

import type { Schemas } from "../../../api/contract";

/** GET /affiliate/dashboard: all-time figures, balances, `days` (the chart's period) and the terms. */
export type PartnerDashboard = Schemas["PartnerDashboard"];
export type PartnerStats = Schemas["PartnerStats"];
export type PartnerDay = Schemas["PartnerDay"];
/** What the partner earns: a percentage of each payment for `duration_months` (null: lifetime), or a bounty. */
export type CommissionTerms = Schemas["CommissionTerms"];
export type Attribution = PartnerDashboard["attribution"];

/** GET /affiliate/referrals: each referred company by its initials only. */
export type PartnerReferral = Schemas["PartnerReferral"];
export type PartnerReferralPage = Schemas["PartnerReferralPage"];

/** GET /affiliate/commissions: commissions (pending, payable, paid) and reversals (open, settled), `amount` signed. */
export type CommissionEntry = Schemas["CommissionEntry"];
export type CommissionPage = Schemas["CommissionPage"];

/** GET /affiliate/payouts and /affiliate/payouts/{payout_id}: `commissions` and `reversals` are positive sums. */
export type PartnerPayout = Schemas["PartnerPayout"];
export type PartnerPayoutPage = Schemas["PartnerPayoutPage"];
export type PartnerPayoutDetail = Schemas["PartnerPayoutDetail"];

/** GET /affiliate/payout-settings: the method and its masked summary; PUT takes the details. */
export type PayoutSettings = Schemas["PartnerPayoutSettings"];
export type PayoutSettingsIn = Schemas["PartnerPayoutSettingsIn"];
export type PayoutBankDetails = Schemas["PayoutBankDetails"];
export type PayoutMethod = PayoutSettingsIn["method"];

/** GET /affiliate/assets: copy (its `text`) and files (their `download_url`). */
export type PartnerAsset = Schemas["PartnerAsset"];
export type PartnerAssetList = Schemas["PartnerAssetList"];
