// @vitest-environment jsdom
// Each screen's document title comes from its heading (and the Settings tab it is on), and a route
// change moves focus to the new page's heading unless the page put focus somewhere itself.

import { act, createElement } from "react";
import { createRoot, type Root } from "react-dom/client";
import { createMemoryRouter, Link, NavLink, Outlet, RouterProvider } from "react-router";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { documentTitle, titleFor } from "./pageTitle";
import { RouteFrame } from "./RouteFrame";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe("titleFor", () => {
  it("names the screen, then the app", () => {
    expect(titleFor("Leads")).toBe("Leads · Convertly");
    expect(titleFor("  Dana   Reyes ")).toBe("Dana Reyes · Convertly");
  });

  it("puts the section's tab first and says a repeated part once", () => {
    expect(titleFor("Settings", "Pipelines")).toBe("Pipelines · Settings · Convertly");
    expect(titleFor("Settings", "Settings")).toBe("Settings · Convertly");
  });

  it("is the app's name alone while no heading is on screen", () => {
    expect(titleFor(null)).toBe("Convertly");
    expect(titleFor("", null)).toBe("Convertly");
  });
});

describe("documentTitle", () => {
  it("reads the main landmark's heading and the current tab of a titled tab bar", () => {
    document.body.innerHTML = `
      <h1>Outside</h1>
      <main><h1>Settings</h1>
        <nav data-title-tabs><a href="/a">Fields</a><a href="/b" aria-current="page">Pipelines</a></nav>
      </main>`;
    expect(documentTitle()).toBe("Pipelines · Settings · Convertly");
  });

  it("ignores tab bars that do not name the screen", () => {
    document.body.innerHTML = `<main><h1>Partners</h1><nav><a aria-current="page">Applications</a></nav></main>`;
    expect(documentTitle()).toBe("Partners · Convertly");
  });
});

function Shell() {
  return createElement(
    "div",
    null,
    createElement("nav", null, createElement(NavLink, { to: "/leads" }, "Leads nav"), createElement(Link, { to: "/search" }, "Search nav")),
    createElement("main", { id: "main" }, createElement(Outlet)),
  );
}

function SearchPage() {
  return createElement("div", null, createElement("h1", null, "Search"), createElement("input", { "aria-label": "Query", autoFocus: true }));
}

describe("RouteFrame", () => {
  let container: HTMLDivElement;
  let root: Root;

  beforeEach(() => {
    container = document.createElement("div");
    document.body.replaceChildren(container);
    root = createRoot(container);
  });

  afterEach(() => {
    act(() => root.unmount());
  });

  function mount() {
    const router = createMemoryRouter(
      [
        {
          element: createElement(RouteFrame),
          children: [
            {
              element: createElement(Shell),
              children: [
                { path: "/", element: createElement("h1", null, "Dashboard") },
                { path: "/leads", element: createElement("h1", null, "Leads") },
                { path: "/search", element: createElement(SearchPage) },
              ],
            },
          ],
        },
      ],
      { initialEntries: ["/"] },
    );
    act(() => root.render(createElement(RouterProvider, { router })));
    return router;
  }

  async function settle() {
    await act(async () => {
      await new Promise((resolve) => window.requestAnimationFrame(() => resolve(null)));
    });
  }

  it("titles the first screen without taking focus, then moves focus to the next screen's heading", async () => {
    mount();
    await settle();
    expect(document.title).toBe("Dashboard · Convertly");
    expect(document.activeElement).toBe(document.body);

    const link = container.querySelector<HTMLAnchorElement>("a[href='/leads']")!;
    link.focus();
    act(() => link.click());
    await settle();
    expect(document.title).toBe("Leads · Convertly");
    const heading = container.querySelector("h1")!;
    expect(heading.textContent).toBe("Leads");
    expect(document.activeElement).toBe(heading);
    expect(heading.getAttribute("tabindex")).toBe("-1");
  });

  it("leaves focus where the new page put it", async () => {
    mount();
    await settle();
    const link = container.querySelector<HTMLAnchorElement>("a[href='/search']")!;
    link.focus();
    act(() => link.click());
    await settle();
    expect(document.title).toBe("Search · Convertly");
    expect(document.activeElement).toBe(container.querySelector("input"));
  });
});
