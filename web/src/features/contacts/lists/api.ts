// The smart lists operations: the lists (mine and the team's), one list, its members a page at a
// time, and my columns of it.

import type { ApiClient } from "../../../api/client";
import { apiHook } from "../../../context";
import type { ContactPage } from "../types";
import type { ListColumn, ListMembersQuery, SmartList, SmartListCreate, SmartListPage, SmartListUpdate } from "./types";

const listPath = (listId: string) => `/smart-lists/${encodeURIComponent(listId)}`;

export function smartListsApi(client: ApiClient) {
  return {
    smartLists: () => client.get<SmartListPage>("/smart-lists").then((page) => page.items),
    smartList: (listId: string) => client.get<SmartList>(listPath(listId)),
    createSmartList: (body: SmartListCreate) => client.post<SmartList>("/smart-lists", body),
    updateSmartList: (listId: string, body: SmartListUpdate) => client.patch<SmartList>(listPath(listId), body),
    deleteSmartList: (listId: string) => client.delete<null>(listPath(listId)),
    listMembers: (listId: string, query: ListMembersQuery, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<ContactPage>(`${listPath(listId)}/contacts`, { ...query, cursor, limit }, signal),
    saveColumns: (listId: string, columns: readonly ListColumn[]) =>
      client.request<SmartList>("PUT", `${listPath(listId)}/columns`, { body: { columns } }),
  };
}

export type SmartListsApi = ReturnType<typeof smartListsApi>;
export const useSmartListsApi = apiHook(smartListsApi);
