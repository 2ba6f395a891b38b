// The capture operations: lead capture forms and what they received.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type { CaptureForm, FormList, FormSettingsInput, FormUpdate, SubmissionPage } from "./types";

const formPath = (formId: string) => `/forms/${encodeURIComponent(formId)}`;

export function captureApi(client: ApiClient) {
  return {
    forms: () => client.get<FormList>("/forms").then((page) => page.items),
    getForm: (formId: string) => client.get<CaptureForm>(formPath(formId)),
    createForm: (body: FormSettingsInput) => client.post<CaptureForm>("/forms", body),
    updateForm: (formId: string, body: FormUpdate) => client.patch<CaptureForm>(formPath(formId), body),
    deleteForm: (formId: string) => client.delete<CaptureForm>(formPath(formId)),
    publishForm: (formId: string) => client.post<CaptureForm>(`${formPath(formId)}/publish`),
    unpublishForm: (formId: string) => client.post<CaptureForm>(`${formPath(formId)}/unpublish`),
    duplicateForm: (formId: string) => client.post<CaptureForm>(`${formPath(formId)}/duplicate`),
    formSubmissions: (formId: string, spam: boolean | null, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<SubmissionPage>(`${formPath(formId)}/submissions`, { spam, cursor, limit }, signal),
  };
}

export type CaptureApi = ReturnType<typeof captureApi>;
export const useCaptureApi = apiHook(captureApi);
