import { describe, expect, it } from "vitest";
import { ApiClient, buildUrl, MemorySessionStore, sessionFrom, type Session } from "./client";
import { ApiError } from "./errors";

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

type Reply = { status: number; body?: unknown } | "network-error";

/** A fetch that answers from a script and records each request. */
function fakeFetch(replies: Reply[] | ((call: Call) => Reply)) {
  const calls: Call[] = [];
  const fetch = async (url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const call: Call = {
      url: String(url),
      method: init?.method ?? "GET",
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const reply = Array.isArray(replies) ? replies.shift() : replies(call);
    if (!reply) throw new Error(`no reply scripted for ${call.method} ${call.url}`);
    if (reply === "network-error") throw new TypeError("Failed to fetch");
    return new Response(reply.body === undefined ? "" : JSON.stringify(reply.body), { status: reply.status });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const NOW = 1_800_000_000_000;
const session = (overrides: Partial<Session> = {}): Session => ({
  idToken: "id-1",
  accessToken: "access-1",
  refreshToken: "refresh-1",
  expiresAt: NOW + 3600_000,
  ...overrides,
});
const tokens = (id: string) => ({ id_token: id, access_token: `access-${id}`, refresh_token: null, expires_in: 3600 });
const expired = { status: 401, body: { error: { code: "token_expired", message: "The session has expired: log in again", fields: {} } } };

function client(replies: Reply[] | ((call: Call) => Reply), stored: Session | null = session(), extra = {}) {
  const { fetch, calls } = fakeFetch(replies);
  const store = new MemorySessionStore(stored);
  let ended = 0;
  const sleeps: number[] = [];
  const api = new ApiClient({
    baseUrl: "http://api.test/",
    store,
    fetch,
    now: () => NOW,
    sleep: async (ms) => void sleeps.push(ms),
    onSessionEnded: () => (ended += 1),
    ...extra,
  });
  return { api, calls, store, sleeps, ended: () => ended };
}

describe("requests", () => {
  it("sends the ID token as a bearer token", async () => {
    const { api, calls } = client([{ status: 200, body: { items: [] } }]);
    await expect(api.get("/leads", { q: "ana", stage_id: undefined, limit: 25 })).resolves.toEqual({ items: [] });
    expect(calls[0]!.url).toBe("http://api.test/leads?q=ana&limit=25");
    expect(calls[0]!.headers.Authorization).toBe("Bearer id-1");
  });

  it("sends no token to public routes", async () => {
    const { api, calls } = client([{ status: 200, body: tokens("x") }], null);
    await api.post("/auth/login", { email: "a@b.co", password: "pw" }, { auth: false });
    expect(calls[0]!.headers.Authorization).toBeUndefined();
    expect(calls[0]!.body).toEqual({ email: "a@b.co", password: "pw" });
  });

  it("turns an error answer into an ApiError with the API's fields", async () => {
    const { api } = client([
      { status: 422, body: { error: { code: "validation_error", message: "Some fields are not valid", fields: { email: "bad" } } } },
    ]);
    const error = await api.post("/leads", { email: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fields).toEqual({ email: "bad" });
  });

  it("refuses a user route without a session", async () => {
    const { api, calls } = client([], null);
    await expect(api.get("/me")).rejects.toMatchObject({ status: 401, code: "missing_token" });
    expect(calls).toHaveLength(0);
  });
});

describe("session refresh", () => {
  it("refreshes on a 401 and repeats the request with the new token", async () => {
    const { api, calls, store } = client([expired, { status: 200, body: tokens("id-2") }, { status: 200, body: { ok: true } }]);
    await expect(api.get("/me")).resolves.toEqual({ ok: true });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "GET http://api.test/me",
      "POST http://api.test/auth/refresh",
      "GET http://api.test/me",
    ]);
    expect(calls[1]!.body).toEqual({ refresh_token: "refresh-1" });
    expect(calls[2]!.headers.Authorization).toBe("Bearer id-2");
    // Cognito's refresh answer carries no refresh token: the old one stays.
    expect(store.get()).toMatchObject({ idToken: "id-2", refreshToken: "refresh-1", expiresAt: NOW + 3600_000 });
  });

  it("refreshes ahead of time when the token is about to expire", async () => {
    const { api, calls } = client(
      [{ status: 200, body: tokens("id-2") }, { status: 200, body: {} }],
      session({ expiresAt: NOW + 30_000 }),
    );
    await api.get("/me");
    expect(calls[0]!.url).toBe("http://api.test/auth/refresh");
    expect(calls[1]!.headers.Authorization).toBe("Bearer id-2");
  });

  it("shares one refresh among concurrent requests", async () => {
    let refreshes = 0;
    const { api } = client((call) => {
      if (call.url.endsWith("/auth/refresh")) {
        refreshes += 1;
        return { status: 200, body: tokens("id-2") };
      }
      return call.headers.Authorization === "Bearer id-2" ? { status: 200, body: {} } : expired;
    });
    await Promise.all([api.get("/a"), api.get("/b"), api.get("/c")]);
    expect(refreshes).toBe(1);
  });

  it("ends the session when the refresh is refused", async () => {
    const refused = { status: 401, body: { error: { code: "invalid_refresh", message: "The session has ended: log in again" } } };
    const { api, store, ended } = client([expired, refused]);
    await expect(api.get("/me")).rejects.toMatchObject({ code: "invalid_refresh" });
    expect(store.get()).toBeNull();
    expect(ended()).toBe(1);
  });

  it("does not refresh on a wrong password", async () => {
    const wrong = { status: 401, body: { error: { code: "invalid_credentials", message: "Wrong email or password" } } };
    const { api, calls } = client([wrong], null);
    await expect(api.post("/auth/login", {}, { auth: false })).rejects.toMatchObject({ message: "Wrong email or password" });
    expect(calls).toHaveLength(1);
  });
});

describe("retries", () => {
  it("retries a read after a network error or a gateway error, backing off", async () => {
    const { api, calls, sleeps } = client(["network-error", { status: 503 }, { status: 200, body: { ok: 1 } }]);
    await expect(api.get("/leads")).resolves.toEqual({ ok: 1 });
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([300, 600]);
  });

  it("gives up after the last attempt", async () => {
    const { api, calls } = client(["network-error", "network-error", "network-error"]);
    await expect(api.get("/leads")).rejects.toMatchObject({ code: "network_error", status: 0 });
    expect(calls).toHaveLength(3);
  });

  it("never repeats a write, which may have landed", async () => {
    const { api, calls } = client([{ status: 503 }]);
    await expect(api.post("/leads", { first_name: "A" })).rejects.toMatchObject({ status: 503 });
    expect(calls).toHaveLength(1);
  });

  it("does not retry an answer that will not change", async () => {
    const { api, calls } = client([{ status: 404, body: { error: { code: "lead_not_found", message: "No such lead" } } }]);
    await expect(api.get("/leads/x")).rejects.toMatchObject({ code: "lead_not_found" });
    expect(calls).toHaveLength(1);
  });
});

describe("helpers", () => {
  it("builds URLs without empty parameters", () => {
    expect(buildUrl("http://api.test/", "/leads", { q: "", deleted: true, cursor: null })).toBe("http://api.test/leads?deleted=true");
    expect(buildUrl("http://api.test", "/me")).toBe("http://api.test/me");
  });

  it("turns tokens into a session expiring after expires_in", () => {
    expect(sessionFrom(tokens("a"), 1000, "r")).toEqual({ idToken: "a", accessToken: "access-a", refreshToken: "r", expiresAt: 3_601_000 });
  });
});
