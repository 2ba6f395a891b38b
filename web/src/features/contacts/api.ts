// The contacts operations: contacts and companies, each listed, read, written, deleted and restored.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type {
  Company,
  CompanyCreate,
  CompanyDetail,
  CompanyListQuery,
  CompanyPage,
  CompanyUpdate,
  Contact,
  ContactCreate,
  ContactDetail,
  ContactListQuery,
  ContactPage,
  ContactUpdate,
} from "./types";

const contact = (contactId: string) => `/contacts/${encodeURIComponent(contactId)}`;
const company = (companyId: string) => `/companies/${encodeURIComponent(companyId)}`;

export function contactsApi(client: ApiClient) {
  return {
    listContacts: (query: ContactListQuery, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<ContactPage>("/contacts", { ...query, cursor, limit }, signal),
    getContact: (contactId: string) => client.get<ContactDetail>(contact(contactId)),
    createContact: (body: ContactCreate) => client.post<Contact>("/contacts", body),
    updateContact: (contactId: string, body: ContactUpdate) => client.patch<Contact>(contact(contactId), body),
    deleteContact: (contactId: string) => client.delete<Contact>(contact(contactId)),
    restoreContact: (contactId: string) => client.post<Contact>(`${contact(contactId)}/restore`),
    listCompanies: (query: CompanyListQuery, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<CompanyPage>("/companies", { ...query, cursor, limit }, signal),
    getCompany: (companyId: string) => client.get<CompanyDetail>(company(companyId)),
    createCompany: (body: CompanyCreate) => client.post<Company>("/companies", body),
    updateCompany: (companyId: string, body: CompanyUpdate) => client.patch<Company>(company(companyId), body),
    deleteCompany: (companyId: string) => client.delete<Company>(company(companyId)),
    restoreCompany: (companyId: string) => client.post<Company>(`${company(companyId)}/restore`),
  };
}

export type ContactsApi = ReturnType<typeof contactsApi>;
export const useContactsApi = apiHook(contactsApi);
