import { useEffect } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { Spinner } from "../../../components/ui";
import { AuthLayout } from "../../accounts/AuthLayout";
import { useAffiliatePublicApi } from "./api";
import { recordReferralClick, referralCode } from "./referralLink";
import { referralStore } from "./referralStore";

/**
 * `/r/<code>`: a partner's referral link. The click is counted (with the link's sub id and UTM
 * parameters) and its referral kept by the program's rule, then the visitor lands on sign-up. An
 * unknown code, or an API that cannot be reached, keeps nothing and lands there all the same.
 */
export function ReferralLinkPage() {
  const { code: raw } = useParams();
  const [query] = useSearchParams();
  const api = useAffiliatePublicApi();
  const navigate = useNavigate();

  useEffect(() => {
    let left = false;
    const code = referralCode(raw);
    const recorded = code ? recordReferralClick(api, referralStore(), code, query) : Promise.resolve("unknown_code");
    void recorded.then(() => {
      if (!left) navigate("/signup", { replace: true });
    });
    return () => {
      left = true;
    };
  }, [api, navigate, raw, query]);

  return (
    <AuthLayout title="Welcome to Convertly">
      <Spinner label="Taking you to Convertly" />
    </AuthLayout>
  );
}
