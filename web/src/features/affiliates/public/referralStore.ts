// The referral a partner's link gave this browser (POST /affiliate/clicks), kept first-party for the
// program's window in two places, so that clearing one of them does not lose it: localStorage (one key)
// and a cookie (SameSite=Lax, path=/, max-age until the referral expires). Sign-up sends it back.
//
// Pure: the storage, the cookies and the clock are given, so the rules are tested without a browser.

import type { ReferralClickResult } from "./types";

/** The localStorage key and the cookie's name. */
export const REFERRAL_KEY = "convertly.referral";
export const REFERRAL_COOKIE = "convertly_referral";

export interface StoredReferral {
  /** What sign-up sends as `referral` (the click's id). */
  referral: string;
  /** The partner's referral code the click was on. */
  code: string;
  /** ISO time until which sign-up may name it (the program's window from the click). */
  expires_at: string;
  /** ISO time it was kept. */
  stored_at: string;
}

/** What `save` did with a click's answer. */
export type SaveOutcome =
  /** Nothing was kept before: this one is. */
  | "stored"
  /** Last click wins: this one replaced the one kept before. */
  | "replaced"
  /** First click wins: the one kept before stays. */
  | "kept"
  /** A bot's click (no referral) or one already expired: nothing changed. */
  | "ignored";

/** localStorage's part that the store uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** `document.cookie`'s two sides: every cookie as one string, and writing one. */
export interface CookieAccess {
  read(): string;
  write(cookie: string): void;
}

export interface ReferralStoreOptions {
  storage?: KeyValueStorage | null;
  cookies?: CookieAccess | null;
  /** Epoch milliseconds. */
  now?: () => number;
  /** Mark the cookie Secure (the app is served over https). */
  secure?: boolean;
}

function isText(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

/** A kept referral from its JSON, or null when it is not one (altered, cut short, another shape). */
export function parseStoredReferral(raw: string | null | undefined): StoredReferral | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!value || typeof value !== "object") return null;
  const { referral, code, expires_at, stored_at } = value as Record<string, unknown>;
  if (!isText(referral) || !isText(code) || !isText(expires_at) || !isText(stored_at)) return null;
  if (Number.isNaN(Date.parse(expires_at))) return null;
  return { referral, code, expires_at, stored_at };
}

/** The value of cookie `name` in a `document.cookie` string, decoded, or null. */
export function cookieValue(cookies: string, name: string): string | null {
  for (const part of cookies.split(";")) {
    const pair = part.trim();
    if (!pair.startsWith(`${name}=`)) continue;
    try {
      return decodeURIComponent(pair.slice(name.length + 1));
    } catch {
      return null;
    }
  }
  return null;
}

export class ReferralStore {
  private readonly storage: KeyValueStorage | null;
  private readonly cookies: CookieAccess | null;
  private readonly now: () => number;
  private readonly secure: boolean;

  constructor(options: ReferralStoreOptions = {}) {
    this.storage = options.storage ?? null;
    this.cookies = options.cookies ?? null;
    this.now = options.now ?? (() => Date.now());
    this.secure = options.secure ?? false;
  }

  /**
   * The referral sign-up should send: the unexpired one kept in localStorage or the cookie (the later
   * kept when they differ), or null. An expired one is ignored.
   */
  read(): StoredReferral | null {
    const now = this.now();
    const found = [this.fromStorage(), this.fromCookie()].filter(
      (kept): kept is StoredReferral => kept !== null && Date.parse(kept.expires_at) > now,
    );
    if (found.length === 0) return null;
    return found.reduce((latest, kept) => (Date.parse(kept.stored_at) > Date.parse(latest.stored_at) ? kept : latest));
  }

  /**
   * Keep a click's referral as the program's rule says: with "last_click" it replaces the one kept
   * before (another partner's, or an earlier click's), with "first_click" an unexpired one kept before
   * stays. A bot's click (null referral) keeps nothing and leaves what is kept alone.
   */
  save(code: string, click: ReferralClickResult): SaveOutcome {
    if (!click.referral) return "ignored";
    const now = this.now();
    const expires = Date.parse(click.expires_at);
    if (Number.isNaN(expires) || expires <= now) return "ignored";
    const before = this.read();
    if (before && click.attribution === "first_click") return "kept";
    this.write(
      { referral: click.referral, code, expires_at: new Date(expires).toISOString(), stored_at: new Date(now).toISOString() },
      Math.floor((expires - now) / 1000),
    );
    return before ? "replaced" : "stored";
  }

  /** Forget the referral (after the sign-up that used it). */
  clear(): void {
    try {
      this.storage?.removeItem(REFERRAL_KEY);
    } catch {
      // storage refused (disabled, private mode): nothing was kept there
    }
    this.cookies?.write(this.cookie("", 0));
  }

  private write(kept: StoredReferral, maxAgeSeconds: number): void {
    const text = JSON.stringify(kept);
    try {
      this.storage?.setItem(REFERRAL_KEY, text);
    } catch {
      // storage full or refused: the cookie still keeps it
    }
    this.cookies?.write(this.cookie(encodeURIComponent(text), maxAgeSeconds));
  }

  private cookie(value: string, maxAgeSeconds: number): string {
    return `${REFERRAL_COOKIE}=${value}; Max-Age=${maxAgeSeconds}; Path=/; SameSite=Lax${this.secure ? "; Secure" : ""}`;
  }

  private fromStorage(): StoredReferral | null {
    try {
      return parseStoredReferral(this.storage?.getItem(REFERRAL_KEY));
    } catch {
      return null;
    }
  }

  private fromCookie(): StoredReferral | null {
    return this.cookies ? parseStoredReferral(cookieValue(this.cookies.read(), REFERRAL_COOKIE)) : null;
  }
}

let browserStore: ReferralStore | null = null;

/** The store of this browser: its localStorage and `document.cookie` (made once). */
export function referralStore(): ReferralStore {
  if (browserStore) return browserStore;
  let storage: KeyValueStorage | null = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null; // storage disabled: the cookie alone keeps the referral
  }
  browserStore = new ReferralStore({
    storage,
    cookies: {
      read: () => document.cookie,
      write: (cookie) => {
        document.cookie = cookie;
      },
    },
    secure: window.location.protocol === "https:",
  });
  return browserStore;
}
