import type { RouteObject } from "react-router";
import { DeletedLeadsPage } from "./DeletedLeadsPage";
import { LeadDetailPage } from "./LeadDetailPage";
import { EditLeadPage, NewLeadPage } from "./LeadFormPage";
import { LeadListPage } from "./LeadListPage";

export const leadsRoutes: RouteObject[] = [
  { path: "/leads", element: <LeadListPage /> },
  { path: "/leads/new", element: <NewLeadPage /> },
  { path: "/leads/deleted", element: <DeletedLeadsPage /> },
  { path: "/leads/:leadId", element: <LeadDetailPage /> },
  { path: "/leads/:leadId/edit", element: <EditLeadPage /> },
];
