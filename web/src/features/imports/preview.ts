// The first rows of a chosen CSV file, read in the browser while it uploads (papaparse guesses the
// delimiter as the server does). An Excel workbook is read by the server only: its preview is the
// import's `sample` once the file is checked. And how the server read the file, in words.

import Papa from "papaparse";
import type { Import } from "./types";

/** The header and up to PREVIEW_ROWS rows, every cell a string. */
export interface FilePreview {
  header: string[];
  rows: string[][];
}

export const PREVIEW_ROWS = 5;

// papaparse counts blank lines towards `preview` before skipping them: a few more lines are read so
// that blank ones (common at the top of exports) still leave five rows to show.
const PARSE_OPTIONS = { preview: (PREVIEW_ROWS + 1) * 4, skipEmptyLines: "greedy" as const };

/** Rows as papaparse read them, the first being the header; the byte-order mark is dropped. */
export function previewFromRows(data: readonly unknown[][]): FilePreview {
  const cells = data.map((row) => row.map((cell) => (cell === null || cell === undefined ? "" : String(cell))));
  const [header = [], ...rows] = cells;
  if (header[0]) header[0] = header[0].replace(/^\ufeff/, "");
  return { header, rows: rows.slice(0, PREVIEW_ROWS) };
}

/** The preview of a CSV file's text (what `previewFile` does with a file). */
export function parsePreviewText(text: string): FilePreview {
  return previewFromRows(Papa.parse<string[]>(text, PARSE_OPTIONS).data);
}

/** Reads the file's first rows only; rejects when papaparse cannot read it. */
export function previewFile(file: File): Promise<FilePreview> {
  return new Promise((resolve, reject) => {
    Papa.parse<string[], File>(file, {
      ...PARSE_OPTIONS,
      complete: (result) => resolve(previewFromRows(result.data)),
      error: (error) => reject(error),
    });
  });
}

/** Each row padded (or cut) to the header's width, so the preview table stays a table. */
export function squared(preview: FilePreview): string[][] {
  const width = preview.header.length;
  return preview.rows.map((row) => Array.from({ length: width }, (_, index) => row[index] ?? ""));
}

const FORMATS: Record<string, string> = { csv: "CSV", xlsx: "Excel workbook" };
const ENCODINGS: Record<string, string> = {
  "utf-8": "UTF-8",
  "utf-8-sig": "UTF-8",
  "windows-1252": "Windows-1252 (Western)",
  "utf-16-le": "UTF-16",
  "utf-16-be": "UTF-16",
};
const DELIMITERS: Record<string, string> = { ",": "comma-separated", ";": "semicolon-separated", "\t": "tab-separated", "|": "pipe-separated" };

/** "CSV · UTF-8 · comma-separated · 7 columns": the file as the server read it. */
export function fileFacts(item: Pick<Import, "format" | "encoding" | "delimiter" | "header">): string {
  const columns = item.header.length;
  const parts = [
    item.format ? (FORMATS[item.format] ?? item.format.toUpperCase()) : "",
    item.encoding ? (ENCODINGS[item.encoding] ?? item.encoding) : "",
    item.delimiter ? (DELIMITERS[item.delimiter] ?? `separated by “${item.delimiter}”`) : "",
    `${columns} ${columns === 1 ? "column" : "columns"}`,
  ];
  return parts.filter(Boolean).join(" · ");
}
