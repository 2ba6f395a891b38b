// Query keys and reads of the forms area.

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../context";

export const formKeys = {
  all: ["forms"] as const,
  list: ["forms", "list"] as const,
  form: (formId: string) => ["forms", "form", formId] as const,
  submissions: (formId: string) => ["forms", "submissions", formId] as const,
  submissionPage: (formId: string, spam: boolean | null, cursor: string | null) =>
    ["forms", "submissions", formId, spam, cursor] as const,
};

export function useForms() {
  const api = useApi();
  return useQuery({ queryKey: formKeys.list, queryFn: api.forms });
}

export function useForm(formId: string) {
  const api = useApi();
  return useQuery({ queryKey: formKeys.form(formId), queryFn: () => api.getForm(formId), meta: { inlineErrors: true } });
}

export const SUBMISSIONS_PAGE_SIZE = 25;

/** One page of a form's submissions at a time, walking the API's cursors forward and back. */
export function useSubmissionPages(formId: string, spam: boolean | null) {
  const api = useApi();
  const filterKey = `${formId}:${String(spam)}`;
  const [state, setState] = useState<{ filterKey: string; cursors: (string | null)[] }>({ filterKey, cursors: [null] });
  const cursors = state.filterKey === filterKey ? state.cursors : [null];
  const cursor = cursors[cursors.length - 1] ?? null;
  const query = useQuery({
    queryKey: formKeys.submissionPage(formId, spam, cursor),
    queryFn: ({ signal }) => api.formSubmissions(formId, spam, cursor, SUBMISSIONS_PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  });
  const nextCursor = query.isPlaceholderData ? null : (query.data?.next_cursor ?? null);
  return {
    query,
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    hasNext: nextCursor !== null,
    next: () => nextCursor && setState({ filterKey, cursors: [...cursors, nextCursor] }),
    previous: () => setState({ filterKey, cursors: cursors.slice(0, -1) }),
  };
}
