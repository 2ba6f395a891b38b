import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { sessionFrom, type SessionStore } from "../api/client";
import { useAccountsApi } from "../features/accounts/api";
import type { Profile, SignUpRequest, Tokens } from "../features/accounts/types";
import { Grants } from "./permissions";

export const ME_KEY = ["me"] as const;

/** Why there is no session: the user logged out, or the API client could not refresh it. */
export type SessionEnd = "logout" | "expired" | null;

interface AuthState {
  signedIn: boolean;
  endedBy: SessionEnd;
  profile: Profile | undefined;
  grants: Grants;
  profileError: unknown;
  profileLoading: boolean;
  reloadProfile: () => void;
  login: (email: string, password: string) => Promise<Profile>;
  signUp: (request: SignUpRequest) => Promise<Profile>;
  logout: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

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
  const queryClient = useQueryClient();
  const [signedIn, setSignedIn] = useState(() => store.get() !== null);
  const [endedBy, setEndedBy] = useState<SessionEnd>(null);

  const profileQuery = useQuery({ queryKey: ME_KEY, queryFn: api.me, enabled: signedIn, staleTime: 5 * 60_000 });

  const signOut = useCallback(() => {
    store.set(null);
    setSignedIn(false);
    queryClient.clear();
  }, [store, queryClient]);

  const logout = useCallback(() => {
    setEndedBy("logout");
    signOut();
  }, [signOut]);

  useEffect(() => {
    const ended = () => {
      setEndedBy("expired");
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
    return () => {
      sessionEnded.removeEventListener("ended", ended);
      window.removeEventListener("storage", storage);
    };
  }, [sessionEnded, signOut, store]);

  const start = useCallback(
    async (tokens: Tokens) => {
      queryClient.clear();
      store.set(sessionFrom(tokens, Date.now()));
      try {
        const profile = await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: api.me });
        setEndedBy(null);
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
    async (email: string, password: string) => start(await api.login(email, password)),
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
      profile: signedIn ? profileQuery.data : undefined,
      grants: new Grants(signedIn ? (profileQuery.data?.permissions ?? []) : []),
      profileError: profileQuery.error,
      profileLoading: signedIn && profileQuery.isPending,
      reloadProfile: () => void profileQuery.refetch(),
      login,
      signUp,
      logout,
    }),
    [signedIn, endedBy, profileQuery, login, signUp, logout],
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
