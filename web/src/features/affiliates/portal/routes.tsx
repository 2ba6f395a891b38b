import type { RouteObject } from "react-router";
import { AssetsPage } from "./AssetsPage";
import { CommissionsPage } from "./CommissionsPage";
import { DashboardPage } from "./DashboardPage";
import { LinksPage } from "./LinksPage";
import { PayoutDetailPage, PayoutsPage } from "./PayoutsPage";
import { PayoutSettingsPage } from "./PayoutSettingsPage";
import { ReferralsPage } from "./ReferralsPage";

/** The partner portal's pages (the Affiliate role), under the signed-in shell; what each needs is in nav.ts. */
export const affiliatePortalRoutes: RouteObject[] = [
  { path: "/affiliate/dashboard", element: <DashboardPage /> },
  { path: "/affiliate/links", element: <LinksPage /> },
  { path: "/affiliate/referrals", element: <ReferralsPage /> },
  { path: "/affiliate/commissions", element: <CommissionsPage /> },
  { path: "/affiliate/payouts", element: <PayoutsPage /> },
  { path: "/affiliate/payouts/:payoutId", element: <PayoutDetailPage /> },
  { path: "/affiliate/settings", element: <PayoutSettingsPage /> },
  { path: "/affiliate/assets", element: <AssetsPage /> },
];
