// @vitest-environment jsdom
import { act, createElement } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ToastRegion } from "./ToastRegion";
import { currentToasts, dismissToast, toast } from "./toasts";

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

let host: HTMLDivElement;
let root: Root;

beforeEach(() => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  for (const item of currentToasts()) dismissToast(item.id); // another file's toasts (one module graph)
  vi.useFakeTimers();
  host = document.createElement("div");
  document.body.append(host);
  root = createRoot(host);
  act(() => root.render(createElement(ToastRegion)));
});

afterEach(() => {
  act(() => {
    for (const item of currentToasts()) dismissToast(item.id);
    root.unmount();
  });
  host.remove();
  vi.useRealTimers();
});

function card(text: string): HTMLElement | undefined {
  return [...host.querySelectorAll<HTMLElement>(".toast")].find((element) => element.textContent?.includes(text));
}

function mouse(element: Element, type: "mouseover" | "mouseout", related: Element) {
  element.dispatchEvent(new MouseEvent(type, { bubbles: true, relatedTarget: related }));
}

describe("the toast region", () => {
  it("has its polite live region before any toast, and adds each toast inside it", () => {
    const live = host.querySelector('[aria-live="polite"]');
    expect(live).not.toBeNull();
    expect(live?.children).toHaveLength(0);
    act(() => void toast.success("Saved"));
    const saved = card("Saved");
    expect(saved?.getAttribute("role")).toBe("status");
    expect(live?.contains(saved ?? null)).toBe(true);
  });

  it("makes an error an alert, outside the polite region", () => {
    act(() => void toast.error("Could not save"));
    const failed = card("Could not save");
    expect(failed?.getAttribute("role")).toBe("alert");
    expect(failed?.closest('[aria-live="polite"]')).toBeNull();
  });

  it("keeps a hovered toast until the pointer leaves, then for the time it had left", () => {
    act(() => void toast.success("Saved"));
    act(() => vi.advanceTimersByTime(3000));
    mouse(card("Saved")!, "mouseover", document.body);
    act(() => vi.advanceTimersByTime(30_000));
    expect(card("Saved")).toBeDefined();
    mouse(card("Saved")!, "mouseout", document.body);
    act(() => vi.advanceTimersByTime(999));
    expect(card("Saved")).toBeDefined();
    act(() => vi.advanceTimersByTime(1));
    expect(card("Saved")).toBeUndefined();
  });

  it("keeps a toast while focus is in it; its Undo can be reached and lasts ten seconds", () => {
    const run = vi.fn();
    act(() => void toast.success("Dana Reyes was deleted", { label: "Undo", run }));
    const undo = [...card("Dana Reyes was deleted")!.querySelectorAll("button")].find((b) => b.textContent === "Undo")!;
    act(() => vi.advanceTimersByTime(9000));
    act(() => undo.focus());
    expect(document.activeElement).toBe(undo);
    act(() => vi.advanceTimersByTime(30_000));
    expect(card("Dana Reyes was deleted")).toBeDefined();
    act(() => undo.blur());
    act(() => vi.advanceTimersByTime(999));
    expect(card("Dana Reyes was deleted")).toBeDefined();
    act(() => vi.advanceTimersByTime(1));
    expect(card("Dana Reyes was deleted")).toBeUndefined();
    expect(run).not.toHaveBeenCalled();
  });

  it("runs the action and goes", () => {
    const run = vi.fn();
    act(() => void toast.success("Dana Reyes was deleted", { label: "Undo", run }));
    const undo = [...card("Dana Reyes was deleted")!.querySelectorAll("button")].find((b) => b.textContent === "Undo")!;
    act(() => undo.click());
    expect(run).toHaveBeenCalledOnce();
    expect(card("Dana Reyes was deleted")).toBeUndefined();
  });
});
