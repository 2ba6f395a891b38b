// The team operations: Settings > Team (GET /team, invitations, role, deactivation, deletion, reassigning
// a member's open work) and one's own profile, password and sessions (/me).

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type {
  InvitationResults,
  Invitations,
  Invitee,
  MessageResponse,
  PasswordChange,
  ProfileUpdate,
  ReassignRequest,
  Reassignment,
  Role,
  RoleChange,
  Team,
  TeamMember,
  TeamQuery,
  User,
} from "./types";

const memberPath = (userId: string) => `/team/${encodeURIComponent(userId)}`;

export function teamApi(client: ApiClient) {
  return {
    team: (query: TeamQuery, signal?: AbortSignal) => client.get<Team>("/team", query, signal),
    member: (userId: string) => client.get<TeamMember>(memberPath(userId)),
    /** One result per person: an invitation that fails (taken email, no seat left) does not stop the others. */
    invite: (people: Invitee[]) => client.post<InvitationResults>("/team/invitations", { people } satisfies Invitations),
    /** A new temporary password, valid 7 more days; the previous email's stops working. */
    resendInvitation: (userId: string) => client.post<TeamMember>(`${memberPath(userId)}/invitation`),
    revokeInvitation: (userId: string) => client.delete<null>(`${memberPath(userId)}/invitation`),
    changeRole: (userId: string, role: Role) =>
      client.request<TeamMember>("PUT", `${memberPath(userId)}/role`, { body: { role } satisfies RoleChange }),
    deactivate: (userId: string) => client.post<TeamMember>(`${memberPath(userId)}/deactivate`),
    reactivate: (userId: string) => client.post<TeamMember>(`${memberPath(userId)}/reactivate`),
    /** Only a deactivated member who owns no open lead, follow-up or task (409 `user_has_work`). */
    remove: (userId: string) => client.delete<null>(memberPath(userId)),
    /** Queues the move of the member's open work (202); it runs in the background, a chunk at a time. */
    reassign: (userId: string, body: ReassignRequest) => client.post<Reassignment>(`${memberPath(userId)}/reassign`, body),
    /** A reassignment's progress. */
    reassignment: (jobId: string, signal?: AbortSignal) =>
      client.get<Reassignment>(`/reassignments/${encodeURIComponent(jobId)}`, undefined, signal),

    updateProfile: (body: ProfileUpdate) => client.patch<User>("/me", body),
    changePassword: (body: PasswordChange) => client.post<MessageResponse>("/me/password", body),
    /** Ends every session of the signed-in person, this one included. */
    signOutEverywhere: () => client.post<MessageResponse>("/me/sign-out-everywhere"),
  };
}

export type TeamApi = ReturnType<typeof teamApi>;
export const useTeamApi = apiHook(teamApi);
