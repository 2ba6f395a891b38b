// Which records a bulk action takes: the ids selected, or every record the list shows with its
// filters. Each list builds its filter scope from the same filters it queries with (the lead list's,
// the board's with its pipeline, the contacts list's, a smart list's), so "all matching" is what the
// person sees, every page of it.

import type { ContactListQuery } from "../contacts/types";
import type { LeadFilters } from "../leads/filters";
import type { BulkObject, BulkScope, ContactScope, LeadScope } from "./types";
import type { Selection } from "./selection";

/** A list's filters as the API's scope of "every matching record". */
export type MatchingScope = { leads: LeadScope } | { contacts: ContactScope };

const LEAD_FILTER_KEYS = ["q", "stage_id", "source", "owner_id", "created_from", "created_to"] as const;

function text(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The lead list's filters (the deleted list's `deleted`). */
export function leadListScope(filters: LeadFilters): MatchingScope {
  const scope: LeadScope = {};
  for (const key of LEAD_FILTER_KEYS) {
    const value = text(filters[key]);
    if (value) scope[key] = value;
  }
  if (filters.deleted) scope.deleted = true;
  return { leads: scope };
}

/** The board's: its pipeline, the owner chosen and the search. */
export function boardScope(pipelineId: string, ownerId: string | null, q: string | null): MatchingScope {
  const scope: LeadScope = { pipeline_id: pipelineId };
  const owner = text(ownerId);
  const search = text(q);
  if (owner) scope.owner_id = owner;
  if (search) scope.q = search;
  return { leads: scope };
}

/** The contacts list's query (its sort only orders the list, so it is left out). */
export function contactListScope(query: ContactListQuery): MatchingScope {
  const scope: ContactScope = {};
  const q = text(query.q);
  const owner = text(query.owner_id);
  if (q) scope.q = q;
  if (query.role) scope.role = query.role;
  if (owner) scope.owner_id = owner;
  if (query.deleted) scope.deleted = true;
  return { contacts: scope };
}

/** A smart list's members, with the search within it. */
export function smartListScope(listId: string, q?: string | null): MatchingScope {
  const scope: ContactScope = { list_id: listId };
  const search = text(q);
  if (search) scope.q = search;
  return { contacts: scope };
}

/** The object a scope of matching records is about. */
export function objectOf(matching: MatchingScope): BulkObject {
  return "leads" in matching ? "leads" : "contacts";
}

/** The request's scope: exactly one of the selected ids or the list's filters. */
export function scopeOf(selection: Selection, matching: MatchingScope): BulkScope {
  return selection.matching ? { ...matching } : { ids: [...selection.ids] };
}

/** A key that changes with the filters: a new filter starts with nothing selected. */
export function scopeKey(matching: MatchingScope): string {
  const [object, filters] = Object.entries(matching)[0] ?? ["", {}];
  const sorted = Object.entries(filters as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  return `${object}:${JSON.stringify(sorted)}`;
}
