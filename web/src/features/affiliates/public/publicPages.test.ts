// @vitest-environment jsdom
// The program's public pages rendered in jsdom against a scripted API (the real client, a fake fetch):
// the referral link, `?via=` on a public page, sign-up sending the referral, and the application.

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, createElement } from "react";
import { createRoot, type Root } from "react-dom/client";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiClient, MemorySessionStore } from "../../../api/client";
import { AuthProvider } from "../../../auth/AuthProvider";
import type { AppConfig } from "../../../config";
import { ServicesContext } from "../../../context";
import { accountsPublicRoutes } from "../../accounts/routes";
import { forgetRecordedClicks } from "./referralLink";
import { REFERRAL_COOKIE, referralStore } from "./referralStore";
import { affiliatePublicRoutes } from "./routes";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const CLICK_ID = "01J0000000000000000000000A";
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

type Reply = unknown | ((body: unknown) => [number, unknown]);
interface Call {
  method: string;
  path: string;
  body: unknown;
}

let mounted: Root | null = null;

function renderAt(path: string, replies: Record<string, Reply>) {
  const calls: Call[] = [];
  const fetch = async (url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const { pathname } = new URL(String(url));
    const method = init?.method ?? "GET";
    const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path: pathname, body });
    const reply = replies[`${method} ${pathname}`];
    if (reply === undefined) return new Response(JSON.stringify({ error: { code: "not_found", message: "Not found" } }), { status: 404 });
    const [status, answer] = typeof reply === "function" ? (reply as (body: unknown) => [number, unknown])(body) : [200, reply];
    return new Response(JSON.stringify(answer), { status });
  };
  const store = new MemorySessionStore();
  const client = new ApiClient({ baseUrl: "http://api.test", store, fetch: fetch as typeof globalThis.fetch, retries: 0 });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(
    [...accountsPublicRoutes, ...affiliatePublicRoutes, { path: "/dashboard", element: createElement("h1", null, "Dashboard") }],
    { initialEntries: [path] },
  );
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  act(() =>
    root.render(
      createElement(
        ServicesContext.Provider,
        { value: { config: { apiUrl: "http://api.test" } as AppConfig, client } },
        createElement(
          QueryClientProvider,
          { client: queryClient },
          createElement(AuthProvider, { store, sessionEnded: new EventTarget(), children: createElement(RouterProvider, { router }) }),
        ),
      ),
    ),
  );
  mounted = root;
  return { container, router, calls };
}

async function until(assertion: () => void, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      assertion();
      return;
    } catch (error) {
      if (Date.now() > end) throw error;
      await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    }
  }
}

function input(container: HTMLElement, label: string): HTMLInputElement | HTMLTextAreaElement {
  const found = [...container.querySelectorAll("label")].find((element) => element.textContent === label);
  const control = found ? document.getElementById(found.htmlFor) : null;
  if (!(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement)) throw new Error(`no input labelled ${label}`);
  return control;
}

function type(container: HTMLElement, label: string, value: string) {
  const control = input(container, label);
  const prototype = control instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  act(() => {
    Object.getOwnPropertyDescriptor(prototype, "value")!.set!.call(control, value);
    control.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

function press(container: HTMLElement, name: string) {
  const button = [...container.querySelectorAll("button")].find((element) => element.textContent === name);
  if (!button) throw new Error(`no button ${name}`);
  act(() => button.click());
}

beforeEach(() => {
  localStorage.clear();
  referralStore().clear();
  forgetRecordedClicks();
});

afterEach(() => {
  act(() => mounted?.unmount());
  mounted = null;
  document.body.innerHTML = "";
});

describe("/r/:code", () => {
  it("records the click with its sub id and UTM parameters, keeps the referral and lands on sign-up", async () => {
    const click = { referral: CLICK_ID, expires_at: inAWeek(), cookie_days: 60, attribution: "last_click" };
    const { container, router, calls } = renderAt("/r/Dana-Ads?sub=yt-1&utm_source=youtube", { "POST /affiliate/clicks": click });
    expect(container.textContent).toContain("Taking you to Convertly…");
    await until(() => expect(router.state.location.pathname).toBe("/signup"));
    expect(router.state.historyAction).toBe("REPLACE");
    expect(calls.filter((call) => call.path === "/affiliate/clicks")).toEqual([
      { method: "POST", path: "/affiliate/clicks", body: { code: "dana-ads", sub_id: "yt-1", utm_source: "youtube" } },
    ]);
    expect(referralStore().read()).toMatchObject({ referral: CLICK_ID, code: "dana-ads" });
    expect(JSON.parse(localStorage.getItem("convertly.referral")!).referral).toBe(CLICK_ID);
    expect(document.cookie).toContain(`${REFERRAL_COOKIE}=`);
  });

  it("goes to sign-up without keeping anything for an unknown code", async () => {
    const unknown = () => [404, { error: { code: "referral_code_not_found", message: "No partner has this referral code" } }];
    const { container, router } = renderAt("/r/nobody", { "POST /affiliate/clicks": unknown });
    await until(() => expect(router.state.location.pathname).toBe("/signup"));
    expect(referralStore().read()).toBeNull();
    expect(container.querySelector("h1")?.textContent).toBe("Create your account");
  });

  it("keeps nothing for a bot's click", async () => {
    const click = { referral: null, expires_at: inAWeek(), cookie_days: 60, attribution: "last_click" };
    const { router } = renderAt("/r/dana-ads", { "POST /affiliate/clicks": click });
    await until(() => expect(router.state.location.pathname).toBe("/signup"));
    expect(referralStore().read()).toBeNull();
  });
});

describe("?via=<code> on a public page", () => {
  it("records the click once and takes `via` off the address, keeping the page and its other parameters", async () => {
    const click = { referral: CLICK_ID, expires_at: inAWeek(), cookie_days: 60, attribution: "first_click" };
    const { router, calls } = renderAt("/login?email=dana%40x.test&via=dana-ads&utm_campaign=spring", { "POST /affiliate/clicks": click });
    await until(() => expect(referralStore().read()?.referral).toBe(CLICK_ID));
    expect(router.state.location.pathname).toBe("/login");
    expect(router.state.location.search).toBe("?email=dana%40x.test&utm_campaign=spring");
    expect(calls.filter((call) => call.path === "/affiliate/clicks").map((call) => call.body)).toEqual([
      { code: "dana-ads", utm_campaign: "spring" },
    ]);
    await act(() => router.navigate("/partners?via=dana-ads"));
    await until(() => expect(router.state.location.search).toBe(""));
    expect(calls.filter((call) => call.path === "/affiliate/clicks")).toHaveLength(1);
  });
});

describe("sign-up", () => {
  const SIGNED_UP = { tenant: { tenant_id: "t1" }, tokens: { id_token: "id", access_token: "a", refresh_token: "r", expires_in: 3600 } };
  const ME = { user: { user_id: "u1", name: "Dana", role: "Admin" }, tenant: { tenant_id: "t1" }, permissions: [], portal: "/dashboard" };

  function fill(container: HTMLElement) {
    type(container, "Company name", "Lakeside Windows");
    type(container, "Your name", "Dana Lake");
    type(container, "Work email", "dana@lakeside.test");
    type(container, "Password", "Convertly-Test-1");
  }

  it("sends the kept referral (from /signup?via=...) and forgets it once signed up", async () => {
    const click = { referral: CLICK_ID, expires_at: inAWeek(), cookie_days: 60, attribution: "last_click" };
    const { container, router, calls } = renderAt("/signup?via=dana-ads", {
      "POST /affiliate/clicks": click,
      "POST /auth/signup": SIGNED_UP,
      "GET /me": ME,
    });
    await until(() => expect(referralStore().read()?.referral).toBe(CLICK_ID));
    expect(router.state.location.search).toBe("");
    fill(container);
    press(container, "Create account");
    await until(() => expect(router.state.location.pathname).toBe("/dashboard"));
    expect(calls.find((call) => call.path === "/auth/signup")?.body).toMatchObject({ email: "dana@lakeside.test", referral: CLICK_ID });
    expect(referralStore().read()).toBeNull();
  });

  it("sends no referral without one", async () => {
    const { container, router, calls } = renderAt("/signup", { "POST /auth/signup": SIGNED_UP, "GET /me": ME });
    fill(container);
    press(container, "Create account");
    await until(() => expect(router.state.location.pathname).toBe("/dashboard"));
    expect(calls.find((call) => call.path === "/auth/signup")?.body).not.toHaveProperty("referral");
  });
});

describe("/partners", () => {
  function apply(container: HTMLElement) {
    type(container, "Your name", "Dana Lake");
    type(container, "Email", "dana@lake.test");
    type(container, "Your audience", "Roofing contractors");
    type(container, "How you will promote Convertly", "A newsletter");
    press(container, "Send application");
  }

  it("sends the application and thanks the applicant", async () => {
    const receipt = { application_id: "a1", status: "pending", message: "Thank you: we review every application and answer by email within a few days." };
    const { container, calls } = renderAt("/partners", { "POST /affiliate/applications": () => [201, receipt] });
    expect(container.querySelector("h1")?.textContent).toBe("Become a Convertly partner");
    apply(container);
    await until(() => expect(container.querySelector("h1")?.textContent).toBe("Thank you for applying"));
    expect(container.querySelector("[role=status]")?.textContent).toContain(receipt.message);
    expect(calls.find((call) => call.path === "/affiliate/applications")?.body).toEqual({
      name: "Dana Lake",
      email: "dana@lake.test",
      audience: "Roofing contractors",
      promotion: "A newsletter",
    });
  });

  it("shows the API's field errors under their inputs (an address that applied already)", async () => {
    const exists = () => [
      409,
      { error: { code: "application_exists", message: "This email has applied already: we answer every application by email", fields: { email: "has applied already" } } },
    ];
    const { container } = renderAt("/partners", { "POST /affiliate/applications": exists });
    apply(container);
    await until(() => expect(input(container, "Email").getAttribute("aria-invalid")).toBe("true"));
    const email = input(container, "Email");
    expect(document.getElementById(email.getAttribute("aria-describedby")!)?.textContent).toBe("has applied already");
    expect(container.querySelector(".alert")?.textContent).toContain("This email has applied already");
    expect(container.querySelector("h1")?.textContent).toBe("Become a Convertly partner");
  });
});
