import { describe, expect, it } from "vitest";
import { searchPrefix, searchText, searchTooShort } from "./search";

describe("searchPrefix", () => {
  it("folds text as the API does", () => {
    expect(searchPrefix("  Zoë   O'Neil ")).toBe("zoe o'neil");
  });

  it("keeps only the digits of a phone-like entry", () => {
    expect(searchPrefix("+1 (555) 20")).toBe("155520");
  });
});

describe("searchText", () => {
  it("sends nothing under 3 characters", () => {
    expect(searchText("")).toBeUndefined();
    expect(searchText("ad")).toBeUndefined();
    expect(searchText("  a  ")).toBeUndefined();
  });

  it("counts a phone entry by its digits", () => {
    expect(searchText("+1 2")).toBeUndefined();
    expect(searchText("+1 23")).toBe("+1 23");
  });

  it("sends the trimmed text from 3 characters", () => {
    expect(searchText(" Ada ")).toBe("Ada");
    expect(searchText("é a")).toBe("é a");
  });
});

describe("searchTooShort", () => {
  it("is true only for something typed that is too short", () => {
    expect(searchTooShort("")).toBe(false);
    expect(searchTooShort("ad")).toBe(true);
    expect(searchTooShort("ada")).toBe(false);
  });
});
