// @vitest-environment jsdom
// The question before leaving a dirty form: which navigations leave the page, when values count as
// changed, and the guard itself in a memory router (blocked, Stay, Leave, a save that navigates away,
// and a scope that asks for several forms at once).

import { act, createElement, useState, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { createMemoryRouter, Outlet, RouterProvider, useNavigate } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { differs, leavesPage, UnsavedChangesScope, useUnsavedChanges, valuesKey } from "./useUnsavedChanges";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe("leavesPage", () => {
  it("is another path", () => {
    expect(leavesPage({ pathname: "/leads/1/edit" }, { pathname: "/leads" })).toBe(true);
    expect(leavesPage({ pathname: "/forms/new" }, { pathname: "/forms/F1" })).toBe(true);
  });

  it("is not the same path with another query string, or a trailing slash", () => {
    expect(leavesPage({ pathname: "/settings/sms" }, { pathname: "/settings/sms" })).toBe(false);
    expect(leavesPage({ pathname: "/leads/1/edit" }, { pathname: "/leads/1/edit/" })).toBe(false);
    expect(leavesPage({ pathname: "/" }, { pathname: "/" })).toBe(false);
  });
});

describe("differs", () => {
  it("compares values as data, whatever the order of their keys", () => {
    expect(differs({ name: "Ada", tags: ["a", "b"] }, { tags: ["a", "b"], name: "Ada" })).toBe(false);
    expect(valuesKey({ a: 1, b: { d: 2, c: 3 } })).toBe(valuesKey({ b: { c: 3, d: 2 }, a: 1 }));
  });

  it("sees a changed value, an added one and a reordered list", () => {
    expect(differs({ name: "Ada" }, { name: "Ada " })).toBe(true);
    expect(differs({ name: "Ada" }, { name: "Ada", phone: "+1" })).toBe(true);
    expect(differs({ tags: ["a", "b"] }, { tags: ["b", "a"] })).toBe(true);
  });

  it("takes a key left undefined as no key", () => {
    expect(differs({ name: "Ada", phone: undefined }, { name: "Ada" })).toBe(false);
    expect(differs({ phone: null }, {})).toBe(true);
  });
});

function EditPage() {
  const [value, setValue] = useState("saved");
  const navigate = useNavigate();
  const { prompt, allowNavigation } = useUnsavedChanges(value !== "saved");
  return createElement(
    "div",
    null,
    createElement("button", { type: "button", id: "edit", onClick: () => setValue("edited") }),
    createElement("button", { type: "button", id: "undo", onClick: () => setValue("saved") }),
    createElement("button", {
      type: "button",
      id: "save",
      onClick: () => {
        allowNavigation();
        void navigate("/other");
      },
    }),
    prompt,
  );
}

function Card({ id }: { id: string }) {
  const [dirty, setDirty] = useState(false);
  const { prompt } = useUnsavedChanges(dirty);
  return createElement("button", { type: "button", id, onClick: () => setDirty((current) => !current) }, prompt);
}

let mounted: Root | null = null;

function render(routes: Parameters<typeof createMemoryRouter>[0], path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(createElement(RouterProvider, { router })));
  mounted = root;
  return router;
}

const other = { path: "/other", element: createElement("h1", null, "Other") };

function renderEditPage() {
  return render([{ path: "/edit", element: createElement(EditPage) }, other], "/edit");
}

function click(id: string) {
  act(() => document.getElementById(id)?.click());
}

async function go(router: ReturnType<typeof render>, to: string) {
  await act(async () => {
    await router.navigate(to);
  });
}

function dialog(): HTMLDialogElement | null {
  return document.querySelector("dialog[open]");
}

function button(name: string): HTMLButtonElement {
  const found = [...(dialog()?.querySelectorAll("button") ?? [])].find((item) => item.textContent === name);
  if (!found) throw new Error(`No button ${name} in the dialog`);
  return found;
}

beforeAll(() => {
  // jsdom has no modal dialogs: open and close are enough here.
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute("open");
  };
});

afterEach(() => {
  act(() => mounted?.unmount());
  mounted = null;
  document.body.innerHTML = "";
});

describe("useUnsavedChanges", () => {
  it("lets a clean form go without asking", async () => {
    const router = renderEditPage();
    await go(router, "/other");
    expect(router.state.location.pathname).toBe("/other");
    expect(dialog()).toBeNull();
  });

  it("asks before leaving a dirty form: Stay keeps it, Leave without saving goes", async () => {
    const router = renderEditPage();
    click("edit");
    await go(router, "/other");
    expect(router.state.location.pathname).toBe("/edit");
    expect(dialog()?.textContent).toContain("Leave without saving?");

    act(() => button("Stay").click());
    expect(router.state.location.pathname).toBe("/edit");
    expect(dialog()).toBeNull();

    await go(router, "/other");
    expect(dialog()).not.toBeNull();
    await act(async () => button("Leave without saving").click());
    expect(router.state.location.pathname).toBe("/other");
  });

  it("has the browser ask before a reload or closing the tab, while dirty only", () => {
    renderEditPage();
    const unload = () => {
      const event = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(unload()).toBe(false);
    click("edit");
    expect(unload()).toBe(true);
    click("undo");
    expect(unload()).toBe(false);
  });

  it("does not ask for a new query string on the same page", async () => {
    const router = renderEditPage();
    click("edit");
    await go(router, "/edit?tab=fields");
    expect(router.state.location.search).toBe("?tab=fields");
    expect(dialog()).toBeNull();
  });

  it("does not ask once the values are back to the saved ones", async () => {
    const router = renderEditPage();
    click("edit");
    click("undo");
    await go(router, "/other");
    expect(router.state.location.pathname).toBe("/other");
  });

  it("lets a save navigate away, though the form is still dirty when it does", async () => {
    const router = renderEditPage();
    click("edit");
    await act(async () => document.getElementById("save")?.click());
    expect(router.state.location.pathname).toBe("/other");
    expect(dialog()).toBeNull();
  });
});

describe("UnsavedChangesScope", () => {
  function Settings(): ReactNode {
    return createElement(UnsavedChangesScope, null, createElement(Outlet));
  }
  function TwoCards() {
    return createElement("div", null, createElement(Card, { id: "first" }), createElement(Card, { id: "second" }));
  }

  function renderSettings() {
    return render(
      [
        {
          path: "/settings",
          element: createElement(Settings),
          children: [
            { path: "cards", element: createElement(TwoCards) },
            { path: "elsewhere", element: createElement("h1", null, "Elsewhere") },
          ],
        },
        other,
      ],
      "/settings/cards",
    );
  }

  it("asks while any of its forms is dirty, with one dialog", async () => {
    const router = renderSettings();
    click("second");
    await go(router, "/settings/elsewhere");
    expect(router.state.location.pathname).toBe("/settings/cards");
    expect(document.querySelectorAll("dialog[open]")).toHaveLength(1);
    act(() => button("Stay").click());

    click("first");
    click("second");
    await go(router, "/other");
    expect(router.state.location.pathname).toBe("/settings/cards");
    act(() => button("Stay").click());

    click("first");
    await go(router, "/settings/elsewhere");
    expect(router.state.location.pathname).toBe("/settings/elsewhere");
  });
});
