// The contact and company lists' filters, kept in the URL so a list can be shared and survives a
// reload, and the API query each becomes. The API serves one of role, owner and deleted at a time
// from its own index (two at once is a 422), and a sort only for the whole list: a filtered list is
// newest first, a search in name order.

import { searchText } from "./search";
import { CONTACT_ROLES, type CompanyListQuery, type ContactListQuery, type ContactRole } from "./types";

export type ContactSort = NonNullable<ContactListQuery["sort"]>;
export type CompanySort = NonNullable<CompanyListQuery["sort"]>;

export const CONTACT_SORTS: readonly { value: ContactSort; label: string }[] = [
  { value: "created", label: "Newest first" },
  { value: "name", label: "Name, A to Z" },
  { value: "updated", label: "Recently updated" },
];

export const COMPANY_SORTS: readonly { value: CompanySort; label: string }[] = [
  { value: "name", label: "Name, A to Z" },
  { value: "created", label: "Newest first" },
];

export interface ContactFilters {
  q?: string;
  role?: ContactRole;
  owner_id?: string;
  sort?: ContactSort;
}

export interface CompanyFilters {
  q?: string;
  sort?: CompanySort;
}

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

function text(params: URLSearchParams, key: string): string | undefined {
  return params.get(key)?.trim() || undefined;
}

export function contactFiltersFromParams(params: URLSearchParams): ContactFilters {
  const role = pick(params.get("role"), CONTACT_ROLES);
  const filters: ContactFilters = {
    q: text(params, "q"),
    role,
    owner_id: role ? undefined : text(params, "owner_id"),
    sort: pick(params.get("sort"), CONTACT_SORTS.map((sort) => sort.value)),
  };
  return withoutEmpty(filters);
}

export function companyFiltersFromParams(params: URLSearchParams): CompanyFilters {
  return withoutEmpty({ q: text(params, "q"), sort: pick(params.get("sort"), COMPANY_SORTS.map((sort) => sort.value)) });
}

export function paramsFromFilters(filters: ContactFilters | CompanyFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (typeof value === "string" && value.trim()) params.set(key, value.trim());
  }
  return params;
}

function withoutEmpty<T extends object>(filters: T): T {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined && value !== "")) as T;
}

/** The filters with a role or an owner set (or cleared): one of the two at a time. */
export function withContactFilter(filters: ContactFilters, key: "role" | "owner_id", value: string): ContactFilters {
  const next: ContactFilters = { ...filters, role: undefined, owner_id: undefined };
  if (key === "role") next.role = pick(value, CONTACT_ROLES);
  else next.owner_id = value || undefined;
  return withoutEmpty(next);
}

/** Whether the chosen sort orders the list: only the whole, unfiltered list is sorted. */
export function contactSortApplies(filters: ContactFilters): boolean {
  return !searchText(filters.q ?? "") && !filters.role && !filters.owner_id;
}

/** GET /contacts's query for the filters (`deleted`: the deleted list, which takes no other filter). */
export function contactListQuery(filters: ContactFilters, deleted = false): ContactListQuery {
  if (deleted) return { deleted: true };
  const query: ContactListQuery = {};
  const q = searchText(filters.q ?? "");
  if (q) query.q = q;
  if (filters.role) query.role = filters.role;
  else if (filters.owner_id) query.owner_id = filters.owner_id;
  if (contactSortApplies(filters) && filters.sort && filters.sort !== "created") query.sort = filters.sort;
  return query;
}

/** How many filters narrow the list (the sort only orders it). */
export function activeContactFilters(filters: ContactFilters): number {
  return [filters.q, filters.role, filters.owner_id].filter(Boolean).length;
}

/** GET /companies's query for the filters. */
export function companyListQuery(filters: CompanyFilters, deleted = false): CompanyListQuery {
  if (deleted) return { deleted: true };
  const q = searchText(filters.q ?? "");
  if (q) return { q };
  return filters.sort && filters.sort !== "name" ? { sort: filters.sort } : {};
}
