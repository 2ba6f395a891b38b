import type { RouteObject } from "react-router";

/** The affiliate program's public pages: applying to become a partner, and a partner's referral link. */
export const affiliatePublicRoutes: RouteObject[] = [];
