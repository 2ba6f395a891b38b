// The media library API's shapes: its files, a page of them, an upload's form and a link to a file.

import type { ListQueryOf, Schemas } from "../../api/contract";

export type MediaFile = Schemas["MediaFile"];
export type MediaPage = Schemas["MediaPage"];
export type MediaKind = MediaFile["kind"];
/** POST /media/uploads: the presigned form the file is posted to S3 with. */
export type MediaUpload = Schemas["MediaUpload"];
export type UploadForm = Schemas["UploadForm"];
/** A 10-minute link: a download, or (inline) for the browser to show the file. */
export type MediaLink = Schemas["MediaLink"];
/** GET /media: a search of the names. */
export type MediaListQuery = ListQueryOf<"/media">;
