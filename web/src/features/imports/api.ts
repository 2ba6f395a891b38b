// The imports operations: the list, an import's life (create, start, cancel, undo, problems file),
// the targets a column can go to and the saved mappings. The file itself goes straight to S3
// (upload.ts), not through the API.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import { importListQuery, type ImportFilters } from "./filters";
import type {
  Import,
  ImportCreate,
  ImportCreated,
  ImportPage,
  ImportStart,
  ImportTemplateList,
  ProblemsFile,
  TargetList,
} from "./types";

const importPath = (importId: string) => `/imports/${encodeURIComponent(importId)}`;

export function importsApi(client: ApiClient) {
  return {
    /** Newest first. */
    imports: (filters: ImportFilters, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<ImportPage>("/imports", { ...importListQuery(filters), cursor, limit }, signal),
    importOf: (importId: string, signal?: AbortSignal) => client.get<Import>(importPath(importId), undefined, signal),
    /** An import waiting for its file, with the form to upload it with (refused: wrong type, over 50 MB, empty). */
    create: (body: ImportCreate) => client.post<ImportCreated>("/imports", body),
    /** 202: queued; the mapping and options are checked now (422 names the column or option). */
    start: (importId: string, body: ImportStart) => client.post<Import>(`${importPath(importId)}/start`, body),
    /** Stops after the current rows; what was written stays (undo removes it). */
    cancel: (importId: string) => client.post<Import>(`${importPath(importId)}/cancel`),
    /** 202: undoing; 409 nothing_to_undo or undo_expired. */
    undo: (importId: string) => client.post<Import>(`${importPath(importId)}/undo`),
    problems: (importId: string) => client.get<ProblemsFile>(`${importPath(importId)}/problems`),
    targets: (signal?: AbortSignal) => client.get<TargetList>("/imports/targets", undefined, signal),
    templates: (signal?: AbortSignal) => client.get<ImportTemplateList>("/import-templates", undefined, signal),
    deleteTemplate: (templateId: string) => client.delete<null>(`/import-templates/${encodeURIComponent(templateId)}`),
  };
}

export type ImportsApi = ReturnType<typeof importsApi>;
export const useImportsApi = apiHook(importsApi);
