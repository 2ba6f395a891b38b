// How the API client answers the access check's 401s (convertly/platform/access.py) that the team's
// changes cause: a role change is carried on with new tokens, a deactivation or a sign-out everywhere
// ends the session with the API's reason (the login page shows it).

import { describe, expect, it } from "vitest";
import { ApiClient, MemorySessionStore, type Session } from "../../api/client";

type Reply = { status: number; body?: unknown };

const NOW = 1_800_000_000_000;
const stored = (): Session => ({ idToken: "id-1", accessToken: "a-1", refreshToken: "refresh-1", expiresAt: NOW + 3600_000 });
const tokens = (id: string) => ({ id_token: id, access_token: `a-${id}`, refresh_token: null, expires_in: 3600 });
const refused = (code: string, message: string): Reply => ({ status: 401, body: { error: { code, message, fields: {} } } });
const REFRESH_REFUSED = refused("invalid_refresh", "The session has ended: log in again");

function client(replies: Reply[]) {
  const calls: string[] = [];
  const store = new MemorySessionStore(stored());
  let ended = 0;
  const api = new ApiClient({
    baseUrl: "http://api.test",
    store,
    now: () => NOW,
    sleep: async () => undefined,
    onSessionEnded: () => (ended += 1),
    fetch: (async (url: RequestInfo | URL, init?: RequestInit) => {
      calls.push(`${init?.method ?? "GET"} ${String(url).replace("http://api.test", "")}`);
      const reply = replies.shift();
      if (!reply) throw new Error(`no reply for ${String(url)}`);
      return new Response(reply.body === undefined ? "" : JSON.stringify(reply.body), { status: reply.status });
    }) as typeof fetch,
  });
  return { api, calls, store, ended: () => ended };
}

describe("a role changed by an Admin", () => {
  it("is carried on: one refresh, the request again with the new token, and the listeners told", async () => {
    const { api, calls, store, ended } = client([
      refused("role_changed", "Your role has changed: refresh your session"),
      { status: 200, body: tokens("id-2") },
      { status: 200, body: { items: [] } },
    ]);
    const refreshed: string[] = [];
    const stop = api.onRefresh((session) => refreshed.push(session.idToken));
    await expect(api.get("/leads")).resolves.toEqual({ items: [] });
    expect(calls).toEqual(["GET /leads", "POST /auth/refresh", "GET /leads"]);
    expect(store.get()?.idToken).toBe("id-2");
    expect(refreshed).toEqual(["id-2"]);
    expect(ended()).toBe(0);
    stop();
  });

  it("stops telling a listener that left", async () => {
    const { api } = client([refused("role_changed", "x"), { status: 200, body: tokens("id-2") }, { status: 200, body: {} }]);
    const refreshed: string[] = [];
    api.onRefresh((session) => refreshed.push(session.idToken))();
    await api.get("/me");
    expect(refreshed).toEqual([]);
  });
});

describe("a session the API ended", () => {
  it("ends with the deactivation's reason when the refresh is refused", async () => {
    const { api, store, ended } = client([refused("account_deactivated", "Your account has been deactivated: ask your Admin"), REFRESH_REFUSED]);
    await expect(api.get("/me")).rejects.toMatchObject({ code: "invalid_refresh" });
    expect(store.get()).toBeNull();
    expect(ended()).toBe(1);
    expect(api.endedWith).toMatchObject({ code: "account_deactivated", message: "Your account has been deactivated: ask your Admin" });
  });

  it("ends with the sign-out's reason", async () => {
    const { api } = client([refused("session_ended", "You were signed out everywhere: log in again"), REFRESH_REFUSED]);
    await expect(api.get("/me")).rejects.toMatchObject({ code: "invalid_refresh" });
    expect(api.endedWith?.message).toBe("You were signed out everywhere: log in again");
  });

  it("says only that it ended when the token had merely expired", async () => {
    const { api } = client([refused("token_expired", "The session has expired: log in again"), REFRESH_REFUSED]);
    await expect(api.get("/me")).rejects.toMatchObject({ code: "invalid_refresh" });
    expect(api.endedWith).toMatchObject({ code: "invalid_refresh", message: "The session has ended: log in again" });
  });

  it("ends when the fresh tokens are refused as well", async () => {
    const deactivated = refused("account_deactivated", "Your account has been deactivated: ask your Admin");
    const { api, calls, store, ended } = client([deactivated, { status: 200, body: tokens("id-2") }, deactivated]);
    await expect(api.get("/me")).rejects.toMatchObject({ code: "account_deactivated" });
    expect(calls).toEqual(["GET /me", "POST /auth/refresh", "GET /me"]);
    expect(store.get()).toBeNull();
    expect(ended()).toBe(1);
    expect(api.endedWith?.code).toBe("account_deactivated");
  });

  it("does not end on a 403: the session is good, the role may not do this", async () => {
    const { api, calls, store } = client([{ status: 403, body: { error: { code: "forbidden", message: "No" } } }]);
    await expect(api.get("/team")).rejects.toMatchObject({ status: 403 });
    expect(calls).toEqual(["GET /team"]);
    expect(store.get()).not.toBeNull();
  });
});
