import type { RouteObject } from "react-router";
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
    ],
  },
];
