// The accounts API's shapes: sign-up, login, password reset, the signed-in profile and users.

import type { Tokens } from "../../api/client";
import type { Schemas } from "../../api/contract";

export type { Tokens };

export type Role = Schemas["Role"];
export type SignUpRequest = Schemas["SignUp"];
export type LoginRequest = Schemas["Login"];
/** What login answers instead of tokens for an invited person's first sign-in (the temporary password). */
export type PasswordChallenge = Schemas["PasswordChallenge"];
/** POST /auth/password/new: the challenge's session and the person's own password. */
export type NewPasswordRequest = Schemas["NewPassword"];
export type LogoutRequest = Schemas["Logout"];
export type ForgotPasswordRequest = Schemas["ForgotPassword"];
export type ConfirmPasswordRequest = Schemas["ConfirmPassword"];

export type User = Schemas["User"];
export type UserList = Schemas["UserList"];
export type Tenant = Schemas["Tenant"];
/** GET /me; `billing` is the tenant's plan, status, features and billing banner (null for the
 * platform and for tenants from before billing). */
export type Profile = Schemas["Profile"];
/** POST /auth/signup: the new tenant and its Admin's tokens. */
export type SignUpResponse = Schemas["SignedUp"];
/** A message-only answer (password reset). */
export type MessageResponse = Schemas["Message"];
