// The accounts API's shapes: sign-up, login, password reset, the signed-in profile and users.

import type { Tokens } from "../../api/client";
import type { Schemas } from "../../api/contract";
import type { BillingSummary } from "../billing/types";

export type { Tokens };

export type Role = Schemas["Role"];
export type SignUpRequest = Schemas["SignUp"];
export type LoginRequest = Schemas["Login"];
export type ForgotPasswordRequest = Schemas["ForgotPassword"];
export type ConfirmPasswordRequest = Schemas["ConfirmPassword"];

export interface User { // not yet in openapi.json
  user_id: string;
  email: string;
  name: string;
  role: Role;
  status: string;
  created_at: string;
}

export interface Tenant { // not yet in openapi.json
  tenant_id: string;
  name: string;
  currency: string;
  timezone: string;
}

export interface Profile { // not yet in openapi.json
  user: User;
  tenant: Tenant | null;
  permissions: string[];
  portal: string;
  /** The tenant's plan, status, features and billing banner (null for the platform and for tenants from before billing). */
  billing?: BillingSummary | null;
}

export interface SignUpResponse { // not yet in openapi.json
  tenant: Tenant;
  tokens: Tokens;
}

/** A message-only answer (password reset). */
export interface MessageResponse { // not yet in openapi.json
  message: string;
}
