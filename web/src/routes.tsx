import { Navigate, type RouteObject } from "react-router";
import { useProfile } from "./auth/AuthProvider";
import { accountsPublicRoutes, accountsRoutes, notFoundRoute } from "./features/accounts/routes";
import { affiliatePortalRoutes } from "./features/affiliates/portal/routes";
import { affiliatePublicRoutes } from "./features/affiliates/public/routes";
import { analyticsRoutes } from "./features/analytics/routes";
import { auditSettingsRoutes } from "./features/audit/routes";
import { askRoutes } from "./features/ai/ask/routes";
import { aiSettingsRoutes } from "./features/ai/routes";
import { automationSettingsRoutes } from "./features/automation/routes";
import { billingRoutes } from "./features/billing/routes";
import { captureRoutes } from "./features/capture/routes";
import { consoleRoutes } from "./features/console/routes";
import { contactsRoutes, contactsSettingsRoutes } from "./features/contacts/routes";
import { conversionsRoutes, conversionsSettingsRoutes } from "./features/conversions/routes";
import { dashboardRoutes } from "./features/dashboard/routes";
import { fieldsSettingsRoutes } from "./features/fields/routes";
import { bulkSettingsRoutes } from "./features/bulk/routes";
import { importsSettingsRoutes } from "./features/imports/routes";
import { leadsRoutes } from "./features/leads/routes";
import { manualActionsRoutes } from "./features/manualActions/routes";
import { mediaSettingsRoutes } from "./features/media/routes";
import { messagingPublicRoutes, messagingSettingsRoutes } from "./features/messaging/routes";
import { notificationsSettingsRoutes } from "./features/notifications/routes";
import { pipelinesRoutes, pipelinesSettingsRoutes } from "./features/pipelines/routes";
import { teamRoutes, teamSettingsRoutes } from "./features/team/routes";
import { workRoutes } from "./features/work/routes";
import { SignedInLayout } from "./layout/AppShell";
import { RouteFrame } from "./layout/RouteFrame";
import { SettingsHome, SettingsLayout } from "./layout/SettingsLayout";

function PortalHome() {
  return <Navigate to={useProfile().portal} replace />;
}

// Each feature's routes.tsx names its pages; which role may open which page is in its nav.ts
// (navigation.ts puts them together), and the shell checks it. RouteFrame, around them all, keeps the
// document title on each screen's heading and moves focus there after a route change.
const screens: RouteObject[] = [
  ...accountsPublicRoutes,
  ...affiliatePublicRoutes,
  ...messagingPublicRoutes,
  {
    element: <SignedInLayout />,
    children: [
      { index: true, element: <PortalHome /> },
      ...dashboardRoutes,
      ...analyticsRoutes,
      ...askRoutes,
      ...pipelinesRoutes,
      ...leadsRoutes,
      ...contactsRoutes,
      ...conversionsRoutes,
      ...workRoutes,
      ...manualActionsRoutes,
      ...captureRoutes,
      {
        // One child per Settings sub-page (SETTINGS_PAGES in navigation.ts names its tab and permission).
        path: "/settings",
        element: <SettingsLayout />,
        children: [
          { index: true, element: <SettingsHome /> },
          ...conversionsSettingsRoutes,
          ...pipelinesSettingsRoutes,
          ...contactsSettingsRoutes,
          ...fieldsSettingsRoutes,
          ...notificationsSettingsRoutes,
          ...messagingSettingsRoutes,
          ...mediaSettingsRoutes,
          ...automationSettingsRoutes,
          ...aiSettingsRoutes,
          ...teamSettingsRoutes,
          ...importsSettingsRoutes,
          ...bulkSettingsRoutes,
          ...auditSettingsRoutes,
        ],
      },
      ...billingRoutes,
      ...teamRoutes,
      ...accountsRoutes,
      ...affiliatePortalRoutes,
      ...consoleRoutes,
      notFoundRoute,
    ],
  },
];

export const routes: RouteObject[] = [{ element: <RouteFrame />, children: screens }];
