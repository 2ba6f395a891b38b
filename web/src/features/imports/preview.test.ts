import { describe, expect, it } from "vitest";
import { fileFacts, parsePreviewText, PREVIEW_ROWS, previewFromRows, squared } from "./preview";

describe("the browser's preview of a CSV file", () => {
  it("reads the header and the first rows, whatever the delimiter", () => {
    expect(parsePreviewText("Name,Email\nAda,ada@example.com\n")).toEqual({ header: ["Name", "Email"], rows: [["Ada", "ada@example.com"]] });
    expect(parsePreviewText("Name;Email\nAda;ada@example.com\n").header).toEqual(["Name", "Email"]);
    expect(parsePreviewText("Name\tEmail\nAda\tada@example.com\n").rows).toEqual([["Ada", "ada@example.com"]]);
  });

  it("keeps quoted commas and line breaks inside a cell", () => {
    const preview = parsePreviewText('Name,Note\n"Lovelace, Ada","first line\nsecond line"\n');
    expect(preview.rows).toEqual([["Lovelace, Ada", "first line\nsecond line"]]);
  });

  it("shows at most five rows, skips blank lines and drops the byte-order mark", () => {
    const lines = ["\ufeffName", "", ...Array.from({ length: 9 }, (_, index) => `Person ${index + 1}`)];
    const preview = parsePreviewText(lines.join("\n"));
    expect(preview.header).toEqual(["Name"]);
    expect(preview.rows).toHaveLength(PREVIEW_ROWS);
    expect(preview.rows[4]).toEqual(["Person 5"]);
  });

  it("reads whatever papaparse gives as strings, and an empty file as nothing", () => {
    expect(previewFromRows([["a", null, 3]])).toEqual({ header: ["a", "", "3"], rows: [] });
    expect(previewFromRows([])).toEqual({ header: [], rows: [] });
  });

  it("squares ragged rows to the header's width", () => {
    expect(squared({ header: ["a", "b", "c"], rows: [["1"], ["1", "2", "3", "4"]] })).toEqual([
      ["1", "", ""],
      ["1", "2", "3"],
    ]);
  });
});

describe("the file as the server read it", () => {
  it("names the format, encoding, delimiter and columns", () => {
    expect(fileFacts({ format: "csv", encoding: "utf-8-sig", delimiter: ";", header: ["a", "b", "c"] })).toBe(
      "CSV · UTF-8 · semicolon-separated · 3 columns",
    );
    expect(fileFacts({ format: "xlsx", encoding: "", delimiter: null, header: ["a"] })).toBe("Excel workbook · 1 column");
    expect(fileFacts({ format: "csv", encoding: "windows-1252", delimiter: "\t", header: [] })).toBe(
      "CSV · Windows-1252 (Western) · tab-separated · 0 columns",
    );
  });
});
