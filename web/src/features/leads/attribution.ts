import type { AdConsent, AdConsentSignal, ConsentValue, LeadDetail, TouchAttribution } from "./types";

type Key = Exclude<keyof TouchAttribution, "consent">;

/** Every attribution field but the consent, as the document's Attribution names them. */
const ATTRIBUTION_KEYS = [
  "gclid",
  "gbraid",
  "wbraid",
  "fbclid",
  "fbc",
  "fbp",
  "msclkid",
  "ttclid",
  "li_fat_id",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
  "utm_id",
  "landing_page",
  "page_url",
  "referrer",
  "first_seen_at",
  "submitted_at",
  "captured_at",
  "user_agent",
  "ip",
  "form_id",
] as const satisfies readonly Key[];

const CONSENT_VALUE_SET: ReadonlySet<unknown> = new Set<ConsentValue>(["granted", "denied", "unspecified"]);

function isConsentValue(value: unknown): value is ConsentValue {
  return CONSENT_VALUE_SET.has(value);
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function consentOf(value: unknown): AdConsent | null {
  if (!isRecord(value)) return null;
  const consent: AdConsent = {};
  if (isConsentValue(value.ad_user_data)) consent.ad_user_data = value.ad_user_data;
  if (isConsentValue(value.ad_personalization)) consent.ad_personalization = value.ad_personalization;
  return consent;
}

/**
 * An attribution the API answers as an open object (a lead's `attribution` and `last_touch`, a
 * touch's, a submission's, a timeline entry's) read as the document's Attribution: its text fields
 * and its consent, anything else left out.
 */
export function readAttribution(raw: Readonly<Record<string, unknown>> | null | undefined): TouchAttribution {
  const attribution: TouchAttribution = {};
  if (!raw) return attribution;
  for (const key of ATTRIBUTION_KEYS) {
    const value = raw[key];
    if (typeof value === "string" || value === null) attribution[key] = value;
  }
  const consent = consentOf(raw.consent);
  if (consent) attribution.consent = consent;
  return attribution;
}

/** The attribution fields a lead page shows, grouped, with their labels. */
export const ATTRIBUTION_GROUPS: readonly { title: string; fields: readonly [Key, string][] }[] = [
  {
    title: "Click ids",
    fields: [
      ["gclid", "Google click id (gclid)"],
      ["gbraid", "Google gbraid"],
      ["wbraid", "Google wbraid"],
      ["fbclid", "Meta click id (fbclid)"],
      ["fbc", "Meta browser click (fbc)"],
      ["fbp", "Meta browser id (fbp)"],
      ["msclkid", "Microsoft click id (msclkid)"],
      ["ttclid", "TikTok click id (ttclid)"],
      ["li_fat_id", "LinkedIn click id (li_fat_id)"],
    ],
  },
  {
    title: "Campaign (UTM)",
    fields: [
      ["utm_source", "UTM source"],
      ["utm_medium", "UTM medium"],
      ["utm_campaign", "UTM campaign"],
      ["utm_term", "UTM term"],
      ["utm_content", "UTM content"],
      ["utm_id", "UTM id"],
    ],
  },
  {
    title: "Visit",
    fields: [
      ["landing_page", "Landing page"],
      ["page_url", "Form sent from"],
      ["referrer", "Referrer"],
      ["first_seen_at", "Ad click first seen"],
      ["submitted_at", "Submitted at"],
      ["captured_at", "Captured at"],
      ["user_agent", "User agent"],
      ["ip", "IP address"],
    ],
  },
];

/** Values that are times (ISO 8601), shown as dates. */
export const TIME_KEYS: ReadonlySet<Key> = new Set(["first_seen_at", "submitted_at", "captured_at"]);

export function attributionGroups(attribution: TouchAttribution) {
  return ATTRIBUTION_GROUPS.map((group) => ({
    title: group.title,
    fields: group.fields
      .filter(([key]) => Boolean(attribution[key]))
      .map(([key, label]) => ({ key, label, value: attribution[key]!, time: TIME_KEYS.has(key) })),
  })).filter((group) => group.fields.length > 0);
}

const CONSENT_LABELS: Record<AdConsentSignal, string> = {
  ad_user_data: "Ad user data",
  ad_personalization: "Ad personalisation",
};
const CONSENT_VALUES: Record<ConsentValue, string> = { granted: "Granted", denied: "Denied", unspecified: "Not asked" };

/** The visitor's consent for ad data use that a form submission recorded; none for other leads. */
export function consentRows(attribution: TouchAttribution): { key: AdConsentSignal; label: string; value: string }[] {
  const consent = attribution.consent;
  if (!consent) return [];
  return (Object.keys(CONSENT_LABELS) as AdConsentSignal[]).map((key) => {
    const value = consent[key];
    return { key, label: CONSENT_LABELS[key], value: (value ? CONSENT_VALUES[value] : undefined) ?? value ?? CONSENT_VALUES.unspecified };
  });
}

/**
 * A lead's first touch (`attribution`) and, when a later submission reached it with another visit,
 * its last touch; `visits` counts the form submissions behind them.
 */
export function leadTouches(lead: Pick<LeadDetail, "attribution" | "last_touch" | "touch_count">) {
  const first = lead.attribution;
  const last = lead.last_touch && Object.keys(lead.last_touch).length > 0 ? lead.last_touch : null;
  const distinct = last !== null && (lead.touch_count ?? 0) > 1 && JSON.stringify(last) !== JSON.stringify(first);
  return {
    first: Object.keys(first).length > 0 ? readAttribution(first) : null,
    last: distinct ? readAttribution(last) : null,
    visits: lead.touch_count ?? 0,
  };
}
