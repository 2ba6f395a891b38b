// The accounts operations: sign-up, login (and an invited person's first password), log out, password
// reset, the signed-in profile and the users.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type {
  ConfirmPasswordRequest,
  ForgotPasswordRequest,
  LoginRequest,
  LogoutRequest,
  MessageResponse,
  NewPasswordRequest,
  PasswordChallenge,
  Profile,
  SignUpRequest,
  SignUpResponse,
  Tokens,
  UserList,
} from "./types";

export function accountsApi(client: ApiClient) {
  return {
    signUp: (body: SignUpRequest) => client.post<SignUpResponse>("/auth/signup", body, { auth: false }),
    /** Tokens, or the NEW_PASSWORD_REQUIRED challenge of an invited person's first sign-in. */
    login: (email: string, password: string) =>
      client.post<Tokens | PasswordChallenge>("/auth/login", { email, password } satisfies LoginRequest, { auth: false }),
    /** The answer to the challenge: the person's own password, and their first tokens. */
    completeNewPassword: (body: NewPasswordRequest) => client.post<Tokens>("/auth/password/new", body, { auth: false }),
    /** Ends this session on the API: the refresh token is revoked, the ID token refused from the next request. */
    logout: (refreshToken: string) =>
      client.post<MessageResponse>("/auth/logout", { refresh_token: refreshToken } satisfies LogoutRequest),
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
