// Query keys of the contact and company lists, pages and pickers, and the paged list reads.

import { useCursorPages } from "../../lib/useCursorPages";
import { useContactsApi } from "./api";
import type { CompanyListQuery, ContactListQuery } from "./types";

export const PAGE_SIZE = 25;

export const contactKeys = {
  contacts: ["contacts"] as const,
  contactPage: (query: ContactListQuery, cursor: string | null) => ["contacts", "page", query, cursor] as const,
  contactSearch: (q: string) => ["contacts", "pick", q] as const,
  contact: (contactId: string) => ["contact", contactId] as const,
  companies: ["companies"] as const,
  companyPage: (query: CompanyListQuery, cursor: string | null) => ["companies", "page", query, cursor] as const,
  companySearch: (q: string) => ["companies", "pick", q] as const,
  company: (companyId: string) => ["company", companyId] as const,
};

/** One page of contacts at a time, walking the API's cursors forward and back. */
export function useContactPages(query: ContactListQuery) {
  const api = useContactsApi();
  return useCursorPages(query, contactKeys.contactPage, (q, cursor, signal) => api.listContacts(q, cursor, PAGE_SIZE, signal));
}

/** One page of companies at a time, walking the API's cursors forward and back. */
export function useCompanyPages(query: CompanyListQuery) {
  const api = useContactsApi();
  return useCursorPages(query, contactKeys.companyPage, (q, cursor, signal) => api.listCompanies(q, cursor, PAGE_SIZE, signal));
}
