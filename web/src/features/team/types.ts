// The team API's shapes: Settings > Team (members, invitations, roles) and one's own profile.

import type { QueryOf } from "../../api/contract";
import type { Schemas } from "../../api/contract";

/** A member as Settings > Team lists them: the user, their status, last sign-in and open leads. */
export type TeamMember = Schemas["TeamMember"];
/** GET /team: the members (filtered) and the seats the plan counts (null before billing). */
export type Team = Schemas["Team"];
/** GET /team's filters: status, role, q. */
export type TeamQuery = QueryOf<"/team">;
export type Role = Schemas["Role"];
export type Invitee = Schemas["Invitee"];
export type Invitations = Schemas["Invitations"];
/** POST /team/invitations: one result per person, invited or failed with `{code, message}`. */
export type InvitationResults = Schemas["InvitationResults"];
export type InvitationResult = Schemas["InvitationResult"];
export type RoleChange = Schemas["RoleChange"];
/** POST /team/{user_id}/reassign: who receives the open work (round robin) and which kinds move. */
export type ReassignRequest = Schemas["ReassignRequest"];
/** A reassignment job (202 from the request, then GET /reassignments/{job_id}): its totals and what moved. */
export type Reassignment = Schemas["Reassignment"];

export type User = Schemas["User"];
/** PATCH /me: only the fields sent change; an emptied one is removed. */
export type ProfileUpdate = Schemas["ProfileUpdate"];
export type PasswordChange = Schemas["PasswordChange"];
export type MessageResponse = Schemas["Message"];
