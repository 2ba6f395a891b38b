import { Navigate, type RouteObject } from "react-router";
import { useProfile } from "./auth/AuthProvider";
import { SignedInLayout } from "./layout/AppShell";
import { LoginPage } from "./pages/auth/LoginPage";
import { BillingPage } from "./pages/billing/BillingPage";
import { ForgotPasswordPage, ResetPasswordPage } from "./pages/auth/PasswordResetPages";
import { SignupPage } from "./pages/auth/SignupPage";
import { ConversionsPage } from "./pages/conversions/ConversionsPage";
import { DashboardPage } from "./pages/DashboardPage";
import { FollowUpQueuePage } from "./pages/followups/FollowUpQueuePage";
import { EditFormPage, NewFormPage } from "./pages/forms/FormBuilderPage";
import { FormsListPage } from "./pages/forms/FormsListPage";
import { SubmissionsPage } from "./pages/forms/SubmissionsPage";
import { DeletedLeadsPage } from "./pages/leads/DeletedLeadsPage";
import { LeadDetailPage } from "./pages/leads/LeadDetailPage";
import { EditLeadPage, NewLeadPage } from "./pages/leads/LeadFormPage";
import { LeadListPage } from "./pages/leads/LeadListPage";
import { NotFoundPage } from "./pages/NoAccessPage";
import { PipelinePage } from "./pages/pipeline/PipelinePage";
import { NotificationPreferencesPage } from "./pages/preferences/NotificationPreferencesPage";
import { AffiliateDashboardPage, PlatformConsolePage } from "./pages/portals/PortalPages";
import { AdPlatformsPage } from "./pages/settings/AdPlatformsPage";
import { EmailSettingsPage } from "./pages/settings/email/EmailSettingsPage";
import { PipelinesSettingsPage } from "./pages/settings/pipelines/PipelinesSettingsPage";
import { SettingsHome, SettingsLayout } from "./pages/settings/SettingsLayout";
import { TasksPage } from "./pages/tasks/TasksPage";

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
      { path: "/pipeline", element: <PipelinePage /> },
      { path: "/leads", element: <LeadListPage /> },
      { path: "/leads/new", element: <NewLeadPage /> },
      { path: "/leads/deleted", element: <DeletedLeadsPage /> },
      { path: "/leads/:leadId", element: <LeadDetailPage /> },
      { path: "/leads/:leadId/edit", element: <EditLeadPage /> },
      { path: "/conversions", element: <ConversionsPage /> },
      { path: "/followups", element: <FollowUpQueuePage /> },
      { path: "/tasks", element: <TasksPage /> },
      { path: "/tasks/:taskId", element: <TasksPage /> },
      { path: "/forms", element: <FormsListPage /> },
      { path: "/forms/new", element: <NewFormPage /> },
      { path: "/forms/:formId", element: <EditFormPage /> },
      { path: "/forms/:formId/submissions", element: <SubmissionsPage /> },
      {
        // One child per Settings sub-page (SETTINGS_PAGES in auth/permissions.ts names its tab and permission).
        path: "/settings",
        element: <SettingsLayout />,
        children: [
          { index: true, element: <SettingsHome /> },
          { path: "ad-platforms", element: <AdPlatformsPage /> },
          { path: "pipelines", element: <PipelinesSettingsPage /> },
          { path: "email", element: <EmailSettingsPage /> },
          { path: "notifications", element: <NotificationPreferencesPage /> },
        ],
      },
      { path: "/billing", element: <BillingPage /> },
      { path: "/affiliate/dashboard", element: <AffiliateDashboardPage /> },
      { path: "/platform", element: <PlatformConsolePage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];
