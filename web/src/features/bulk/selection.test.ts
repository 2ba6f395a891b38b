import { describe, expect, it } from "vitest";
import {
  hasSelection,
  isSelected,
  MAX_IDS,
  NO_SELECTION,
  offersMatching,
  pageState,
  selectAllMatching,
  selectedCount,
  selectionProblem,
  toggleRow,
  togglePage,
  type Selection,
} from "./selection";

const PAGE = ["a", "b", "c"];
const some = (...ids: string[]): Selection => ({ ids: new Set(ids), matching: false });

describe("selecting rows", () => {
  it("ticks and unticks one row", () => {
    const one = toggleRow(NO_SELECTION, "b", true, PAGE);
    expect([...one.ids]).toEqual(["b"]);
    expect(isSelected(one, "b")).toBe(true);
    expect(isSelected(one, "a")).toBe(false);
    expect(toggleRow(one, "b", false, PAGE).ids.size).toBe(0);
  });

  it("says how much of the page is selected", () => {
    expect(pageState(NO_SELECTION, PAGE)).toBe("none");
    expect(pageState(some("a"), PAGE)).toBe("some");
    expect(pageState(some("a", "b", "c"), PAGE)).toBe("all");
    expect(pageState(some("x"), PAGE)).toBe("none");
    expect(pageState(selectAllMatching(), PAGE)).toBe("all");
    expect(pageState(some("a"), [])).toBe("none");
  });

  it("selects the page with the header checkbox, keeping rows of other pages", () => {
    const other = some("z");
    const all = togglePage(other, PAGE, true);
    expect([...all.ids].sort()).toEqual(["a", "b", "c", "z"]);
    expect([...togglePage(all, PAGE, false).ids]).toEqual(["z"]);
  });

  it("counts the rows, and not every matching record (unknown until the run finds them)", () => {
    expect(selectedCount(some("a", "b"))).toBe(2);
    expect(selectedCount(selectAllMatching())).toBeNull();
    expect(hasSelection(NO_SELECTION)).toBe(false);
    expect(hasSelection(selectAllMatching())).toBe(true);
  });
});

describe("select all matching", () => {
  it("is offered once the whole page is selected, and not before or after", () => {
    expect(offersMatching(some("a", "b"), PAGE)).toBe(false);
    expect(offersMatching(some("a", "b", "c"), PAGE)).toBe(true);
    expect(offersMatching(selectAllMatching(), PAGE)).toBe(false);
    expect(offersMatching(NO_SELECTION, [])).toBe(false);
  });

  it("goes back to the page's rows when one is unticked", () => {
    const back = toggleRow(selectAllMatching(), "b", false, PAGE);
    expect(back.matching).toBe(false);
    expect([...back.ids]).toEqual(["a", "c"]);
  });

  it("is cleared whole by the header checkbox", () => {
    expect(togglePage(selectAllMatching(), PAGE, false)).toEqual(NO_SELECTION);
  });
});

describe("the API's limit of selected ids", () => {
  it("asks for a filter past 1,000 rows", () => {
    const many: Selection = { ids: new Set(Array.from({ length: MAX_IDS + 1 }, (_, i) => `id-${i}`)), matching: false };
    expect(selectionProblem(many)).toMatch(/at most 1,000 records/);
    expect(selectionProblem({ ids: new Set(Array.from({ length: MAX_IDS }, (_, i) => `id-${i}`)), matching: false })).toBeNull();
    expect(selectionProblem(selectAllMatching())).toBeNull();
  });
});
