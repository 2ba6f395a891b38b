import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { sessionFrom, type SessionStore } from "../api/client";
import { toast } from "../components/toasts";
import { useServices } from "../context";
import { useAccountsApi } from "../features/accounts/api";
import type { PasswordChallenge, Profile, SignUpRequest, Tokens } from "../features/accounts/types";
import { setDisplayLocale } from "../lib/format";
import { Grants } from "./permissions";

export const ME_KEY = ["me"] as const;

/**
 * Why there is no session: the user logged out, the API client could not refresh it (expired,
 * deactivated, signed out elsewhere), or the user signed out of every session.
 */
export type SessionEnd = "logout" | "expired" | "signed_out_everywhere" | null;

/** A login's outcome: signed in, or an invited person's first sign-in, who chooses a password first. */
export type LoginOutcome = { kind: "signed_in"; profile: Profile } | { kind: "new_password"; session: string };

interface AuthState {
  signedIn: boolean;
  endedBy: SessionEnd;
  /** What to tell the user about the end of their session (the API's reason), when there is one. */
  endMessage: string | null;
  profile: Profile | undefined;
  grants: Grants;
  profileError: unknown;
  profileLoading: boolean;
  reloadProfile: () => void;
  login: (email: string, password: string) => Promise<LoginOutcome>;
  /** The answer to the NEW_PASSWORD_REQUIRED challenge; signs in as a login does. */
  completeNewPassword: (email: string, session: string, password: string) => Promise<Profile>;
  signUp: (request: SignUpRequest) => Promise<Profile>;
  /** Ends the session on the API (best effort), then here. */
  logout: () => Promise<void>;
  /** Forgets a session the API has already ended (sign out everywhere), with what to tell the user. */
  endSession: (message: string) => void;
}

const AuthContext = createContext<AuthState | null>(null);

function isChallenge(answer: Tokens | PasswordChallenge): answer is PasswordChallenge {
  return "challenge" in answer && answer.challenge === "NEW_PASSWORD_REQUIRED";
}

export function AuthProvider({
  store,
  sessionEnded,
  children,
}: {
  store: SessionStore;
  /** Fires when the API client gives up on the session (refresh refused). */
  sessionEnded: EventTarget;
  children: ReactNode;
}) {
  const api = useAccountsApi();
  const { client } = useServices();
  const queryClient = useQueryClient();
  const [signedIn, setSignedIn] = useState(() => store.get() !== null);
  const [endedBy, setEndedBy] = useState<SessionEnd>(null);
  const [endMessage, setEndMessage] = useState<string | null>(null);

  const profileQuery = useQuery({ queryKey: ME_KEY, queryFn: api.me, enabled: signedIn, staleTime: 5 * 60_000 });
  // The account's number and date format, set as the profile arrives and before the pages below render
  // with it (an effect would run after them, and they would keep the browser's format until they render
  // again). Setting the same value again is harmless.
  setDisplayLocale(signedIn ? profileQuery.data?.tenant?.locale : null);

  const signOut = useCallback(() => {
    store.set(null);
    setSignedIn(false);
    queryClient.clear();
  }, [store, queryClient]);

  const logout = useCallback(async () => {
    const session = store.get();
    if (session?.refreshToken) {
      try {
        await api.logout(session.refreshToken);
      } catch {
        // Best effort: the session ends here whatever the API answered.
      }
    }
    setEndedBy("logout");
    setEndMessage(null);
    signOut();
  }, [api, signOut, store]);

  const endSession = useCallback(
    (message: string) => {
      setEndedBy("signed_out_everywhere");
      setEndMessage(message);
      signOut();
    },
    [signOut],
  );

  useEffect(() => {
    const ended = () => {
      setEndedBy("expired");
      setEndMessage(client.endedWith?.message ?? null);
      signOut();
    };
    sessionEnded.addEventListener("ended", ended);
    // Logging out in one tab logs out the others.
    const storage = (event: StorageEvent) => {
      if (event.key === null || event.key.startsWith("convertly.session")) {
        if (store.get() === null) signOut();
        else setSignedIn(true);
      }
    };
    window.addEventListener("storage", storage);
    // New tokens may carry another role (an Admin changed it): read the profile, hence the menus, again.
    const refreshed = client.onRefresh(() => void queryClient.invalidateQueries({ queryKey: ME_KEY }));
    return () => {
      sessionEnded.removeEventListener("ended", ended);
      window.removeEventListener("storage", storage);
      refreshed();
    };
  }, [sessionEnded, signOut, store, client, queryClient]);

  // When the role changed under a signed-in user, everything read under the old one is read again.
  const role = signedIn ? profileQuery.data?.user.role : undefined;
  const previousRole = useRef<string | undefined>(undefined);
  useEffect(() => {
    const before = previousRole.current;
    previousRole.current = role;
    if (before && role && before !== role) {
      toast.info(`Your role is now ${role}`);
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
    }
  }, [role, queryClient]);

  const start = useCallback(
    async (tokens: Tokens) => {
      queryClient.clear();
      previousRole.current = undefined;
      store.set(sessionFrom(tokens, Date.now()));
      try {
        const profile = await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: api.me });
        setEndedBy(null);
        setEndMessage(null);
        setSignedIn(true);
        return profile;
      } catch (error) {
        store.set(null);
        throw error;
      }
    },
    [api, queryClient, store],
  );

  const login = useCallback(
    async (email: string, password: string): Promise<LoginOutcome> => {
      const answer = await api.login(email, password);
      if (isChallenge(answer)) return { kind: "new_password", session: answer.session };
      return { kind: "signed_in", profile: await start(answer) };
    },
    [api, start],
  );
  const completeNewPassword = useCallback(
    async (email: string, session: string, password: string) =>
      start(await api.completeNewPassword({ email, session, password })),
    [api, start],
  );
  const signUp = useCallback(
    async (request: SignUpRequest) => start((await api.signUp(request)).tokens),
    [api, start],
  );

  const value = useMemo<AuthState>(
    () => ({
      signedIn,
      endedBy,
      endMessage,
      profile: signedIn ? profileQuery.data : undefined,
      grants: new Grants(signedIn ? (profileQuery.data?.permissions ?? []) : []),
      profileError: profileQuery.error,
      profileLoading: signedIn && profileQuery.isPending,
      reloadProfile: () => void profileQuery.refetch(),
      login,
      completeNewPassword,
      signUp,
      logout,
      endSession,
    }),
    [signedIn, endedBy, endMessage, profileQuery, login, completeNewPassword, signUp, logout, endSession],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth outside AuthProvider");
  return auth;
}

/** The signed-in profile; only for pages under the signed-in shell, which waits for it. */
export function useProfile(): Profile {
  const { profile } = useAuth();
  if (!profile) throw new Error("useProfile before the profile loaded");
  return profile;
}
