// The affiliate program's public operations (no sign-in): applying to become a partner, and counting
// a click on a partner's referral link.

import type { ApiClient } from "../../../api/client";
import { apiHook } from "../../../context";
import type {
  PartnerApplicationReceipt,
  PartnerApplicationRequest,
  ReferralClickRequest,
  ReferralClickResult,
} from "./types";

export function affiliatePublicApi(client: ApiClient) {
  return {
    /** 409 `application_exists` (fields.email) while the address has an application pending or approved. */
    apply: (body: PartnerApplicationRequest) =>
      client.post<PartnerApplicationReceipt>("/affiliate/applications", body, { auth: false }),
    /** 404 `referral_code_not_found` for a code no active partner has. */
    click: (body: ReferralClickRequest) => client.post<ReferralClickResult>("/affiliate/clicks", body, { auth: false }),
  };
}

export type AffiliatePublicApi = ReturnType<typeof affiliatePublicApi>;
export const useAffiliatePublicApi = apiHook(affiliatePublicApi);
