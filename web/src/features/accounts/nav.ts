import type { FeatureNav } from "../../auth/permissions";

// Login, sign-up and password reset need no permission and have no sidebar entry. The partner portal's
// entries are in features/affiliates/portal/nav.ts, the platform console's in features/console/nav.ts.
export const accountsNav: FeatureNav = { nav: [], pages: [] };
