import { afterEach, describe, expect, it } from "vitest";
import { ApiClient, MemorySessionStore, observeApiErrors, setSessionFallback, type Session } from "../../api/client";
import { ApiError } from "../../api/errors";
import type { ViewAs } from "./types";
import {
  ASIDE_KEY,
  bannerView,
  beginView,
  endMessage,
  forgetStaleAside,
  landingFor,
  leaveNotice,
  msUntil,
  readAside,
  restoreOwn,
  returnPathFor,
  takeNotice,
  viewFallback,
  viewingErrorText,
  viewingToastFor,
  viewSessionFrom,
  type KeyValueStorage,
} from "./viewSession";

class MemoryStorage implements KeyValueStorage {
  readonly values = new Map<string, string>();
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.values.set(key, value);
  }
  removeItem(key: string) {
    this.values.delete(key);
  }
}

const OWN: Session = { idToken: "own-id", accessToken: "own-access", refreshToken: "own-refresh", expiresAt: 1_800_000_000_000 };

function view(overrides: Partial<ViewAs["impersonation"]> = {}): ViewAs {
  return {
    token: "cvi_view.secret",
    expires_at: "2027-01-15T10:30:00Z",
    impersonation: {
      tenant_id: "t-1",
      target_id: "u-2",
      target_name: "Sam Sales",
      target_role: "Sales",
      actor_name: "Ada Admin",
      actor_role: "Admin",
      by_convertly: false,
      started_at: "2027-01-15T10:00:00Z",
      expires_at: "2027-01-15T10:30:00Z",
      writes_allowed: false,
      ...overrides,
    },
  };
}

describe("starting a view", () => {
  it("sets the own session aside and gives the client the view's token, without refresh", () => {
    const store = new MemorySessionStore(OWN);
    const storage = new MemoryStorage();
    const aside = beginView(store, storage, view());
    expect(store.get()).toEqual({ idToken: "cvi_view.secret", accessToken: "", refreshToken: null, expiresAt: Date.parse("2027-01-15T10:30:00Z") });
    expect(aside).toEqual({ own: OWN, returnTo: "/settings/team", targetName: "Sam Sales", targetRole: "Sales", expiresAt: "2027-01-15T10:30:00Z" });
    expect(readAside(storage)).toEqual(aside);
  });

  it("returns Convertly's support to the tenant's console page", () => {
    const aside = beginView(new MemorySessionStore(OWN), new MemoryStorage(), view({ by_convertly: true, tenant_id: "t 1" }));
    expect(aside.returnTo).toBe("/platform/tenants/t%201");
  });

  it("takes a return path inside the app only", () => {
    expect(beginView(new MemorySessionStore(OWN), new MemoryStorage(), view(), "/platform/tenants/x").returnTo).toBe("/platform/tenants/x");
    expect(beginView(new MemorySessionStore(OWN), new MemoryStorage(), view(), "//evil.example").returnTo).toBe("/settings/team");
  });

  it("keeps the own session of an earlier view rather than a view's token", () => {
    const store = new MemorySessionStore(OWN);
    const storage = new MemoryStorage();
    beginView(store, storage, view());
    beginView(store, storage, view({ target_name: "Riley" }));
    expect(readAside(storage)?.own).toEqual(OWN);
    expect(readAside(storage)?.targetName).toBe("Riley");
  });

  it("refuses without an own session to come back to", () => {
    expect(() => beginView(new MemorySessionStore(null), new MemoryStorage(), view())).toThrow(/log in again/);
  });

  it("lands on the home page of the person viewed", () => {
    expect(["Admin", "Manager", "Sales", "Staff"].map(landingFor)).toEqual(Array(4).fill("/dashboard"));
    expect(landingFor("Affiliate")).toBe("/affiliate/dashboard");
    expect(landingFor("Developer")).toBe("/");
  });
});

describe("ending a view", () => {
  it("puts the own session back and forgets the aside", () => {
    const store = new MemorySessionStore(OWN);
    const storage = new MemoryStorage();
    beginView(store, storage, view());
    expect(restoreOwn(store, storage)?.returnTo).toBe("/settings/team");
    expect(store.get()).toEqual(OWN);
    expect(storage.getItem(ASIDE_KEY)).toBeNull();
    expect(restoreOwn(store, storage)).toBeNull();
    expect(store.get()).toEqual(OWN);
  });

  it("ignores an aside that is not one", () => {
    const storage = new MemoryStorage();
    storage.setItem(ASIDE_KEY, "{not json");
    expect(readAside(storage)).toBeNull();
    storage.setItem(ASIDE_KEY, JSON.stringify({ own: { idToken: "" }, returnTo: "/x" }));
    expect(readAside(storage)).toBeNull();
    storage.setItem(ASIDE_KEY, JSON.stringify({ own: OWN, returnTo: "https://evil.example" }));
    expect(readAside(storage)).toBeNull();
  });

  it("forgets a stale aside only outside a view and with an own session in the client", () => {
    const storage = new MemoryStorage();
    beginView(new MemorySessionStore(OWN), storage, view());
    const viewing = new MemorySessionStore(viewSessionFrom(view()));
    expect(forgetStaleAside(viewing, storage, false)).toBe(false); // the view just began; /me is not read yet
    expect(forgetStaleAside(new MemorySessionStore(OWN), storage, true)).toBe(false);
    expect(forgetStaleAside(new MemorySessionStore(OWN), storage, false)).toBe(true);
    expect(storage.getItem(ASIDE_KEY)).toBeNull();
  });

  it("leaves one notice for the page it lands on", () => {
    const storage = new MemoryStorage();
    leaveNotice(storage, endMessage("Sam Sales", "expired"));
    expect(takeNotice(storage)).toBe("Viewing as Sam Sales has expired: you are back in your own account");
    expect(takeNotice(storage)).toBeNull();
    expect(endMessage("Sam Sales", "exit")).toBe("You stopped viewing as Sam Sales");
  });

  it("counts down to the expiry", () => {
    const now = Date.parse("2027-01-15T10:29:00Z");
    expect(msUntil("2027-01-15T10:30:00Z", now)).toBe(60_000);
    expect(msUntil("2027-01-15T10:00:00Z", now)).toBe(0);
    expect(msUntil("soon", now)).toBeNull();
  });
});

describe("the API client with a refused view", () => {
  afterEach(() => setSessionFallback(null));

  const ended = { status: 401, body: { error: { code: "impersonation_ended", message: "This view-as session has ended", fields: {} } } };

  function clientWith(store: MemorySessionStore, replies: { status: number; body?: unknown }[]) {
    const calls: { url: string; authorization: string | undefined }[] = [];
    let sessionsEnded = 0;
    const api = new ApiClient({
      baseUrl: "http://api.test",
      store,
      fetch: (async (url: RequestInfo | URL, init?: RequestInit) => {
        calls.push({ url: String(url), authorization: (init?.headers as Record<string, string>).Authorization });
        const reply = replies.shift()!;
        return new Response(reply.body === undefined ? "" : JSON.stringify(reply.body), { status: reply.status });
      }) as typeof fetch,
      now: () => Date.parse("2027-01-15T10:10:00Z"),
      onSessionEnded: () => (sessionsEnded += 1),
    });
    return { api, calls, sessionsEnded: () => sessionsEnded };
  }

  it("sends the view's token as it is, with no refresh before it runs out", async () => {
    const store = new MemorySessionStore({ ...viewSessionFrom(view()), expiresAt: Date.parse("2027-01-15T10:10:30Z") });
    const { api, calls } = clientWith(store, [{ status: 200, body: { items: [] } }]);
    await api.get("/leads");
    expect(calls).toEqual([{ url: "http://api.test/leads", authorization: "Bearer cvi_view.secret" }]);
  });

  it("goes back to the own session instead of ending it, without retrying as the own user", async () => {
    const store = new MemorySessionStore(OWN);
    const storage = new MemoryStorage();
    beginView(store, storage, view());
    const told: string[] = [];
    setSessionFallback(viewFallback(() => storage, (aside, cause) => told.push(`${aside.targetName}: ${cause?.code}`)));
    const { api, calls, sessionsEnded } = clientWith(store, [ended]);
    const refused = await api.get("/leads").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe("invalid_refresh"); // the app raises no toast for it
    expect(store.get()).toEqual(OWN);
    expect(storage.getItem(ASIDE_KEY)).toBeNull();
    expect(told).toEqual(["Sam Sales: impersonation_ended"]);
    expect(calls).toHaveLength(1);
    expect(sessionsEnded()).toBe(0);
  });

  it("tells the observer of each refusal, whatever the page does with it", async () => {
    const seen: string[] = [];
    const stop = observeApiErrors((error) => seen.push(error.code));
    const readOnly = { status: 403, body: { error: { code: "impersonation_read_only", message: "Viewing as someone is read-only", fields: {} } } };
    const { api } = clientWith(new MemorySessionStore(viewSessionFrom(view())), [readOnly, { status: 201, body: {} }]);
    await expect(api.post("/leads", { first_name: "No" })).rejects.toMatchObject({ status: 403 });
    stop();
    await api.post("/leads", { first_name: "Yes" });
    expect(seen).toEqual(["impersonation_read_only"]);
  });

  it("ends the session as before when nothing was set aside", async () => {
    const store = new MemorySessionStore(viewSessionFrom(view()));
    setSessionFallback(viewFallback(() => new MemoryStorage(), () => undefined));
    const { api, sessionsEnded } = clientWith(store, [ended]);
    await expect(api.get("/leads")).rejects.toMatchObject({ code: "invalid_refresh" });
    expect(store.get()).toBeNull();
    expect(sessionsEnded()).toBe(1);
  });
});

describe("the banner", () => {
  it("says whom, read-only or not, and who is viewing", () => {
    expect(bannerView(view().impersonation)).toEqual({
      title: "Viewing as Sam Sales (Sales)",
      mode: "read-only",
      writes: false,
      by: "Ada Admin (Admin)",
    });
    const support = bannerView(
      view({ target_name: "Blair Owner", target_role: "Admin", by_convertly: true, actor_name: "Dana", actor_role: "DeveloperAdmin", writes_allowed: true }).impersonation,
    );
    expect(support).toMatchObject({ title: "Viewing as Blair Owner (Admin)", mode: "changes allowed (support access)", by: "Dana (Convertly support)" });
  });

  it("names the person viewed in the API's refusals", () => {
    const readOnly = "Viewing as someone is read-only: changes need the account's support access (Settings > Team) and a Convertly Developer Admin";
    expect(viewingToastFor(readOnly, "Sam Sales")).toBe("Viewing as Sam Sales is read-only: the change was not saved");
    expect(viewingToastFor("Not while viewing as someone else: exit the view first", "Sam Sales")).toBe(
      "Not while viewing as Sam Sales: exit the view first",
    );
    expect(viewingToastFor("Viewing as Sam Sales is read-only: the change was not saved", "Sam Sales")).toBeNull();
    expect(viewingToastFor("Some fields are not valid", "Sam Sales")).toBeNull();
    expect(viewingErrorText(new ApiError(403, "impersonation_read_only", readOnly), "Sam Sales")).toBe(
      "Viewing as Sam Sales is read-only: the change was not saved",
    );
    expect(viewingErrorText(new ApiError(403, "forbidden_role", "No"), "Sam Sales")).toBeNull();
  });

  it("reads the return path of a view", () => {
    expect(returnPathFor({ by_convertly: false, tenant_id: "t" })).toBe("/settings/team");
    expect(returnPathFor({ by_convertly: true, tenant_id: "t" })).toBe("/platform/tenants/t");
  });
});
