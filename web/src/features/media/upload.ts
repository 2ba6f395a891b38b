// A file's way into the media library, without React: what the browser refuses before asking (the
// API's own rules, said the same way), the upload itself (a multipart POST straight to S3 with the
// presigned form's fields first and the file last), and how the library describes a file.

import type { MediaApi } from "./api";
import type { MediaFile, MediaKind, UploadForm } from "./types";

/** The API's and the upload policy's limit. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The extensions the library takes (the API reads the type from the extension). */
export const ACCEPTED_EXTENSIONS = [
  ".png",
  ".jpg",
  ".jpeg",
  ".gif",
  ".webp",
  ".pdf",
  ".doc",
  ".docx",
  ".odt",
  ".rtf",
  ".xls",
  ".xlsx",
  ".ods",
  ".ppt",
  ".pptx",
  ".odp",
  ".txt",
  ".csv",
] as const;
export const ACCEPT_ATTRIBUTE = ACCEPTED_EXTENSIONS.join(",");
export const ACCEPTED_WORDS = "Images (PNG, JPEG, GIF, WebP), PDFs, Word, Excel, PowerPoint and OpenDocument files, text and CSV, up to 10 MB each.";

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}

/** "820 bytes", "12 KB", "3.4 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const megabytes = bytes / 1024 / 1024;
  return `${megabytes < 10 ? megabytes.toFixed(1) : Math.round(megabytes)} MB`;
}

/** Why this file cannot go in the library, in plain words; null when it can be sent. */
export function fileProblem(file: { name: string; size: number }): string | null {
  if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(extensionOf(file.name))) {
    return `“${file.name}” cannot go in the media library. ${ACCEPTED_WORDS}`;
  }
  if (file.size > MAX_FILE_BYTES) return `“${file.name}” is ${formatSize(file.size)}; a file in the media library is at most 10 MB.`;
  if (file.size === 0) return `“${file.name}” is empty.`;
  return null;
}

export const KIND_LABELS: Record<MediaKind, string> = {
  image: "Image",
  pdf: "PDF",
  document: "Document",
  spreadsheet: "Spreadsheet",
  presentation: "Presentation",
  text: "Text",
};

/** Whether the browser can show the file itself (a preview), rather than download it. */
export function showsInline(file: Pick<MediaFile, "kind">): boolean {
  return file.kind === "image" || file.kind === "pdf" || file.kind === "text";
}

/** The multipart form S3 expects: every presigned field first, the file last under "file". */
export function uploadBody(form: Pick<UploadForm, "fields">, file: Blob, fileName: string): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append("file", file, fileName);
  return body;
}

/** The upload did not go through: `message` is for a person. */
export class UploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UploadError";
  }
}

/** S3's refusal (`<Error><Code>EntityTooLarge</Code>…`), as a person reads it. */
export function uploadRefusal(status: number, body: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  if (code === "EntityTooLarge") return "The upload was refused: the file is larger than 10 MB.";
  if (code === "AccessDenied" && /expired/i.test(body)) return "The upload was refused: its form expired. Choose the file again.";
  return `The upload was refused (the storage answered ${status}). Try again.`;
}

function postToS3(form: UploadForm, file: File, onProgress: (percent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", form.url);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () =>
      request.status >= 200 && request.status < 300 ? resolve() : reject(new UploadError(uploadRefusal(request.status, request.responseText ?? "")));
    request.onerror = () => reject(new UploadError("The file could not be sent: check your connection and try again."));
    request.send(uploadBody(form, file, file.name));
  });
}

/** The file added to the library: the form asked for, the bytes posted to S3, the upload completed. */
export async function uploadToLibrary(api: MediaApi, file: File, onProgress: (percent: number) => void = () => undefined): Promise<MediaFile> {
  const started = await api.startUpload(file.name, file.size);
  await postToS3(started.upload, file, onProgress);
  return api.complete(started.media_id);
}
