import type { RouteObject } from "react-router";
import { AuditLogPage } from "./AuditLogPage";

/** Children of /settings (the tab is in nav.ts). */
export const auditSettingsRoutes: RouteObject[] = [{ path: "audit-log", element: <AuditLogPage /> }];
