// @vitest-environment jsdom
import { act, createElement } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { filterSummary, FilterPanel } from "./FilterPanel";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function screenIsPhone(phone: boolean) {
  vi.stubGlobal("matchMedia", (query: string) => ({
    matches: phone && query.includes("max-width"),
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }));
}

function render(): HTMLElement {
  const container = document.createElement("div");
  document.body.replaceChildren(container);
  act(() =>
    createRoot(container).render(
      createElement(FilterPanel, { label: "Board filters", active: 2, children: createElement("input", { "aria-label": "Search" }) }),
    ),
  );
  return container;
}

afterEach(() => vi.unstubAllGlobals());

describe("FilterPanel", () => {
  it("says how many filters are set", () => {
    expect(filterSummary(0)).toBe("Filters");
    expect(filterSummary(2)).toBe("Filters · 2 set");
  });

  it("lays the filters out in full on a wide screen", () => {
    screenIsPhone(false);
    const container = render();
    expect(container.querySelector("details")).toBeNull();
    expect(container.querySelector("[role='search']")?.getAttribute("aria-label")).toBe("Board filters");
  });

  it("folds them behind a closed 'Filters' button on a phone", () => {
    screenIsPhone(true);
    const container = render();
    const fold = container.querySelector("details")!;
    expect(fold.open).toBe(false);
    expect(fold.querySelector("summary")!.textContent).toBe("Filters · 2 set");
    expect(fold.querySelector("[role='search'] input")).not.toBeNull();
  });
});
