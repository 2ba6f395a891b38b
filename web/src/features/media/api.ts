// The media library's operations: the files (a page at a time, searched by name), an upload's form and
// its completion, a rename, a delete and links. The bytes go straight to S3 (upload.ts).

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type { MediaFile, MediaLink, MediaListQuery, MediaPage, MediaUpload } from "./types";

const filePath = (mediaId: string) => `/media/${encodeURIComponent(mediaId)}`;

export function mediaApi(client: ApiClient) {
  return {
    /** Newest first. */
    files: (query: MediaListQuery, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<MediaPage>("/media", { ...query, cursor, limit }, signal),
    file: (mediaId: string, signal?: AbortSignal) => client.get<MediaFile>(filePath(mediaId), undefined, signal),
    /** 422: a type the library does not take, over 10 MB, or empty. */
    startUpload: (fileName: string, sizeBytes: number) =>
      client.post<MediaUpload>("/media/uploads", { file_name: fileName, size_bytes: sizeBytes }),
    /** Once S3 took the file: 201 added (200 when completed before). */
    complete: (mediaId: string) => client.post<MediaFile>(`${filePath(mediaId)}/complete`),
    rename: (mediaId: string, name: string) => client.patch<MediaFile>(filePath(mediaId), { name }),
    remove: (mediaId: string) => client.delete<null>(filePath(mediaId)),
    link: (mediaId: string, inline: boolean) => client.get<MediaLink>(`${filePath(mediaId)}/link`, { inline }),
  };
}

export type MediaApi = ReturnType<typeof mediaApi>;
export const useMediaApi = apiHook(mediaApi);
