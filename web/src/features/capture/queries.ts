// Query keys and reads of the forms area.

import { useQuery } from "@tanstack/react-query";
import { useCursorPages } from "../../lib/useCursorPages";
import { useCaptureApi } from "./api";

export const formKeys = {
  all: ["forms"] as const,
  list: ["forms", "list"] as const,
  form: (formId: string) => ["forms", "form", formId] as const,
  submissions: (formId: string) => ["forms", "submissions", formId] as const,
  submissionPage: (formId: string, spam: boolean | null, cursor: string | null) =>
    ["forms", "submissions", formId, spam, cursor] as const,
};

export function useForms() {
  const api = useCaptureApi();
  return useQuery({ queryKey: formKeys.list, queryFn: api.forms });
}

export function useForm(formId: string) {
  const api = useCaptureApi();
  return useQuery({ queryKey: formKeys.form(formId), queryFn: () => api.getForm(formId), meta: { inlineErrors: true } });
}

export const SUBMISSIONS_PAGE_SIZE = 25;

/** One page of a form's submissions at a time, walking the API's cursors forward and back. */
export function useSubmissionPages(formId: string, spam: boolean | null) {
  const api = useCaptureApi();
  return useCursorPages(
    { formId, spam },
    (filters, cursor) => formKeys.submissionPage(filters.formId, filters.spam, cursor),
    (filters, cursor, signal) =>
      api.formSubmissions(filters.formId, filters.spam, cursor, SUBMISSIONS_PAGE_SIZE, signal),
  );
}
