// A marketing asset's file: its record asked for (with the presigned POST), the bytes posted straight
// to S3 (every presigned field first, the file last, as the media library does), then completed. A
// failed upload deletes the record it made, so no half-made asset is left behind.

import { UploadError, uploadBody, uploadRefusal } from "../../media/upload";
import type { AffiliatesApi } from "./api";
import { assetContentType } from "./affiliatesModel";
import type { AssetUploadForm, PartnerAsset } from "./types";

/** The API's `upload` (a JSON object) as the form S3 takes, or null when it is not one. */
export function uploadFormOf(upload: Record<string, unknown> | null | undefined): AssetUploadForm | null {
  if (!upload || typeof upload.url !== "string" || !upload.fields || typeof upload.fields !== "object") return null;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(upload.fields as Record<string, unknown>)) fields[name] = String(value);
  return { url: upload.url, fields };
}

export type PostFile = (form: AssetUploadForm, file: File) => Promise<void>;

/** The multipart POST to S3 (no Authorization header: the form is the permission). */
export const postToS3: PostFile = async (form, file) => {
  let response: Response;
  try {
    response = await fetch(form.url, { method: "POST", body: uploadBody(form, file, file.name) });
  } catch {
    throw new UploadError("The file could not be sent: check your connection and try again.");
  }
  if (!response.ok) throw new UploadError(uploadRefusal(response.status, await response.text().catch(() => "")));
};

export async function uploadAsset(
  api: Pick<AffiliatesApi, "addAsset" | "completeAsset" | "deleteAsset">,
  title: string,
  file: File,
  post: PostFile = postToS3,
): Promise<PartnerAsset> {
  const contentType = assetContentType(file.name);
  if (!contentType) throw new UploadError(`“${file.name}” is not an image or a PDF.`);
  const started = await api.addAsset({ kind: "file", title, file_name: file.name, content_type: contentType, size: file.size });
  const form = uploadFormOf(started.upload);
  try {
    if (!form) throw new UploadError("The upload could not be prepared: try again.");
    await post(form, file);
    return await api.completeAsset(started.asset.asset_id);
  } catch (error) {
    await api.deleteAsset(started.asset.asset_id).catch(() => undefined);
    throw error;
  }
}
