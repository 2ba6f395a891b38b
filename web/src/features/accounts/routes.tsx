import type { RouteObject } from "react-router";
import { LoginPage } from "./LoginPage";
import { NotFoundPage } from "./NoAccessPage";
import { ForgotPasswordPage, ResetPasswordPage } from "./PasswordResetPages";
import { SignupPage } from "./SignupPage";

/** The pages before signing in. */
export const accountsPublicRoutes: RouteObject[] = [
  { path: "/login", element: <LoginPage /> },
  { path: "/signup", element: <SignupPage /> },
  { path: "/forgot-password", element: <ForgotPasswordPage /> },
  { path: "/reset-password", element: <ResetPasswordPage /> },
];

/**
 * Signed-in pages of this feature: none (the partner portal is features/affiliates/portal, the
 * platform console features/console).
 */
export const accountsRoutes: RouteObject[] = [];

/** A signed-in path that is no page. */
export const notFoundRoute: RouteObject = { path: "*", element: <NotFoundPage /> };
