import { describe, expect, it } from "vitest";
import { formatDay } from "./format";

describe("formatDay", () => {
  it("reads a calendar day as that day, whatever the browser's time zone", () => {
    const shown = formatDay("2027-03-01");
    expect(shown).toContain("2027");
    expect(shown).toMatch(/Mar|3/);
    expect(shown).not.toMatch(/Feb/);
  });

  it("leaves anything else as it is", () => {
    expect(formatDay("soon")).toBe("soon");
    expect(formatDay(null)).toBe("");
  });
});
