import type { RouteObject } from "react-router";
import { WorkflowsPage } from "./WorkflowsPage";
import { WorkflowBuilderPage } from "./WorkflowBuilderPage";
import { WebhooksSettingsPage } from "./WebhooksSettingsPage";

/** Children of /settings (the tab and the builder's permission are in nav.ts). */
export const automationSettingsRoutes: RouteObject[] = [
  { path: "automation", element: <WorkflowsPage /> },
  { path: "automation/webhooks", element: <WebhooksSettingsPage /> },
  { path: "automation/:workflowId", element: <WorkflowBuilderPage /> },
];
