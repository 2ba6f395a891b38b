// The accounts operations: sign-up, login, password reset, the signed-in profile and the users.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type {
  ConfirmPasswordRequest,
  ForgotPasswordRequest,
  LoginRequest,
  MessageResponse,
  Profile,
  SignUpRequest,
  SignUpResponse,
  Tokens,
  UserList,
} from "./types";

export function accountsApi(client: ApiClient) {
  return {
    signUp: (body: SignUpRequest) => client.post<SignUpResponse>("/auth/signup", body, { auth: false }),
    login: (email: string, password: string) =>
      client.post<Tokens>("/auth/login", { email, password } satisfies LoginRequest, { auth: false }),
    forgotPassword: (email: string) =>
      client.post<MessageResponse>("/auth/password/forgot", { email } satisfies ForgotPasswordRequest, { auth: false }),
    confirmPassword: (email: string, code: string, password: string) =>
      client.post<MessageResponse>(
        "/auth/password/confirm",
        { email, code, password } satisfies ConfirmPasswordRequest,
        { auth: false },
      ),
    me: () => client.get<Profile>("/me"),
    users: () => client.get<UserList>("/users").then((page) => page.items),
  };
}

export type AccountsApi = ReturnType<typeof accountsApi>;
export const useAccountsApi = apiHook(accountsApi);
