import { describe, expect, it } from "vitest";
import { fileProblem, formatSize, showsInline, uploadBody, uploadRefusal } from "./upload";

describe("a file for the media library", () => {
  it("is refused before asking when the library would refuse it, in words", () => {
    expect(fileProblem({ name: "brochure.PDF", size: 2048 })).toBeNull();
    expect(fileProblem({ name: "logo.webp", size: 10 * 1024 * 1024 })).toBeNull();
    expect(fileProblem({ name: "setup.exe", size: 10 })).toMatch(/^“setup.exe” cannot go in the media library\. Images/);
    expect(fileProblem({ name: "drawing.svg", size: 10 })).toMatch(/cannot go in the media library/);
    expect(fileProblem({ name: "big.pdf", size: 12 * 1024 * 1024 })).toBe("“big.pdf” is 12 MB; a file in the media library is at most 10 MB.");
    expect(fileProblem({ name: "empty.txt", size: 0 })).toBe("“empty.txt” is empty.");
  });

  it("reads its size as people say it", () => {
    expect(formatSize(1)).toBe("1 byte");
    expect(formatSize(820)).toBe("820 bytes");
    expect(formatSize(12 * 1024)).toBe("12 KB");
    expect(formatSize(3.4 * 1024 * 1024)).toBe("3.4 MB");
  });

  it("previews in the browser when it is an image, a PDF or text", () => {
    expect(showsInline({ kind: "image" })).toBe(true);
    expect(showsInline({ kind: "pdf" })).toBe(true);
    expect(showsInline({ kind: "spreadsheet" })).toBe(false);
  });

  it("goes to S3 with every presigned field first and the file last", () => {
    const body = uploadBody({ fields: { key: "tenants/t/media/m/a.pdf", "Content-Type": "application/pdf" } }, new Blob(["%PDF"]), "a.pdf");
    expect([...body.keys()]).toEqual(["key", "Content-Type", "file"]);
  });

  it("says why S3 refused it", () => {
    expect(uploadRefusal(400, "<Error><Code>EntityTooLarge</Code></Error>")).toBe("The upload was refused: the file is larger than 10 MB.");
    expect(uploadRefusal(403, "<Error><Code>AccessDenied</Code><Message>Policy expired</Message></Error>")).toMatch(/expired/);
    expect(uploadRefusal(500, "")).toBe("The upload was refused (the storage answered 500). Try again.");
  });
});
