// The smart lists API's shapes: a saved set of contact filters with an order, private or shared with
// the team, and each user's chosen columns.

import type { QueryOf, Schemas } from "../../../api/contract";

export type SmartList = Schemas["SmartList"];
export type SmartListFilters = Schemas["SmartListFilters"];
export type SmartListCreate = Schemas["SmartListCreate"];
export type SmartListUpdate = Schemas["SmartListUpdate"];
export type SmartListPage = Schemas["SmartListPage"];
/** A column a user can show in a list's table. */
export type ListColumn = SmartList["columns"][number];
/** A list's order. */
export type ListSort = SmartList["sort"];
export type ListVisibility = SmartList["visibility"];
/** A condition on a contact's custom field. */
export type CustomCondition = Schemas["CustomCondition"];
export type ConditionOp = CustomCondition["op"];
/** GET /smart-lists/{list_id}/contacts without the paging. */
export type ListMembersQuery = Omit<QueryOf<"/smart-lists/{list_id}/contacts">, "cursor" | "limit">;
