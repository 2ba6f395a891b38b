import { describe, expect, it } from "vitest";
import { chooserRows, DEFAULT_COLUMNS, LIST_COLUMNS, moveColumn, shownColumns, toggleColumn } from "./columns";

describe("shownColumns", () => {
  it("keeps the chosen order, each column once, and leaves out unknown names", () => {
    expect(shownColumns(["tags", "name", "tags", "mood", "email"])).toEqual(["tags", "name", "email"]);
  });

  it("falls back to the default set when nothing is left", () => {
    expect(shownColumns([])).toEqual(DEFAULT_COLUMNS);
    expect(shownColumns(["mood"])).toEqual(DEFAULT_COLUMNS);
  });
});

describe("toggleColumn", () => {
  it("adds a column last and removes one where it is", () => {
    expect(toggleColumn(["name", "email"], "leads", true)).toEqual(["name", "email", "leads"]);
    expect(toggleColumn(["name", "email", "tags"], "email", false)).toEqual(["name", "tags"]);
  });

  it("never hides the last column", () => {
    expect(toggleColumn(["email"], "email", false)).toEqual(["email"]);
  });

  it("does not show a column twice", () => {
    expect(toggleColumn(["name", "email"], "name", true)).toEqual(["email", "name"]);
  });
});

describe("moveColumn", () => {
  it("swaps a column with its neighbour", () => {
    expect(moveColumn(["name", "email", "tags"], "tags", -1)).toEqual(["name", "tags", "email"]);
    expect(moveColumn(["name", "email", "tags"], "name", 1)).toEqual(["email", "name", "tags"]);
  });

  it("stays put at either end or for a hidden column", () => {
    expect(moveColumn(["name", "email"], "name", -1)).toEqual(["name", "email"]);
    expect(moveColumn(["name", "email"], "email", 1)).toEqual(["name", "email"]);
    expect(moveColumn(["name", "email"], "leads", 1)).toEqual(["name", "email"]);
  });
});

describe("chooserRows", () => {
  it("lists the shown columns in their order, then every other one", () => {
    const rows = chooserRows(["tags", "name"]);
    expect(rows.slice(0, 3)).toEqual([
      { column: "tags", shown: true },
      { column: "name", shown: true },
      { column: "email", shown: false },
    ]);
    expect(rows.map((row) => row.column).sort()).toEqual([...LIST_COLUMNS].sort());
  });
});
