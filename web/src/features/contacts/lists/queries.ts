// Query keys of the smart lists, the lists read (mine and the team's), one list read again while it
// is being built, and a list's members a page at a time.

import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCursorPages } from "../../../lib/useCursorPages";
import { PAGE_SIZE } from "../queries";
import { useSmartListsApi } from "./api";
import type { SmartList } from "./types";

/** How often a list being built is read again, until it is ready. */
export const BUILD_POLL_MS = 1500;

/** A page of a list's members: the list, the search within it, and which build of the list it is. */
export interface MemberPageQuery {
  listId: string;
  q?: string;
  /** A change of filters or order (a new version) rebuilds the members: a page of the old ones is no answer. */
  version: number;
  /** A list that turns ready is read again from its first page: while building it was partial. */
  status: SmartList["status"];
}

export const smartListKeys = {
  /** Every list (the picker), and the prefix of each list's own key. */
  lists: ["smart-lists"] as const,
  list: (listId: string) => ["smart-lists", listId] as const,
  // Under the contacts' key: whatever refreshes the contact lists refreshes a list's members too.
  /** Every page of one list's members (the key matches the pages' query objects in part). */
  members: (listId: string) => ["contacts", "smart-list", { listId }] as const,
  memberPage: (query: MemberPageQuery, cursor: string | null) => ["contacts", "smart-list", query, cursor] as const,
};

/** My lists and the team's, by name, with their member counts: read again while one is being built. */
export function useSmartLists() {
  const api = useSmartListsApi();
  return useQuery({
    queryKey: smartListKeys.lists,
    queryFn: api.smartLists,
    staleTime: 30_000,
    refetchInterval: (query) => (query.state.data?.some((list) => list.status === "building") ? BUILD_POLL_MS : false),
  });
}

/** One list, read again every BUILD_POLL_MS while it is building; each read updates the picker's entry. */
export function useSmartList(listId: string) {
  const api = useSmartListsApi();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: smartListKeys.list(listId),
    queryFn: async () => {
      const list = await api.smartList(listId);
      rememberInLists(queryClient, list);
      return list;
    },
    refetchInterval: (query) => (query.state.data?.status === "building" ? BUILD_POLL_MS : false),
    meta: { inlineErrors: true },
  });
}

/** A list as the API last answered it (a save, a read), in its own entry and the picker's. */
export function rememberList(queryClient: QueryClient, list: SmartList): void {
  queryClient.setQueryData(smartListKeys.list(list.list_id), list);
  rememberInLists(queryClient, list);
}

function rememberInLists(queryClient: QueryClient, list: SmartList): void {
  queryClient.setQueryData<SmartList[]>(smartListKeys.lists, (lists) =>
    lists?.map((item) => (item.list_id === list.list_id ? list : item)),
  );
}

/** One page of a list's members at a time, in the list's order (or the search's). */
export function useListMembers(query: MemberPageQuery) {
  const api = useSmartListsApi();
  return useCursorPages(query, smartListKeys.memberPage, (q, cursor, signal) =>
    api.listMembers(q.listId, q.q ? { q: q.q } : {}, cursor, PAGE_SIZE, signal),
  );
}
