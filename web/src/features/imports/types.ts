// The imports API's shapes: an import as the server read its file (GET /imports/{id}), the upload
// form it is created with, starting it with a mapping, the targets a column can go to, and the
// saved mappings (/import-templates).

import type { ListQueryOf, Schemas } from "../../api/contract";

/** An import: its file as read (header, sample), the proposed mapping, progress, counts and undo. */
export type Import = Schemas["Import"];
export type ImportStatus = Import["status"];
export type ImportCounts = Schemas["Counts"];
/** POST /imports: the file the browser is about to upload. */
export type ImportCreate = Schemas["ImportCreate"];
/** Its 201: the import, and the presigned form the file is posted to S3 with. */
export type ImportCreated = Schemas["ImportCreated"];
export type UploadForm = Schemas["UploadForm"];
export type ImportOptions = Schemas["ImportOptions"];
/** POST /imports/{id}/start: a target key per column ("" skips it), the options, a name to save it under. */
export type ImportStart = Schemas["ImportStart"];
export type ImportPage = Schemas["ImportPage"];
/** GET /imports's filters (without the paging). */
export type ImportListQuery = ListQueryOf<"/imports">;
/** A field a column can be imported into: its key, label and group (Person, Lead, Attribution, Custom fields). */
export type Target = Schemas["Target"];
export type TargetList = Schemas["TargetList"];
/** A saved mapping: normalised header label to target key, and the options. */
export type ImportTemplate = Schemas["ImportTemplate"];
export type ImportTemplateList = Schemas["ImportTemplateList"];
/** A presigned link to the failed and skipped rows, valid 10 minutes. */
export type ProblemsFile = Schemas["ProblemsFile"];
