import type { RouteObject } from "react-router";
import { ManualActionsPage } from "./ManualActionsPage";

export const manualActionsRoutes: RouteObject[] = [{ path: "/manual-actions", element: <ManualActionsPage /> }];
