// The merge operations: the possible duplicates a page at a time, and merging a contact or a company
// into another.

import type { ApiClient } from "../../../api/client";
import { apiHook } from "../../../context";
import type { Company, Contact } from "../types";
import type { CompanyMerge, ContactMerge, DuplicatePage } from "./types";

export function mergeApi(client: ApiClient) {
  return {
    duplicates: (cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<DuplicatePage>("/contacts/duplicates", { cursor, limit }, signal),
    /** The survivor as merged; a version either record moved past since it was read is a 409. */
    mergeContacts: (body: ContactMerge) => client.post<Contact>("/contacts/merge", body),
    mergeCompanies: (body: CompanyMerge) => client.post<Company>("/companies/merge", body),
  };
}

export type MergeApi = ReturnType<typeof mergeApi>;
export const useMergeApi = apiHook(mergeApi);
