import type { RouteObject } from "react-router";

/** The partner portal's pages (the Affiliate role), under the signed-in shell; what each needs is in nav.ts. */
export const affiliatePortalRoutes: RouteObject[] = [];
