import { describe, expect, it } from "vitest";
import { extensionOf, fileProblem, formatBytes, isExcel, MAX_FILE_BYTES, uploadBody, uploadPercent, uploadRefusal } from "./upload";

const MB = 1024 * 1024;

describe("what the browser refuses before creating the import", () => {
  it("takes CSV, TXT, TSV and XLSX files, whatever the case of the extension", () => {
    for (const name of ["contacts.csv", "export.TXT", "list.tsv", "Leads 2026.XLSX"]) {
      expect(fileProblem({ name, size: 1200 })).toBeNull();
    }
  });

  it("refuses other files, and says what to save an old workbook as", () => {
    expect(fileProblem({ name: "photo.png", size: 10 })).toMatch(/choose a CSV file \(\.csv, \.txt, \.tsv\) or an Excel workbook \(\.xlsx\)/);
    expect(fileProblem({ name: "no-extension", size: 10 })).toMatch(/not a spreadsheet/);
    expect(fileProblem({ name: "old.xls", size: 10 })).toMatch(/save it as an Excel Workbook \(\.xlsx\) or as CSV/);
  });

  it("refuses a file over 50 MB plainly, and accepts exactly 50 MB", () => {
    expect(fileProblem({ name: "big.csv", size: 63 * MB })).toBe(
      "This file is 63 MB; files up to 50 MB can be imported. Split it into smaller files and import each.",
    );
    expect(fileProblem({ name: "edge.csv", size: MAX_FILE_BYTES })).toBeNull();
    expect(fileProblem({ name: "edge.csv", size: MAX_FILE_BYTES + 1 })).toMatch(/^This file is 51 MB/);
  });

  it("refuses an empty file", () => {
    expect(fileProblem({ name: "empty.csv", size: 0 })).toMatch(/This file is empty/);
  });

  it("reads extensions", () => {
    expect(extensionOf("a.b.CSV")).toBe(".csv");
    expect(extensionOf(".hidden")).toBe("");
    expect(isExcel("Book1.xlsx")).toBe(true);
    expect(isExcel("Book1.csv")).toBe(false);
  });
});

describe("sizes", () => {
  it("read as bytes, KB or MB", () => {
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(820)).toBe("820 bytes");
    expect(formatBytes(12 * 1024)).toBe("12 KB");
    expect(formatBytes(3.44 * MB)).toBe("3.4 MB");
    expect(formatBytes(42.6 * MB)).toBe("43 MB");
  });
});

describe("the upload to S3", () => {
  it("sends every presigned field first and the file last, under the name file", async () => {
    const form = { fields: { key: "T#1/imports/abc/source", policy: "eyJ…", "x-amz-signature": "sig", success_action_status: "201" } };
    const file = new Blob(["name,email\nAda,ada@example.com\n"], { type: "text/csv" });
    const body = uploadBody(form, file, "contacts.csv");
    const entries = [...body.entries()];
    expect(entries.map(([name]) => name)).toEqual(["key", "policy", "x-amz-signature", "success_action_status", "file"]);
    expect(body.get("key")).toBe("T#1/imports/abc/source");
    const sent = body.get("file") as File;
    expect(sent.name).toBe("contacts.csv");
    expect(await sent.text()).toBe("name,email\nAda,ada@example.com\n");
  });

  it("counts the progress from 0 to 100", () => {
    expect(uploadPercent(0, 0)).toBe(0);
    expect(uploadPercent(512, 1024)).toBe(50);
    expect(uploadPercent(2000, 1024)).toBe(100);
  });

  it("reads S3's refusals into a sentence", () => {
    const tooLarge =
      '<?xml version="1.0" encoding="UTF-8"?><Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message></Error>';
    expect(uploadRefusal(400, tooLarge)).toBe("The upload was refused: the file is larger than 50 MB");
    const expired = "<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy expired.</Message></Error>";
    expect(uploadRefusal(403, expired)).toBe("The upload was refused: the upload form has expired; choose the file again");
    const other = "<Error><Code>InvalidArgument</Code><Message>Bucket POST must contain a field named &apos;key&apos;</Message></Error>";
    expect(uploadRefusal(400, other)).toBe("The upload was refused: Bucket POST must contain a field named 'key'");
    expect(uploadRefusal(503, "")).toBe("The upload was refused: the storage answered 503");
  });
});
