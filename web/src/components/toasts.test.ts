import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ACTION_MIN_MS,
  currentToasts,
  dismissToast,
  holdToast,
  releaseToast,
  toast,
  toastDuration,
} from "./toasts";

function shown(): string[] {
  return currentToasts().map((item) => item.message);
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  for (const item of currentToasts()) dismissToast(item.id);
  vi.useRealTimers();
});

describe("a toast's time", () => {
  it("goes after its tone's time", () => {
    toast.success("Saved");
    vi.advanceTimersByTime(3999);
    expect(shown()).toEqual(["Saved"]);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual([]);
  });

  it("stands still while hovered, then runs on with what was left", () => {
    const id = toast.success("Saved");
    vi.advanceTimersByTime(3000);
    holdToast(id, "hover");
    vi.advanceTimersByTime(60_000);
    expect(shown()).toEqual(["Saved"]);
    releaseToast(id, "hover");
    vi.advanceTimersByTime(999);
    expect(shown()).toEqual(["Saved"]);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual([]);
  });

  it("stands still while focus is inside, even after the pointer leaves", () => {
    const id = toast.info("Exported 2 leads");
    holdToast(id, "hover");
    holdToast(id, "focus");
    releaseToast(id, "hover");
    vi.advanceTimersByTime(60_000);
    expect(shown()).toEqual(["Exported 2 leads"]);
    releaseToast(id, "focus");
    vi.advanceTimersByTime(5999);
    expect(shown()).toEqual(["Exported 2 leads"]);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual([]);
  });

  it("gives a toast with an action (Undo) at least ten seconds", () => {
    const undo = { label: "Undo", run: () => undefined };
    expect(ACTION_MIN_MS).toBeGreaterThanOrEqual(10_000);
    for (const tone of ["success", "info", "error"] as const) {
      expect(toastDuration(tone, undo)).toBeGreaterThanOrEqual(10_000);
    }
    expect(toastDuration("success")).toBeLessThan(10_000);

    toast.success("Dana Reyes was deleted", undo);
    vi.advanceTimersByTime(9999);
    expect(shown()).toEqual(["Dana Reyes was deleted"]);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual([]);
  });

  it("forgets the timer of a toast that is gone", () => {
    const id = toast.error("Could not save");
    dismissToast(id);
    releaseToast(id, "hover");
    holdToast(id, "focus");
    expect(vi.getTimerCount()).toBe(0);
    toast.error("Could not load");
    toast.error("Could not load");
    expect(shown()).toEqual(["Could not load"]);
    expect(vi.getTimerCount()).toBe(1);
  });
});
