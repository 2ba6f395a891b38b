// The partner's referral links: the base link `<web app>/r/<code>` and the same link with a sub-id
// (to tell the partner's own channels apart in the referrals list) and UTM tags.

export interface LinkParts {
  subId: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
}

export type LinkField = keyof LinkParts;

export const NO_PARTS: LinkParts = { subId: "", utmSource: "", utmMedium: "", utmCampaign: "" };

/** The query names the link carries, as the referral click (POST /affiliate/clicks) names them. */
export const LINK_PARAMS: Record<LinkField, string> = {
  subId: "sub_id",
  utmSource: "utm_source",
  utmMedium: "utm_medium",
  utmCampaign: "utm_campaign",
};

const SUB_ID = /^[A-Za-z0-9_.-]*$/;
export const SUB_ID_MAX = 64;
export const UTM_MAX = 200;

/** The partner's plain referral link: `https://app.example/r/<code>`. */
export function referralBase(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, "")}/r/${encodeURIComponent(code)}`;
}

/** What is wrong with a part, as the API would refuse it; empty when the link can be used. */
export function linkErrors(parts: LinkParts): Partial<Record<LinkField, string>> {
  const errors: Partial<Record<LinkField, string>> = {};
  const subId = parts.subId.trim();
  if (subId.length > SUB_ID_MAX) errors.subId = `Use at most ${SUB_ID_MAX} characters`;
  else if (!SUB_ID.test(subId)) errors.subId = "Use letters, digits, dots, dashes and underscores only";
  for (const field of ["utmSource", "utmMedium", "utmCampaign"] as const) {
    if (parts[field].trim().length > UTM_MAX) errors[field] = `Use at most ${UTM_MAX} characters`;
  }
  return errors;
}

/** The full link: the base with the filled parts (trimmed, empty ones left out) as its query. */
export function referralLink(origin: string, code: string, parts: LinkParts): string {
  const params = new URLSearchParams();
  for (const field of Object.keys(LINK_PARAMS) as LinkField[]) {
    const value = parts[field].trim();
    if (value) params.set(LINK_PARAMS[field], value);
  }
  const query = params.toString();
  return query ? `${referralBase(origin, code)}?${query}` : referralBase(origin, code);
}
