import type { RouteObject } from "react-router";
import { LoginPage } from "./LoginPage";
import { NotFoundPage } from "./NoAccessPage";
import { ForgotPasswordPage, ResetPasswordPage } from "./PasswordResetPages";
import { AffiliateDashboardPage } from "./PortalPages";
import { SignupPage } from "./SignupPage";

/** The pages before signing in. */
export const accountsPublicRoutes: RouteObject[] = [
  { path: "/login", element: <LoginPage /> },
  { path: "/signup", element: <SignupPage /> },
  { path: "/forgot-password", element: <ForgotPasswordPage /> },
  { path: "/reset-password", element: <ResetPasswordPage /> },
];

/** The affiliate portal (the platform console is features/console). */
export const accountsRoutes: RouteObject[] = [
  { path: "/affiliate/dashboard", element: <AffiliateDashboardPage /> },
];

/** A signed-in path that is no page. */
export const notFoundRoute: RouteObject = { path: "*", element: <NotFoundPage /> };
