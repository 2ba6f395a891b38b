import type { RouteObject } from "react-router";
import { AffiliatePage } from "./affiliates/AffiliatePage";
import { AffiliatesPage } from "./affiliates/AffiliatesPage";
import { ApplicationsPage } from "./affiliates/ApplicationsPage";
import { AssetsPage } from "./affiliates/AssetsPage";
import { LedgerPage } from "./affiliates/LedgerPage";
import { PayoutBatchPage } from "./affiliates/PayoutBatchPage";
import { PayoutsPage } from "./affiliates/PayoutsPage";
import { ProgramPage } from "./affiliates/ProgramPage";
import { ConsoleLayout } from "./ConsoleLayout";
import { PlatformAuditPage } from "./PlatformAuditPage";
import { PlatformUsersPage } from "./PlatformUsersPage";
import { TenantPage } from "./TenantPage";
import { TenantsPage } from "./TenantsPage";

/** The platform console, under the signed-in shell (what each page needs is in nav.ts). */
export const consoleRoutes: RouteObject[] = [
  {
    path: "/platform",
    element: <ConsoleLayout />,
    children: [
      { index: true, element: <TenantsPage /> },
      { path: "tenants/:tenantId", element: <TenantPage /> },
      { path: "users", element: <PlatformUsersPage /> },
      { path: "audit", element: <PlatformAuditPage /> },
      // The affiliate program (affiliates:read; its changes need affiliates:manage)
      { path: "affiliates", element: <AffiliatesPage /> },
      { path: "affiliates/:affiliateId", element: <AffiliatePage /> },
      { path: "affiliate-applications", element: <ApplicationsPage /> },
      { path: "affiliate-program", element: <ProgramPage /> },
      { path: "affiliate-ledger", element: <LedgerPage /> },
      { path: "affiliate-payouts", element: <PayoutsPage /> },
      { path: "affiliate-payouts/:batchId", element: <PayoutBatchPage /> },
      { path: "affiliate-assets", element: <AssetsPage /> },
    ],
  },
];
