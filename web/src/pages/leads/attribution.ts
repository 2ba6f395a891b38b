import type { Attribution } from "../../api/types";

type Key = keyof Attribution;

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
      ["referrer", "Referrer"],
      ["captured_at", "Captured at"],
    ],
  },
];

export function attributionGroups(attribution: Attribution) {
  return ATTRIBUTION_GROUPS.map((group) => ({
    title: group.title,
    fields: group.fields.filter(([key]) => Boolean(attribution[key])).map(([key, label]) => ({ key, label, value: attribution[key]! })),
  })).filter((group) => group.fields.length > 0);
}
