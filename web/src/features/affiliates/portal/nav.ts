import type { FeatureNav } from "../../../auth/permissions";

// The partner portal (the Affiliate role): its sidebar entries and what each page needs.
export const affiliatePortalNav: FeatureNav = { nav: [], pages: [] };
