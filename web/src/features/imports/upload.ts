// The file's way in: what the browser refuses before creating the import (the API's own rules, said
// the same way), and the upload itself, a multipart POST straight to S3 with the presigned form's
// fields first and the file last. S3 refuses with an XML error, read here into a sentence.

import type { UploadForm } from "./types";

export const ACCEPTED_EXTENSIONS = [".csv", ".txt", ".tsv", ".xlsx"] as const;
/** The API's and the upload policy's limit. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** For the file input's `accept`. */
export const ACCEPT_ATTRIBUTE = ACCEPTED_EXTENSIONS.join(",");

/** Spreadsheet formats people try that need saving again first. */
const SAVE_AS_FIRST = [".xls", ".xlsm", ".xlsb", ".ods", ".numbers"];

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}

export function isExcel(name: string): boolean {
  return extensionOf(name) === ".xlsx";
}

/** "820 bytes", "12 KB", "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const megabytes = bytes / 1024 / 1024;
  return `${megabytes < 10 ? megabytes.toFixed(1) : Math.round(megabytes)} MB`;
}

/** Why this file cannot be imported, in plain words; null when it can be sent. */
export function fileProblem(file: { name: string; size: number }): string | null {
  const extension = extensionOf(file.name);
  if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(extension)) {
    if (SAVE_AS_FIRST.includes(extension)) {
      return `“${file.name}” cannot be imported as it is: open it and save it as an Excel Workbook (.xlsx) or as CSV, then choose that file.`;
    }
    return `“${file.name}” is not a spreadsheet Convertly can read: choose a CSV file (.csv, .txt, .tsv) or an Excel workbook (.xlsx).`;
  }
  if (file.size > MAX_FILE_BYTES) {
    const megabytes = Math.ceil(file.size / 1024 / 1024);
    return `This file is ${megabytes} MB; files up to 50 MB can be imported. Split it into smaller files and import each.`;
  }
  if (file.size === 0) return "This file is empty: choose a file with a header row and at least one row of data.";
  return null;
}

/** The multipart form S3 expects: every presigned field first, the file last under "file". */
export function uploadBody(form: Pick<UploadForm, "fields">, file: Blob, fileName: string): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append("file", file, fileName);
  return body;
}

/** 0 to 100. */
export function uploadPercent(loaded: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((loaded / total) * 100)));
}

function tagText(xml: string, tag: string): string | null {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  if (!match?.[1]) return null;
  return match[1]
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

/** S3's refusal ("<Error><Code>EntityTooLarge</Code><Message>…"), as a person reads it. */
export function uploadRefusal(status: number, body: string): string {
  const code = tagText(body, "Code");
  const message = tagText(body, "Message");
  let reason: string;
  if (code === "EntityTooLarge") reason = "the file is larger than 50 MB";
  else if (code === "AccessDenied" && message && /expired/i.test(message)) reason = "the upload form has expired; choose the file again";
  else reason = message ?? `the storage answered ${status}`;
  return `The upload was refused: ${reason}`;
}

/** The upload did not go through: `message` is for a person. */
export class UploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UploadError";
  }
}

export const UPLOAD_NETWORK_MESSAGE = "The file could not be sent: check your connection and try again.";

/**
 * Posts the file to S3 with the presigned form (no Authorization header: the form is the permission),
 * reporting the bytes sent as they go. Resolves on S3's 2xx; rejects with an UploadError otherwise.
 */
export function uploadFile(
  form: UploadForm,
  file: File,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", form.url);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(uploadPercent(event.loaded, event.total));
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(100);
        resolve();
      } else {
        reject(new UploadError(uploadRefusal(request.status, request.responseText ?? "")));
      }
    };
    request.onerror = () => reject(new UploadError(UPLOAD_NETWORK_MESSAGE));
    request.onabort = () => reject(new DOMException("The upload was stopped", "AbortError"));
    signal?.addEventListener("abort", () => request.abort(), { once: true });
    request.send(uploadBody(form, file, file.name));
  });
}
