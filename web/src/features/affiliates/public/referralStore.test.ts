import { describe, expect, it } from "vitest";
import {
  cookieValue,
  parseStoredReferral,
  REFERRAL_COOKIE,
  REFERRAL_KEY,
  ReferralStore,
  type CookieAccess,
  type KeyValueStorage,
  type StoredReferral,
} from "./referralStore";
import type { ReferralClickResult } from "./types";

const DAY = 86_400_000;
const T0 = Date.parse("2027-03-01T12:00:00Z");

class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** A cookie jar as a browser keeps one: Max-Age sets the expiry, 0 deletes; every write is kept. */
class MemoryCookies implements CookieAccess {
  readonly written: string[] = [];
  private readonly jar = new Map<string, { value: string; expires: number }>();
  constructor(private readonly clock: { now: number }) {}
  read() {
    return [...this.jar.entries()]
      .filter(([, cookie]) => cookie.expires > this.clock.now)
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join("; ");
  }
  write(cookie: string) {
    this.written.push(cookie);
    const [pair = "", ...attributes] = cookie.split(";").map((part) => part.trim());
    const name = pair.slice(0, pair.indexOf("="));
    const maxAge = Number(attributes.find((a) => a.startsWith("Max-Age="))?.slice("Max-Age=".length));
    if (maxAge <= 0) this.jar.delete(name);
    else this.jar.set(name, { value: pair.slice(name.length + 1), expires: this.clock.now + maxAge * 1000 });
  }
}

function setup(options: { secure?: boolean } = {}) {
  const clock = { now: T0 };
  const storage = new MemoryStorage();
  const cookies = new MemoryCookies(clock);
  const store = new ReferralStore({ storage, cookies, now: () => clock.now, ...options });
  return { clock, storage, cookies, store };
}

function click(referral: string | null, attribution: ReferralClickResult["attribution"] = "last_click", days = 60, from = T0): ReferralClickResult {
  return { referral, attribution, cookie_days: days, expires_at: new Date(from + days * DAY).toISOString() };
}

describe("ReferralStore.save", () => {
  it("keeps the click's referral in localStorage and in a first-party cookie until it expires", () => {
    const { store, storage, cookies } = setup();
    expect(store.save("dana-ads", click("01J0000000000000000000000A"))).toBe("stored");
    const kept: StoredReferral = {
      referral: "01J0000000000000000000000A",
      code: "dana-ads",
      expires_at: new Date(T0 + 60 * DAY).toISOString(),
      stored_at: new Date(T0).toISOString(),
    };
    expect(JSON.parse(storage.getItem(REFERRAL_KEY)!)).toEqual(kept);
    expect(cookies.written).toEqual([
      `${REFERRAL_COOKIE}=${encodeURIComponent(JSON.stringify(kept))}; Max-Age=${60 * 86_400}; Path=/; SameSite=Lax`,
    ]);
    expect(store.read()).toEqual(kept);
  });

  it("marks the cookie Secure over https", () => {
    const { store, cookies } = setup({ secure: true });
    store.save("dana-ads", click("R1"));
    expect(cookies.written[0]).toMatch(/; Path=\/; SameSite=Lax; Secure$/);
  });

  it("stores nothing for a bot's click (no referral) and leaves what is kept alone", () => {
    const { store, storage, cookies } = setup();
    expect(store.save("dana-ads", click(null))).toBe("ignored");
    expect(storage.items.size).toBe(0);
    expect(cookies.written).toEqual([]);
    store.save("dana-ads", click("R1"));
    expect(store.save("sam-blog", click(null))).toBe("ignored");
    expect(store.read()?.referral).toBe("R1");
  });

  it("stores nothing from an answer that has expired already or names no valid time", () => {
    const { store, storage } = setup();
    expect(store.save("dana-ads", { ...click("R1"), expires_at: new Date(T0).toISOString() })).toBe("ignored");
    expect(store.save("dana-ads", { ...click("R1"), expires_at: "soon" })).toBe("ignored");
    expect(storage.items.size).toBe(0);
  });

  it("last click: another partner's later click replaces an unexpired referral", () => {
    const { store, clock } = setup();
    store.save("dana-ads", click("R1"));
    clock.now += 3 * DAY;
    expect(store.save("sam-blog", click("R2", "last_click", 60, clock.now))).toBe("replaced");
    expect(store.read()).toMatchObject({ referral: "R2", code: "sam-blog", stored_at: new Date(clock.now).toISOString() });
  });

  it("first click: an unexpired referral stays, in both places", () => {
    const { store, storage, cookies, clock } = setup();
    store.save("dana-ads", click("R1", "first_click"));
    clock.now += 3 * DAY;
    expect(store.save("sam-blog", click("R2", "first_click", 60, clock.now))).toBe("kept");
    expect(store.read()).toMatchObject({ referral: "R1", code: "dana-ads" });
    expect(JSON.parse(storage.getItem(REFERRAL_KEY)!).referral).toBe("R1");
    expect(cookies.written).toHaveLength(1);
  });

  it("first click: an expired referral gives way to the new click", () => {
    const { store, clock } = setup();
    store.save("dana-ads", click("R1", "first_click", 30));
    clock.now += 31 * DAY;
    expect(store.save("sam-blog", click("R2", "first_click", 30, clock.now))).toBe("stored");
    expect(store.read()).toMatchObject({ referral: "R2", code: "sam-blog" });
  });
});

describe("ReferralStore.read", () => {
  it("ignores an expired referral", () => {
    const { store, storage, clock } = setup();
    store.save("dana-ads", click("R1", "last_click", 7));
    clock.now += 7 * DAY - 1000;
    expect(store.read()?.referral).toBe("R1");
    clock.now += 1000;
    expect(store.read()).toBeNull();
    expect(storage.getItem(REFERRAL_KEY)).not.toBeNull(); // still there, but not sent
  });

  it("survives either place being cleared: localStorage alone, or the cookie alone", () => {
    const { store, storage, cookies, clock } = setup();
    store.save("dana-ads", click("R1"));
    storage.items.clear();
    expect(store.read()?.referral).toBe("R1");

    const other = new ReferralStore({ storage, now: () => clock.now });
    other.save("dana-ads", click("R2"));
    expect(new ReferralStore({ storage, cookies: null, now: () => clock.now }).read()?.referral).toBe("R2");
    expect(cookies.read()).toContain(REFERRAL_COOKIE);
  });

  it("reads the later kept when the two places differ", () => {
    const { storage, cookies, clock } = setup();
    new ReferralStore({ storage, now: () => clock.now }).save("dana-ads", click("R1"));
    clock.now += DAY;
    new ReferralStore({ cookies, now: () => clock.now }).save("sam-blog", click("R2", "last_click", 60, clock.now));
    expect(new ReferralStore({ storage, cookies, now: () => clock.now }).read()?.referral).toBe("R2");
  });

  it("ignores what is not a kept referral, and storage that refuses to be read", () => {
    const { cookies, clock } = setup();
    const storage = new MemoryStorage();
    storage.setItem(REFERRAL_KEY, "{not json");
    cookies.write(`${REFERRAL_COOKIE}=%E0%A4%A; Max-Age=100; Path=/`);
    expect(new ReferralStore({ storage, cookies, now: () => clock.now }).read()).toBeNull();
    const refusing: KeyValueStorage = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {
        throw new Error("SecurityError");
      },
    };
    const store = new ReferralStore({ storage: refusing, cookies: new MemoryCookies(clock), now: () => clock.now });
    expect(store.save("dana-ads", click("R1"))).toBe("stored");
    expect(store.read()?.referral).toBe("R1");
    store.clear();
    expect(store.read()).toBeNull();
  });
});

describe("ReferralStore.clear", () => {
  it("forgets the referral in both places", () => {
    const { store, storage, cookies } = setup();
    store.save("dana-ads", click("R1"));
    store.clear();
    expect(store.read()).toBeNull();
    expect(storage.getItem(REFERRAL_KEY)).toBeNull();
    expect(cookies.written.at(-1)).toBe(`${REFERRAL_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax`);
  });
});

describe("parseStoredReferral and cookieValue", () => {
  it("reads only a complete referral with a valid expiry", () => {
    const kept = { referral: "R1", code: "dana-ads", expires_at: "2027-05-01T00:00:00Z", stored_at: "2027-03-01T00:00:00Z" };
    expect(parseStoredReferral(JSON.stringify(kept))).toEqual(kept);
    expect(parseStoredReferral(JSON.stringify({ ...kept, referral: "" }))).toBeNull();
    expect(parseStoredReferral(JSON.stringify({ ...kept, expires_at: "later" }))).toBeNull();
    expect(parseStoredReferral(JSON.stringify({ ...kept, code: 4 }))).toBeNull();
    expect(parseStoredReferral("null")).toBeNull();
    expect(parseStoredReferral(null)).toBeNull();
  });

  it("finds a cookie by its exact name", () => {
    expect(cookieValue("a=1; convertly_referral_x=2; convertly_referral=%7B%7D", REFERRAL_COOKIE)).toBe("{}");
    expect(cookieValue("a=1", REFERRAL_COOKIE)).toBeNull();
  });
});
