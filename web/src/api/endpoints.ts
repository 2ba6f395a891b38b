// One function per API operation the web app uses.

import type { ApiClient } from "./client";
import type {
  LeadCreate,
  LeadDetail,
  Lead,
  LeadPage,
  LeadUpdate,
  Note,
  Pipeline,
  Profile,
  SignUpRequest,
  SignUpResponse,
  Tokens,
  User,
} from "./types";
import type { LeadFilters } from "../lib/filters";

const lead = (leadId: string) => `/leads/${encodeURIComponent(leadId)}`;

export function endpoints(client: ApiClient) {
  return {
    signUp: (body: SignUpRequest) => client.post<SignUpResponse>("/auth/signup", body, { auth: false }),
    login: (email: string, password: string) =>
      client.post<Tokens>("/auth/login", { email, password }, { auth: false }),
    forgotPassword: (email: string) =>
      client.post<{ message: string }>("/auth/password/forgot", { email }, { auth: false }),
    confirmPassword: (email: string, code: string, password: string) =>
      client.post<{ message: string }>("/auth/password/confirm", { email, code, password }, { auth: false }),
    me: () => client.get<Profile>("/me"),

    users: () => client.get<{ items: User[] }>("/users").then((page) => page.items),
    pipelines: () => client.get<{ items: Pipeline[] }>("/pipelines").then((page) => page.items),

    listLeads: (filters: LeadFilters, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<LeadPage>("/leads", { ...filters, cursor, limit }, signal),
    getLead: (leadId: string) => client.get<LeadDetail>(lead(leadId)),
    createLead: (body: LeadCreate) => client.post<Lead>("/leads", body),
    updateLead: (leadId: string, body: LeadUpdate) => client.patch<Lead>(lead(leadId), body),
    deleteLead: (leadId: string) => client.delete<Lead>(lead(leadId)),
    restoreLead: (leadId: string) => client.post<Lead>(`${lead(leadId)}/restore`),
    addNote: (leadId: string, body: string) => client.post<Note>(`${lead(leadId)}/notes`, { body }),
    updateNote: (leadId: string, noteId: string, body: string, version: number) =>
      client.patch<Note>(`${lead(leadId)}/notes/${encodeURIComponent(noteId)}`, { body, version }),
  };
}

export type Api = ReturnType<typeof endpoints>;
