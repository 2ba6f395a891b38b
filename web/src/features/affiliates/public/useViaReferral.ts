import { useEffect } from "react";
import { useLocation, useNavigate } from "react-router";
import { useAffiliatePublicApi } from "./api";
import { recordReferralClick, referralCode, searchWithoutVia, VIA_PARAM } from "./referralLink";
import { referralStore } from "./referralStore";

/**
 * `?via=<code>` on a public page (AuthLayout's): the partner's click is recorded (once per page load)
 * and `via` taken off the address, on the same page (its other parameters and state stay).
 */
export function useViaReferral(): void {
  const api = useAffiliatePublicApi();
  const navigate = useNavigate();
  const { pathname, search, hash, state } = useLocation();
  const via = new URLSearchParams(search).get(VIA_PARAM);

  useEffect(() => {
    if (via === null) return;
    const code = referralCode(via);
    if (code) void recordReferralClick(api, referralStore(), code, new URLSearchParams(search));
    navigate({ pathname, search: searchWithoutVia(search), hash }, { replace: true, state });
  }, [api, navigate, via, pathname, search, hash, state]);
}
