import type { RouteObject } from "react-router";
import { ManualActionDetailPage } from "./ActionPage";
import { ManualActionsPage } from "./ManualActionsPage";

export const manualActionsRoutes: RouteObject[] = [
  { path: "/manual-actions", element: <ManualActionsPage /> },
  { path: "/manual-actions/:actionId", element: <ManualActionDetailPage /> },
];
