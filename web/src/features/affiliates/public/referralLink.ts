// A partner's referral link, as the browser opens it: `/r/<code>?sub=...&utm_source=...` or any public
// page with `?via=<code>`. The click is counted once per page load (POST /affiliate/clicks) and its
// referral kept by the program's rule (referralStore.ts).

import type { AffiliatePublicApi } from "./api";
import type { ReferralStore, SaveOutcome } from "./referralStore";
import type { ReferralClickRequest } from "./types";

/** The query parameter that makes any public page a referral link. */
export const VIA_PARAM = "via";

const CODE = /^[a-z0-9-]{3,32}$/;
const SUB_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const UTM_NAMES = ["utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"] as const;
const UTM_MAX = 200;

/** The code as the API reads it (trimmed, lower case), or null when no partner could have it. */
export function referralCode(raw: string | null | undefined): string | null {
  const code = (raw ?? "").trim().toLowerCase();
  return CODE.test(code) ? code : null;
}

/**
 * The click to record for `code` from the link's query: the sub id (`sub_id` or `sub`) and the UTM
 * parameters. A sub id the API would refuse is left out (the click still counts); a UTM value is cut
 * to the API's 200 characters.
 */
export function clickFromQuery(code: string, query: URLSearchParams): ReferralClickRequest {
  const click: ReferralClickRequest = { code };
  const sub = (query.get("sub_id") ?? query.get("sub") ?? "").trim();
  if (SUB_ID.test(sub)) click.sub_id = sub;
  for (const name of UTM_NAMES) {
    const value = (query.get(name) ?? "").trim().slice(0, UTM_MAX);
    if (value) click[name] = value;
  }
  return click;
}

/** The page's search string without `via` (and "" when nothing else is left). */
export function searchWithoutVia(search: string): string {
  const query = new URLSearchParams(search);
  query.delete(VIA_PARAM);
  const rest = query.toString();
  return rest ? `?${rest}` : "";
}

/** Clicks recorded during this page load, by code: a second render, or a second page, asks no more. */
const recorded = new Map<string, Promise<SaveOutcome | "unknown_code">>();

/**
 * Count the click on `code`'s link (once per page load) and keep its referral by the answered rule.
 * Never fails: an unknown code, or any error, keeps nothing ("unknown_code" / "ignored").
 */
export function recordReferralClick(
  api: Pick<AffiliatePublicApi, "click">,
  store: ReferralStore,
  code: string,
  query: URLSearchParams,
): Promise<SaveOutcome | "unknown_code"> {
  let pending = recorded.get(code);
  if (!pending) {
    pending = api.click(clickFromQuery(code, query)).then(
      (answer) => store.save(code, answer),
      (error: unknown) =>
        error && typeof error === "object" && "code" in error && error.code === "referral_code_not_found"
          ? "unknown_code"
          : "ignored",
    );
    recorded.set(code, pending);
  }
  return pending;
}

/** Tests only: forget the clicks of "this page load". */
export function forgetRecordedClicks(): void {
  recorded.clear();
}
