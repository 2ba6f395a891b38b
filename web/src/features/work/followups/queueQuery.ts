// The follow-up queue's view (mine or the team's, one assignee) kept in the URL, and the API query.

import type { FollowUpQueueQuery } from "../types";

export interface QueueView {
  scope: "mine" | "team";
  /** Team view only: one person's follow-ups. */
  assigneeId?: string;
}

export interface QueueAccess {
  /** The role sees every lead, so the team's queue (`leads:read_all`). */
  team: boolean;
  /** The role is given follow-ups of its own (`followups:write`). */
  own: boolean;
}

/** The view a URL asks for, as far as the role may have it; by default the user's own queue. */
export function queueViewFromParams(params: URLSearchParams, access: QueueAccess): QueueView {
  const asked = params.get("scope");
  const scope = access.team && (asked === "team" || (asked !== "mine" && !access.own)) ? "team" : "mine";
  const assigneeId = params.get("assignee")?.trim();
  return scope === "team" && assigneeId ? { scope, assigneeId } : { scope };
}

export function paramsFromQueueView(view: QueueView, access: QueueAccess): URLSearchParams {
  const params = new URLSearchParams();
  const defaultScope = access.team && !access.own ? "team" : "mine";
  if (view.scope !== defaultScope) params.set("scope", view.scope);
  if (view.scope === "team" && view.assigneeId) params.set("assignee", view.assigneeId);
  return params;
}

/** GET /followups's query for a view: open follow-ups, "today" in the viewer's time zone. */
export function queueQuery(view: QueueView, timeZone: string | undefined): FollowUpQueueQuery {
  const query: FollowUpQueueQuery = { scope: view.scope, status: "open" };
  if (view.scope === "team" && view.assigneeId) query.assignee_id = view.assigneeId;
  if (timeZone) query.tz = timeZone;
  return query;
}
