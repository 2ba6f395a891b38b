// The leads operations: the list, a lead, its writes and its notes.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type { LeadFilters } from "./filters";
import type { Lead, LeadCreate, LeadDetail, LeadPage, LeadUpdate, Note, NoteCreate, NoteUpdate } from "./types";

const lead = (leadId: string) => `/leads/${encodeURIComponent(leadId)}`;

export function leadsApi(client: ApiClient) {
  return {
    listLeads: (filters: LeadFilters, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<LeadPage>("/leads", { ...filters, cursor, limit }, signal),
    getLead: (leadId: string) => client.get<LeadDetail>(lead(leadId)),
    createLead: (body: LeadCreate) => client.post<Lead>("/leads", body),
    updateLead: (leadId: string, body: LeadUpdate) => client.patch<Lead>(lead(leadId), body),
    deleteLead: (leadId: string) => client.delete<Lead>(lead(leadId)),
    restoreLead: (leadId: string) => client.post<Lead>(`${lead(leadId)}/restore`),
    addNote: (leadId: string, body: string) => client.post<Note>(`${lead(leadId)}/notes`, { body } satisfies NoteCreate),
    updateNote: (leadId: string, noteId: string, body: string, version: number) =>
      client.patch<Note>(`${lead(leadId)}/notes/${encodeURIComponent(noteId)}`, { body, version } satisfies NoteUpdate),
  };
}

export type LeadsApi = ReturnType<typeof leadsApi>;
export const useLeadsApi = apiHook(leadsApi);
