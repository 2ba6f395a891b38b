// @vitest-environment jsdom
// The embed snippet (web/public/embed/convertly.js itself, run in jsdom): the touches it keeps across
// a visitor's pages, what it reads of the ad platforms' cookies, consent, and what a form sends.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import snippet from "../../../public/embed/convertly.js?raw";

const API = "https://api.convertly.test";
const SITE = "https://www.summit.test";
const GOOGLE = "https://www.google.com/";
const T0 = Date.UTC(2026, 10, 18, 9, 0, 0);
const DAY = 864e5;
const STORE = "convertly_touches";

type Touch = Record<string, string>;
interface Kept {
  first: { params: Record<string, string>; landing_page: string; referrer: string; seen: number };
  last: { params: Record<string, string>; landing_page: string; referrer: string; seen: number };
}
interface Post {
  attribution: Touch;
  last_touch: Touch;
  fields: Record<string, unknown>;
}

const dom = (globalThis as unknown as { jsdom: { reconfigure(options: { url: string }): void; cookieJar: { removeAllCookiesSync(): void } } }).jsdom;
const win = window as unknown as { convertly?: unknown; convertlyConsent?: unknown };

const DEFINITION = {
  form_id: "F1",
  name: "Quote",
  fields: [{ name: "email", type: "email", label: "Email", placeholder: null, required: true, options: [], default: null, max_length: 500 }],
  submit_label: "Send",
  thank_you_message: "Thanks!",
  redirect_url: null,
  captcha: null,
};

let posts: Post[] = [];
const fetchMock = vi.fn(async (url: string, init?: { body?: string }) => {
  const answer = (status: number, body: unknown) => ({ ok: status < 300, status, json: async () => body, headers: { get: () => null } });
  if (url.endsWith("/definition")) return answer(200, DEFINITION);
  posts.push(JSON.parse(init?.body ?? "{}") as Post);
  return answer(201, { submission_id: "S1", status: "received", message: "Thanks!", redirect_url: null });
});

/** A page of the customer's site at `url`, reached from `referrer`, with the snippet in it. */
function open(url: string, { referrer = "", form = false, attributes = "", at = Date.now() } = {}) {
  vi.setSystemTime(at);
  dom.reconfigure({ url });
  Object.defineProperty(document, "referrer", { configurable: true, get: () => referrer });
  document.head.innerHTML = "";
  const formAttribute = form ? ' data-form="F1"' : "";
  document.body.innerHTML = `<main><h1>Roofs</h1></main><script src="https://app.convertly.test/embed/convertly.js" data-api="${API}"${formAttribute} ${attributes}></script>`;
  new Function(snippet)();
}

function kept(): Kept | null {
  return JSON.parse(localStorage.getItem(STORE) ?? "null") as Kept | null;
}

function keptInCookie(): Kept | null {
  const match = document.cookie.match(/(?:^|; )convertly_touches=([^;]*)/);
  return match ? (JSON.parse(decodeURIComponent(match[1]!)) as Kept) : null;
}

/** Open the form page, fill in the form and send it: what the API received. */
async function submitOn(url: string, options: { referrer?: string; attributes?: string; at?: number } = {}): Promise<Post> {
  open(url, { ...options, form: true });
  const form = await vi.waitFor(() => {
    const found = document.querySelector<HTMLFormElement>("form.cvly-form");
    if (!found) throw new Error("the form is not rendered yet");
    return found;
  });
  form.querySelector<HTMLInputElement>('[name="email"]')!.value = "ada@example.test";
  form.dispatchEvent(new Event("submit", { cancelable: true }));
  await vi.waitFor(() => expect(posts).toHaveLength(1));
  return posts[0]!;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.stubGlobal("fetch", fetchMock);
  posts = [];
  fetchMock.mockClear();
  localStorage.clear();
  dom.cookieJar.removeAllCookiesSync();
  delete win.convertly;
  delete win.convertlyConsent;
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("the first and the last touch", () => {
  it("keeps the first touch and makes each later visit with click ids or UTMs the last", async () => {
    // Given a visitor landing from a Google ad
    const landing = `${SITE}/?gclid=G-1&gbraid=GB-1&utm_source=google&utm_medium=cpc&utm_campaign=spring`;
    open(landing, { referrer: GOOGLE, at: T0 });
    expect(kept()?.first).toEqual({
      params: { gclid: "G-1", gbraid: "GB-1", utm_source: "google", utm_medium: "cpc", utm_campaign: "spring" },
      landing_page: landing,
      referrer: GOOGLE,
      seen: T0,
    });
    // When they browse on: a page without any keeps both touches as they are
    open(`${SITE}/pricing`, { referrer: landing, at: T0 + DAY });
    expect(kept()?.last.seen).toBe(T0);
    // When they come back days later through a Meta ad
    const second = `${SITE}/offer?fbclid=IwAR-2&utm_source=facebook&utm_id=cmp-9`;
    open(second, { referrer: "https://l.facebook.com/", at: T0 + 2 * DAY });
    // Then that visit is the last touch, and the first stays
    expect(kept()?.first.params.gclid).toBe("G-1");
    expect(kept()?.last).toMatchObject({ params: { fbclid: "IwAR-2", utm_source: "facebook", utm_id: "cmp-9" }, seen: T0 + 2 * DAY });

    // When they send the form on the contact page
    const post = await submitOn(`${SITE}/contact`, { referrer: second, at: T0 + 3 * DAY });
    // Then both touches go with it, each with its landing page, referrer and first-seen time
    expect(post.attribution).toEqual({
      gclid: "G-1",
      gbraid: "GB-1",
      utm_source: "google",
      utm_medium: "cpc",
      utm_campaign: "spring",
      landing_page: landing,
      referrer: GOOGLE,
      first_seen_at: String(T0),
      page_url: `${SITE}/contact`,
    });
    expect(post.last_touch).toEqual({
      fbclid: "IwAR-2",
      utm_source: "facebook",
      utm_id: "cmp-9",
      landing_page: second,
      referrer: "https://l.facebook.com/",
      first_seen_at: String(T0 + 2 * DAY),
      page_url: `${SITE}/contact`,
    });
    expect(post.fields).toEqual({ email: "ada@example.test" });
  });

  it("keeps a reloaded landing page's touch as it was first seen", () => {
    open(`${SITE}/?gclid=G-1`, { at: T0 });
    open(`${SITE}/?gclid=G-1`, { at: T0 + 60_000 });
    expect(kept()?.last.seen).toBe(T0);
  });

  it("forgets a touch 90 days after it was seen", () => {
    // Given a Google click, then a Meta click 50 days later
    open(`${SITE}/?gclid=G-1`, { at: T0 });
    open(`${SITE}/?fbclid=F-2`, { at: T0 + 50 * DAY });
    open(`${SITE}/about`, { at: T0 + 89 * DAY });
    expect(kept()?.first.params).toEqual({ gclid: "G-1" });
    // When the first is 95 days old, the last takes its place
    open(`${SITE}/about`, { at: T0 + 95 * DAY });
    expect(kept()?.first).toEqual(kept()?.last);
    expect(kept()?.first.params).toEqual({ fbclid: "F-2" });
    // And when both are over 90 days old, this visit starts again
    open(`${SITE}/about`, { referrer: "https://www.bing.com/", at: T0 + 141 * DAY });
    expect(kept()?.first).toEqual({ params: {}, landing_page: `${SITE}/about`, referrer: "https://www.bing.com/", seen: T0 + 141 * DAY });
  });

  it("keeps the touches in a first-party cookie too, for a page whose storage has none", async () => {
    open(`${SITE}/?gclid=G-1&utm_campaign=spring`, { at: T0 });
    expect(keptInCookie()?.first.params).toEqual({ gclid: "G-1", utm_campaign: "spring" });
    localStorage.clear(); // another subdomain of the site, or storage cleared
    const post = await submitOn(`${SITE}/contact`, { at: T0 + DAY });
    expect(post.attribution).toMatchObject({ gclid: "G-1", utm_campaign: "spring", first_seen_at: String(T0) });
  });

  it("takes over the touch an earlier version of the snippet kept", () => {
    const old = { params: { gclid: "OLD" }, first_seen: T0, expires: T0 + 90 * DAY, landing_page: `${SITE}/old`, referrer: GOOGLE };
    localStorage.setItem("convertly_attribution", JSON.stringify(old));
    open(`${SITE}/about`, { at: T0 + DAY });
    expect(kept()?.first).toEqual({ params: { gclid: "OLD" }, landing_page: `${SITE}/old`, referrer: GOOGLE, seen: T0 });
    expect(localStorage.getItem("convertly_attribution")).toBeNull();
  });
});

describe("the ad platforms' cookies", () => {
  it("reads the click Google's conversion linker kept, and Meta's browser id, for a form-only site", async () => {
    // Given the Google tag kept a click an hour before the visitor reached the form page
    document.cookie = `_gcl_aw=GCL.${(T0 - 3_600_000) / 1000}.Cj0-linker`;
    document.cookie = "_fbp=fb.1.1700000000000.987654321";
    // When they send the form on a page without click ids
    const post = await submitOn(`${SITE}/contact`, { at: T0 });
    // Then both touches carry that click and the browser id
    for (const touch of [post.attribution, post.last_touch]) {
      expect(touch).toMatchObject({ gclid: "Cj0-linker", fbp: "fb.1.1700000000000.987654321" });
    }
  });

  it("gives a click newer than the first touch to the last touch only", async () => {
    open(`${SITE}/`, { referrer: "https://www.bing.com/", at: T0 });
    document.cookie = `_gcl_gb=GCL.${(T0 + DAY) / 1000}.GB-linker`;
    const post = await submitOn(`${SITE}/contact`, { at: T0 + 2 * DAY });
    expect(post.attribution.gbraid).toBeUndefined();
    expect(post.last_touch.gbraid).toBe("GB-linker");
  });

  it("sends Meta's _fbc with the touch of its click, and no cookie's click on a touch with its own", async () => {
    document.cookie = `_fbc=fb.1.${T0 - 1000}.IwAR-cookie`;
    document.cookie = `_gcl_aw=GCL.${(T0 - 5000) / 1000}.Cj0-older`;
    const post = await submitOn(`${SITE}/contact?fbclid=IwAR-cookie`, { at: T0 });
    expect(post.attribution).toMatchObject({ fbclid: "IwAR-cookie", fbc: `fb.1.${T0 - 1000}.IwAR-cookie` });
    expect(post.attribution.gclid).toBeUndefined();
  });
});

describe("consent", () => {
  it("stores nothing, and forgets what it kept, when the site says no", async () => {
    // Given touches kept from an earlier visit
    open(`${SITE}/?gclid=G-1`, { at: T0 });
    expect(kept()).not.toBeNull();
    document.cookie = "_fbp=fb.1.1700000000000.987654321";
    // When the site's consent says no
    win.convertlyConsent = false;
    const post = await submitOn(`${SITE}/contact?utm_source=newsletter`, { at: T0 + DAY });
    // Then nothing is kept any more, and the form sends this page's campaign only, no cookie's
    expect(kept()).toBeNull();
    expect(keptInCookie()).toBeNull();
    expect(post.attribution).toEqual({
      utm_source: "newsletter",
      landing_page: `${SITE}/contact?utm_source=newsletter`,
      first_seen_at: String(T0 + DAY),
      page_url: `${SITE}/contact?utm_source=newsletter`,
    });
  });

  it("waits for a grant when the tag says data-consent=denied", () => {
    open(`${SITE}/?gclid=G-1`, { attributes: 'data-consent="denied"', at: T0 });
    expect(kept()).toBeNull();
    expect(document.cookie).not.toContain(STORE);
    (win.convertly as (name: string, value: string) => void)("consent", "granted");
    expect(kept()?.first.params).toEqual({ gclid: "G-1" });
    (win.convertly as (name: string, value: string) => void)("consent", "denied");
    expect(kept()).toBeNull();
    expect(keptInCookie()).toBeNull();
  });

  it("takes the consent the site queued before the snippet loaded", () => {
    const queue = Object.assign(() => undefined, { q: [["consent", "denied"]] });
    win.convertly = queue;
    open(`${SITE}/?gclid=G-1`, { at: T0 });
    expect(kept()).toBeNull();
    expect(typeof win.convertly).toBe("function");
    expect(win.convertly).not.toBe(queue);
  });
});

describe("a form page with nothing kept", () => {
  it("recovers the click from a same-site referrer, which becomes the landing page", async () => {
    const landing = "https://summit.test/?gclid=G-ref&utm_source=google&utm_campaign=spring";
    const post = await submitOn(`${SITE}/contact`, { referrer: landing, at: T0 });
    expect(post.attribution).toEqual({
      gclid: "G-ref",
      utm_source: "google",
      utm_campaign: "spring",
      landing_page: landing,
      first_seen_at: String(T0),
      page_url: `${SITE}/contact`,
    });
    expect(post.last_touch).toEqual(post.attribution);
  });

  it("does not take another site's click ids", async () => {
    const post = await submitOn(`${SITE}/contact`, { referrer: "https://www.partner.test/?gclid=theirs", at: T0 });
    expect(post.attribution.gclid).toBeUndefined();
    expect(post.attribution.referrer).toBe("https://www.partner.test/?gclid=theirs");
  });
});

describe("tracking only", () => {
  it("renders nothing and asks the API nothing, but keeps the touch", () => {
    open(`${SITE}/?gclid=G-1`, { at: T0 });
    expect(document.body.querySelectorAll("form, style, .cvly-field")).toHaveLength(0);
    expect(document.getElementById("cvly-style")).toBeNull();
    expect(document.body.textContent).toBe("Roofs");
    expect(fetchMock).not.toHaveBeenCalled();
    expect(kept()?.first.params).toEqual({ gclid: "G-1" });
  });
});
