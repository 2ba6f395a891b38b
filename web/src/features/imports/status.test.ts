import { describe, expect, it } from "vitest";
import { CHECK_POLL_MS, IMPORT_STATUSES, isImportStatus, pollInterval, RUN_POLL_MS, statusLabel, statusTone, stepOf } from "./status";

describe("an import's status", () => {
  it("opens the wizard at its step", () => {
    const steps = Object.fromEntries(IMPORT_STATUSES.map((status) => [status, stepOf(status)]));
    expect(steps).toEqual({
      awaiting_upload: "checking",
      inspecting: "checking",
      ready: "map",
      rejected: "rejected",
      queued: "run",
      running: "run",
      done: "report",
      failed: "report",
      cancelled: "report",
      undoing: "run",
      undone: "report",
    });
  });

  it("is read again every second while the file is checked, every 1.5 s while it runs, then no more", () => {
    expect(CHECK_POLL_MS).toBe(1000);
    expect(RUN_POLL_MS).toBe(1500);
    expect(pollInterval("inspecting")).toBe(1000);
    expect(pollInterval("awaiting_upload")).toBe(1000);
    expect(pollInterval("running")).toBe(1500);
    expect(pollInterval("undoing")).toBe(1500);
    for (const status of ["ready", "rejected", "done", "failed", "cancelled", "undone"] as const) expect(pollInterval(status)).toBe(false);
    expect(pollInterval(undefined)).toBe(false);
  });

  it("reads as a badge", () => {
    expect(statusLabel("ready")).toBe("Ready to map");
    expect(statusLabel("rejected")).toBe("File refused");
    expect(statusLabel("something_new")).toBe("something_new");
    expect(statusTone("done")).toBe("good");
    expect(statusTone("failed")).toBe("bad");
    expect(statusTone("running")).toBe("busy");
    expect(isImportStatus("queued")).toBe(true);
    expect(isImportStatus("paused")).toBe(false);
    expect(isImportStatus(null)).toBe(false);
  });
});
