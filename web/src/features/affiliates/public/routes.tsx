import type { RouteObject } from "react-router";
import { PartnersPage } from "./PartnersPage";
import { ReferralLinkPage } from "./ReferralLinkPage";

/** The affiliate program's public pages: applying to become a partner, and a partner's referral link. */
export const affiliatePublicRoutes: RouteObject[] = [
  { path: "/partners", element: <PartnersPage /> },
  { path: "/r/:code", element: <ReferralLinkPage /> },
];
