import { describe, expect, it } from "vitest";
import { pagerSummary } from "./Pager";

const LEADS = ["lead", "leads"] as const;

describe("pagerSummary", () => {
  it("counts against the total where the API gives one", () => {
    expect(pagerSummary(1, 25, true, LEADS, 1234)).toBe("Page 1 · 25 of 1,234 leads");
    expect(pagerSummary(2, 1, false, LEADS, 26)).toBe("Page 2 · 1 of 26 leads");
  });

  it("says 'of many' while more pages follow and no total is known", () => {
    expect(pagerSummary(3, 25, true, LEADS)).toBe("Page 3 · 25 of many leads");
    expect(pagerSummary(3, 25, true, LEADS, null)).toBe("Page 3 · 25 of many leads");
  });

  it("knows the whole list from its only page, and says when a later page is the last", () => {
    expect(pagerSummary(1, 1, false, LEADS)).toBe("Page 1 · 1 lead, all shown");
    expect(pagerSummary(4, 7, false, LEADS)).toBe("Page 4 · 7 leads, the last page");
  });

  it("leaves the number out for a page opened from a link", () => {
    expect(pagerSummary(null, 25, true, LEADS)).toBe("25 of many leads");
  });
});
