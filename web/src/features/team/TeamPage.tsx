import { keepPreviousData, useMutation, useQuery, type UseQueryResult } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth, useProfile } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Alert, Button, EmptyState, SelectField, Spinner, TextField } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useTeamApi } from "./api";
import { Avatar } from "./Avatar";
import { InviteDialog } from "./InviteDialog";
import { ChangeRoleDialog, DeactivateDialog, DeleteDialog, RevokeDialog, useTeamChanged } from "./MemberDialogs";
import { teamKeys } from "./queries";
import { ALL_KINDS, type TrackedJob, type WorkKinds } from "./reassign";
import { ReassignBanner, ReassignDialog, type ReassignSource } from "./ReassignDialog";
import { TEAM_ROLES } from "./roleChange";
import {
  filtersFromParams,
  hasFilters,
  invitationLabel,
  lastSignInLabel,
  MEMBER_STATUSES,
  memberActions,
  paramsFromFilters,
  seatsFull,
  seatsLabel,
  STATUS_LABELS,
  statusLabel,
  teamQuery,
  withFilter,
  type MemberAction,
  type TeamFilters,
} from "./teamModel";
import type { Reassignment, Team, TeamMember } from "./types";
import { useReassignments } from "./useReassignments";
import { SupportAccessNote, ViewAsDialog } from "./ViewAsDialog";
import { canViewAs } from "./viewAsModel";
import "./team.css";

/** The row actions that open a dialog. */
type RowDialog = "role" | "revoke" | "reassign" | "deactivate" | "delete" | "viewAs";
type Dialog =
  | { kind: Exclude<RowDialog, "reassign">; member: TeamMember }
  | { kind: "reassign"; source: ReassignSource; jobId: string | null; kinds: WorkKinds }
  | { kind: "invite" };

/** A clock for the relative times ("5 min ago"), moving every minute. */
function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * Settings > Team: who is in the account, their status, last sign-in and open leads, with the seats
 * the plan counts. Admins (`users:manage`) invite people and change members; Managers read it.
 */
export function TeamPage() {
  const api = useTeamApi();
  const canManage = useAuth().grants.can(Permission.usersManage);
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(paramsKey)), [paramsKey]);
  const setFilters = useCallback((next: TeamFilters) => setParams(paramsFromFilters(next), { replace: true }), [setParams]);
  const query = teamQuery(filters);
  const team = useQuery({
    queryKey: teamKeys.list(query),
    queryFn: ({ signal }) => api.team(query, signal),
    placeholderData: keepPreviousData,
  });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const me = useProfile().user.user_id;
  const reassignments = useReassignments();

  /** The reassign dialog for a member: on the progress of their job when one is running. */
  function reassign(source: ReassignSource) {
    const running = reassignments.followed.find((job) => job.fromUserId === source.user_id);
    setDialog({ kind: "reassign", source, jobId: running?.jobId ?? null, kinds: running?.kinds ?? ALL_KINDS });
  }
  /** A followed job's progress (its banner's "Show progress", or the dialog once it started one). */
  function showJob(job: TrackedJob) {
    setDialog({ kind: "reassign", source: { user_id: job.fromUserId, name: job.name, open_leads: 0 }, jobId: job.jobId, kinds: job.kinds });
  }
  function onRowAction(kind: RowDialog, member: TeamMember) {
    if (kind === "reassign") reassign(member);
    else setDialog({ kind, member });
  }

  return (
    <>
      <div className="team-head">
        <p className="settings-intro">
          {canManage
            ? "Invite people to your account, choose what each may do, and deactivate those who leave."
            : "Who is in your account and what each may do. An Admin invites people and changes roles."}
        </p>
        {team.data && <Seats team={team.data} />}
        {canManage && (
          <Button variant="primary" onClick={() => setDialog({ kind: "invite" })}>
            Invite people
          </Button>
        )}
      </div>
      <ReassignBanner
        jobs={reassignments.followed}
        hiddenJobId={dialog?.kind === "reassign" ? dialog.jobId : null}
        onEnded={reassignments.ended}
        onShow={showJob}
      />
      {canManage && <SupportAccessNote />}
      <Filters filters={filters} onChange={setFilters} />
      <TeamList team={team} filtered={hasFilters(filters)} canManage={canManage} onAction={onRowAction} />
      {dialog && (
        <TeamDialog
          dialog={dialog}
          me={me}
          onReassign={reassign}
          onStarted={(job, first) => {
            reassignments.follow(job, first);
            showJob(job);
          }}
          onClose={close}
        />
      )}
    </>
  );
}

/** The open dialog: a row's, the invitation's, or "Reassign work". */
function TeamDialog({
  dialog,
  me,
  onReassign,
  onStarted,
  onClose,
}: {
  dialog: Dialog;
  me: string;
  onReassign: (source: ReassignSource) => void;
  onStarted: (job: TrackedJob, first: Reassignment) => void;
  onClose: () => void;
}) {
  switch (dialog.kind) {
    case "invite":
      return <InviteDialog onClose={onClose} />;
    case "role":
      return <ChangeRoleDialog member={dialog.member} onClose={onClose} />;
    case "revoke":
      return <RevokeDialog member={dialog.member} onClose={onClose} />;
    case "deactivate":
      return <DeactivateDialog member={dialog.member} onClose={onClose} />;
    case "delete":
      return <DeleteDialog member={dialog.member} onClose={onClose} onReassign={() => onReassign(dialog.member)} />;
    case "viewAs":
      return <ViewAsDialog member={dialog.member} onClose={onClose} />;
    case "reassign":
      return (
        <ReassignDialog
          key={dialog.source.user_id}
          source={dialog.source}
          me={me}
          jobId={dialog.jobId}
          kinds={dialog.kinds}
          onStarted={onStarted}
          onClose={onClose}
        />
      );
  }
}

function Seats({ team }: { team: Team }) {
  const label = seatsLabel(team);
  if (!label) return null;
  return (
    <p className={`team-seats ${seatsFull(team) ? "team-seats-full" : ""}`} role="status" aria-label="Seats">
      <strong>{label}</strong>
      {seatsFull(team) && <span> · your plan has no seat left</span>}
    </p>
  );
}

function TeamList({
  team,
  filtered,
  canManage,
  onAction,
}: {
  team: UseQueryResult<Team>;
  filtered: boolean;
  canManage: boolean;
  onAction: (kind: RowDialog, member: TeamMember) => void;
}) {
  if (team.isPending) return <Spinner label="Loading your team" />;
  if (team.isError) {
    return (
      <Alert title="The team could not be loaded" actions={<Button onClick={() => void team.refetch()}>Try again</Button>}>
        {errorMessage(team.error)}
      </Alert>
    );
  }
  if (team.data.items.length === 0) {
    return <EmptyState title={filtered ? "Nobody matches these filters" : "Nobody in the team yet"} />;
  }
  return <TeamTable members={team.data.items} canManage={canManage} onAction={onAction} />;
}

function TeamTable({
  members,
  canManage,
  onAction,
}: {
  members: TeamMember[];
  canManage: boolean;
  onAction: (kind: RowDialog, member: TeamMember) => void;
}) {
  const profile = useProfile();
  const me = profile.user.user_id;
  const viewing = profile.impersonation != null;
  const now = useNow();
  return (
    <div className="table-wrap">
      <table className="table team-table">
        <caption className="visually-hidden">Your team, by name</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col" className="numeric">
              Open leads
            </th>
            <th scope="col">Invitation</th>
            {canManage && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <MemberRow
              key={member.user_id}
              member={member}
              me={me}
              now={now}
              canManage={canManage}
              viewAs={canViewAs(member, { canManage, me, viewing })}
              onAction={onAction}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MemberRow({
  member,
  me,
  now,
  canManage,
  viewAs,
  onAction,
}: {
  member: TeamMember;
  me: string;
  now: number;
  canManage: boolean;
  viewAs: boolean;
  onAction: (kind: RowDialog, member: TeamMember) => void;
}) {
  const invitation = invitationLabel(member, now);
  return (
    <tr>
      <td>
        <span className="team-person">
          <Avatar name={member.name || member.email} color={member.avatar_color} className="avatar-small" />
          <span className="lead-name">{member.name}</span>
          {member.user_id === me && <span className="muted"> (you)</span>}
        </span>
      </td>
      <td className="team-email">{member.email}</td>
      <td>{member.role}</td>
      <td>
        <span className={`badge team-status team-status-${member.status}`}>{statusLabel(member.status)}</span>
      </td>
      <td>
        {member.last_sign_in_at ? (
          <time dateTime={member.last_sign_in_at} title={formatDateTime(member.last_sign_in_at)}>
            {lastSignInLabel(member.last_sign_in_at, now)}
          </time>
        ) : (
          <span className="muted">never</span>
        )}
      </td>
      <td className="numeric">{member.open_leads}</td>
      <td>{invitation && <span className={invitation.expired ? "team-expired" : ""}>{invitation.text}</span>}</td>
      {canManage && (
        <td>
          <RowActions member={member} actions={memberActions(member, canManage, me)} viewAs={viewAs} onAction={onAction} />
        </td>
      )}
    </tr>
  );
}

const DIALOG_LABELS: Record<RowDialog, { text: string; label: (name: string) => string }> = {
  role: { text: "Change role", label: (name) => `Change role of ${name}` },
  revoke: { text: "Revoke invitation", label: (name) => `Revoke invitation of ${name}` },
  reassign: { text: "Reassign work", label: (name) => `Reassign work of ${name}` },
  deactivate: { text: "Deactivate", label: (name) => `Deactivate ${name}` },
  delete: { text: "Delete", label: (name) => `Delete ${name}` },
  viewAs: { text: "View as", label: (name) => `View as ${name}` },
};

function RowActions({
  member,
  actions,
  viewAs,
  onAction,
}: {
  member: TeamMember;
  actions: MemberAction[];
  /** "View as" (read-only, 30 minutes): for an active teammate, offered apart from the status's actions. */
  viewAs: boolean;
  onAction: (kind: RowDialog, member: TeamMember) => void;
}) {
  const api = useTeamApi();
  const changed = useTeamChanged();
  const resend = useMutation({
    mutationFn: () => api.resendInvitation(member.user_id),
    onSuccess: async (saved) => {
      toast.success(`Invitation sent again to ${saved.email}`);
      await changed();
    },
  });
  const reactivate = useMutation({
    mutationFn: () => api.reactivate(member.user_id),
    onSuccess: async (saved) => {
      toast.success(`${saved.name} is active again`);
      await changed();
    },
  });
  // One request at a time from a row: its other buttons wait for the answer.
  const pending = resend.isPending || reactivate.isPending;

  return (
    <div className="cell-actions team-actions">
      {actions.map((action) => {
        if (action === "resend") {
          return (
            <Button key={action} className="btn-small" busy={resend.isPending} aria-label={`Resend invitation to ${member.name}`} onClick={() => resend.mutate()}>
              Resend invitation
            </Button>
          );
        }
        if (action === "reactivate") {
          return (
            <Button key={action} className="btn-small" busy={reactivate.isPending} aria-label={`Reactivate ${member.name}`} onClick={() => reactivate.mutate()}>
              Reactivate
            </Button>
          );
        }
        return (
          <Button
            key={action}
            className="btn-small"
            variant={action === "role" ? "secondary" : "ghost"}
            aria-label={DIALOG_LABELS[action].label(member.name)}
            disabled={pending}
            onClick={() => onAction(action, member)}
          >
            {DIALOG_LABELS[action].text}
          </Button>
        );
      })}
      {viewAs && (
        <Button
          className="btn-small"
          variant="ghost"
          aria-label={DIALOG_LABELS.viewAs.label(member.name)}
          disabled={pending}
          onClick={() => onAction("viewAs", member)}
        >
          {DIALOG_LABELS.viewAs.text}
        </Button>
      )}
    </div>
  );
}

function Filters({ filters, onChange }: { filters: TeamFilters; onChange: (filters: TeamFilters) => void }) {
  const search = useCallback((q: string | undefined) => onChange(withFilter(filters, "q", q ?? "")), [filters, onChange]);
  return (
    <div className="filters team-filters" role="search" aria-label="Filter the team">
      <SearchInput value={filters.q ?? ""} onSearch={search} />
      <SelectField
        label="Status"
        value={filters.status ?? ""}
        options={[{ value: "", label: "All statuses" }, ...MEMBER_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))]}
        onChange={(event) => onChange(withFilter(filters, "status", event.target.value))}
      />
      <SelectField
        label="Role"
        value={filters.role ?? ""}
        options={[{ value: "", label: "All roles" }, ...TEAM_ROLES.map((role) => ({ value: role, label: role }))]}
        onChange={(event) => onChange(withFilter(filters, "role", event.target.value))}
      />
      {hasFilters(filters) && (
        <Button variant="ghost" className="filters-clear" onClick={() => onChange({})}>
          Clear filters
        </Button>
      )}
    </div>
  );
}

/** The search box: what is typed goes to the URL (`q`) after a short pause. */
function SearchInput({ value, onSearch }: { value: string; onSearch: (q: string | undefined) => void }) {
  const [text, setText] = useState(value);
  const sent = useRef(value);
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => {
    const wanted = text.trim();
    if (wanted === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = wanted;
      onSearch(wanted || undefined);
    }, 300);
    return () => clearTimeout(timer);
  }, [text, onSearch]);
  return (
    <TextField
      label="Search"
      type="search"
      placeholder="Name or email"
      value={text}
      className="filter-search"
      onChange={(event) => setText(event.target.value)}
    />
  );
}
