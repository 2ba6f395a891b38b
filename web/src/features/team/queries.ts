// Query keys of the team feature. The users read (owner pickers) lives in accounts; a change here
// invalidates it too, since names, roles and who is active show there.

import type { TeamQuery } from "./types";

export const teamKeys = {
  all: ["team"] as const,
  list: (query: TeamQuery) => ["team", "list", query] as const,
  /** A reassignment's progress: not under "team", so refreshing the list does not read every job again. */
  reassignment: (jobId: string) => ["reassignment", jobId] as const,
};
