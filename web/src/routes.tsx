import { Navigate, type RouteObject } from "react-router";
import { useProfile } from "./auth/AuthProvider";
import { SignedInLayout } from "./layout/AppShell";
import { LoginPage } from "./pages/auth/LoginPage";
import { ForgotPasswordPage, ResetPasswordPage } from "./pages/auth/PasswordResetPages";
import { SignupPage } from "./pages/auth/SignupPage";
import { DashboardPage } from "./pages/DashboardPage";
import { DeletedLeadsPage } from "./pages/leads/DeletedLeadsPage";
import { LeadDetailPage } from "./pages/leads/LeadDetailPage";
import { EditLeadPage, NewLeadPage } from "./pages/leads/LeadFormPage";
import { LeadListPage } from "./pages/leads/LeadListPage";
import { NotFoundPage } from "./pages/NoAccessPage";
import { AffiliateDashboardPage, PlatformConsolePage } from "./pages/portals/PortalPages";

function PortalHome() {
  return <Navigate to={useProfile().portal} replace />;
}

// Which role may open which page is in auth/permissions.ts (PAGE_PERMISSIONS); the shell checks it.
export const routes: RouteObject[] = [
  { path: "/login", element: <LoginPage /> },
  { path: "/signup", element: <SignupPage /> },
  { path: "/forgot-password", element: <ForgotPasswordPage /> },
  { path: "/reset-password", element: <ResetPasswordPage /> },
  {
    element: <SignedInLayout />,
    children: [
      { index: true, element: <PortalHome /> },
      { path: "/dashboard", element: <DashboardPage /> },
      { path: "/leads", element: <LeadListPage /> },
      { path: "/leads/new", element: <NewLeadPage /> },
      { path: "/leads/deleted", element: <DeletedLeadsPage /> },
      { path: "/leads/:leadId", element: <LeadDetailPage /> },
      { path: "/leads/:leadId/edit", element: <EditLeadPage /> },
      { path: "/affiliate/dashboard", element: <AffiliateDashboardPage /> },
      { path: "/platform", element: <PlatformConsolePage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];
