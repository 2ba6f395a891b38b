import { describe, expect, it } from "vitest";
import {
  countItems,
  countsSummary,
  durationText,
  formatCount,
  overLimitText,
  problemsLabel,
  reportTitle,
  runHeadline,
  runProgress,
  undoConfirmText,
  undoneText,
  undoState,
} from "./report";
import type { ImportCounts } from "./types";

const COUNTS: ImportCounts = {
  rows_total: 5000,
  rows_read: 1200,
  created: 1040,
  updated: 100,
  skipped: 50,
  failed: 10,
  leads_created: 0,
  companies_created: 0,
  over_limit: 0,
};

describe("the counts", () => {
  it("show contacts created and updated, rows skipped and failed, with stable test ids", () => {
    const items = countItems(COUNTS, false);
    expect(items.map((item) => [item.label, item.value, item.testId])).toEqual([
      ["Contacts created", 1040, "count-created"],
      ["Contacts updated", 100, "count-updated"],
      ["Rows skipped", 50, "count-skipped"],
      ["Rows failed", 10, "count-failed"],
    ]);
  });

  it("add the leads when the import creates them, and the companies once some were created", () => {
    expect(countItems(COUNTS, true).map((item) => item.key)).toEqual(["created", "updated", "skipped", "failed", "leads_created"]);
    const withCompanies = countItems({ ...COUNTS, leads_created: 3, companies_created: 2 }, false);
    expect(withCompanies.map((item) => item.testId)).toEqual(["count-created", "count-updated", "count-skipped", "count-failed", "count-leads_created", "count-companies_created"]);
  });

  it("read as one line in the list", () => {
    expect(countsSummary(COUNTS)).toBe("1,040 created · 100 updated · 50 skipped · 10 failed");
    expect(formatCount(1234567)).toBe("1,234,567");
  });
});

describe("the run's progress", () => {
  it("is the rows read of the rows in the file", () => {
    expect(runProgress(COUNTS)).toEqual({ value: 1200, max: 5000, percent: 24, text: "1,200 of 5,000 rows" });
    expect(runProgress({ rows_read: 1, rows_total: 1 })).toEqual({ value: 1, max: 1, percent: 100, text: "1 of 1 row" });
  });

  it("is indeterminate before the rows are counted, and never past the total", () => {
    expect(runProgress({ rows_read: 0, rows_total: 0 })).toEqual({ value: 0, max: 0, percent: 0, text: "Counting the rows…" });
    expect(runProgress({ rows_read: 120, rows_total: 100 }).value).toBe(100);
  });

  it("says what is happening", () => {
    expect(runHeadline("queued", false)).toBe("Waiting to start");
    expect(runHeadline("running", false)).toBe("Importing");
    expect(runHeadline("running", true)).toBe("Stopping after the current rows");
    expect(runHeadline("undoing", false)).toBe("Deleting what this import created");
  });
});

describe("durations", () => {
  it("read in seconds, minutes and hours", () => {
    expect(durationText(null)).toBe("");
    expect(durationText(0.4)).toBe("1 s");
    expect(durationText(45.2)).toBe("45 s");
    expect(durationText(120)).toBe("2 min");
    expect(durationText(200)).toBe("3 min 20 s");
    expect(durationText(3600)).toBe("1 h");
    expect(durationText(3900)).toBe("1 h 5 min");
  });
});

describe("undo", () => {
  const now = Date.parse("2026-12-06T10:00:00Z");

  it("is offered until undo_until, then hidden", () => {
    expect(undoState({ status: "done", undo_until: "2026-12-10T09:00:00Z", undone_at: null }, now)).toEqual({ kind: "available", until: "2026-12-10T09:00:00Z" });
    expect(undoState({ status: "done", undo_until: "2026-12-06T09:59:59Z", undone_at: null }, now).kind).toBe("expired");
    expect(undoState({ status: "failed", undo_until: null, undone_at: null }, now)).toEqual({ kind: "none" });
    expect(undoState({ status: "undone", undo_until: null, undone_at: "2026-12-05T08:00:00Z" }, now)).toEqual({ kind: "undone", at: "2026-12-05T08:00:00Z" });
  });

  it("says what it deletes, how it comes back and what stays", () => {
    expect(undoConfirmText({ created: 12, leads_created: 1 })).toBe(
      "This deletes the 12 contacts and 1 lead this import created. They can be restored from the deleted contacts and deleted leads views. " +
        "Companies it created stay, and contacts it updated keep their new values.",
    );
  });

  it("says what it deleted once done", () => {
    const format = (iso: string) => iso.slice(0, 10);
    expect(undoneText({ undone_at: "2026-12-05T08:00:00Z", undone_contacts: 12, undone_leads: 0 }, format)).toBe("Undone on 2026-12-05: 12 contacts and 0 leads deleted.");
    expect(undoneText({ undone_at: null, undone_contacts: 1, undone_leads: 1 }, format)).toBe("Undone: 1 contact and 1 lead deleted.");
  });
});

describe("the report's words", () => {
  it("names the outcome, the problems file and the plan's limit", () => {
    expect(reportTitle("done")).toBe("Import finished");
    expect(reportTitle("cancelled")).toBe("Import cancelled");
    expect(problemsLabel(1)).toBe("Download problems (1 row)");
    expect(problemsLabel(1204)).toBe("Download problems (1,204 rows)");
    expect(overLimitText({ over_limit: 0 })).toBeNull();
    expect(overLimitText({ over_limit: 3 })).toBe("3 rows were refused by your plan's monthly lead limit (counted in failed).");
  });
});
