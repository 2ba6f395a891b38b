import { lazy, Suspense, type ComponentType } from "react";
import type { RouteObject } from "react-router";
import { Spinner } from "../../components/ui";
import { ReportsIndexPage } from "./ReportsIndexPage";

// The report pages load with their charts library when first opened, not with the rest of the app.
function later<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  const Page = lazy<ComponentType>(() => load().then((module) => ({ default: module[name] })));
  return (
    <Suspense fallback={<Spinner label="Loading the report" />}>
      <Page />
    </Suspense>
  );
}

export const analyticsRoutes: RouteObject[] = [
  { path: "/reports", element: <ReportsIndexPage /> },
  { path: "/reports/revenue", element: later(() => import("./RevenuePage"), "RevenuePage") },
  { path: "/reports/funnel", element: later(() => import("./FunnelPage"), "FunnelPage") },
  { path: "/reports/velocity", element: later(() => import("./VelocityPage"), "VelocityPage") },
  { path: "/reports/revenue-over-time", element: later(() => import("./OverTimePage"), "OverTimePage") },
  { path: "/reports/agents", element: later(() => import("./AgentsPage"), "AgentsPage") },
  { path: "/reports/conversions", element: later(() => import("./ConversionsHealthPage"), "ConversionsHealthPage") },
];
