// The dialogs of a member's row (Admins): change role (with what the person gains and loses), revoke
// an invitation, deactivate, delete. Each shows the API's refusal in the dialog itself (last Admin,
// open work left), so the Admin reads why and what to do next without losing what they chose.

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { toast } from "../../components/toasts";
import { Alert, Button, SelectField } from "../../components/ui";
import { accountKeys } from "../accounts/queries";
import { BILLING_KEY } from "../billing/BillingPage";
import { useTeamApi } from "./api";
import { Modal } from "./Modal";
import { teamKeys } from "./queries";
import { describeConsequences, isTeamRole, ROLE_SUMMARIES, TEAM_ROLES, type TeamRole } from "./roleChange";
import type { TeamMember } from "./types";

/** After any change to the team: its list, the users everyone's pickers read, and the seats on Billing. */
export function useTeamChanged() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: teamKeys.all }),
        queryClient.invalidateQueries({ queryKey: accountKeys.users }),
        queryClient.invalidateQueries({ queryKey: BILLING_KEY }),
      ]),
    [queryClient],
  );
}

/**
 * Runs a dialog's change once at a time, keeping its error for the dialog. Not a mutation on purpose:
 * the app's mutation cache would raise a toast for what the dialog already says.
 */
function useDialogAction<T>(run: () => Promise<T>, done: (result: T) => void) {
  const changed = useTeamChanged();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return {
    busy,
    error,
    async go() {
      if (busy) return;
      setBusy(true);
      setError(null);
      try {
        const result = await run();
        await changed();
        done(result);
      } catch (failure) {
        setError(failure);
        setBusy(false);
      }
    },
  };
}

function DialogActions({ busy, confirm, tone = "danger", disabled = false, onClose }: {
  busy: boolean;
  confirm: string;
  tone?: "danger" | "primary";
  disabled?: boolean;
  onClose: () => void;
}) {
  return (
    <>
      <Button onClick={onClose} disabled={busy}>
        Cancel
      </Button>
      <Button type="submit" variant={tone} busy={busy} disabled={disabled}>
        {confirm}
      </Button>
    </>
  );
}

function Problem({ error, children }: { error: unknown; children?: ReactNode }) {
  if (!error) return null;
  return <Alert actions={children}>{errorMessage(error)}</Alert>;
}

export function ChangeRoleDialog({ member, onClose }: { member: TeamMember; onClose: () => void }) {
  const api = useTeamApi();
  const current = isTeamRole(member.role) ? member.role : null;
  const [role, setRole] = useState<TeamRole>(current ?? "Sales");
  const action = useDialogAction(
    () => api.changeRole(member.user_id, role),
    (saved) => {
      toast.success(`${saved.name} is now ${saved.role}`);
      onClose();
    },
  );
  const unchanged = role === current;

  return (
    <Modal
      title={`Change the role of ${member.name}`}
      onSubmit={() => {
        if (!unchanged) void action.go();
      }}
      onClose={onClose}
      actions={<DialogActions busy={action.busy} confirm="Change role" tone="primary" disabled={unchanged} onClose={onClose} />}
    >
      <Problem error={action.error} />
      <p>
        {member.name} is {current ? `a ${member.role}` : `in the role ${member.role}`}.{" "}
        {member.status === "invited"
          ? "The new role applies when they accept the invitation."
          : "The new role applies from their next click; they stay signed in."}
      </p>
      <SelectField
        label="New role"
        value={role}
        options={TEAM_ROLES.map((value) => ({ value, label: value }))}
        hint={ROLE_SUMMARIES[role]}
        onChange={(event) => {
          if (isTeamRole(event.target.value)) setRole(event.target.value);
        }}
      />
      {current && <Consequences name={member.name} from={current} to={role} />}
    </Modal>
  );
}

/** What the person gains and loses with the new role, before saving it. */
function Consequences({ name, from, to }: { name: string; from: TeamRole; to: TeamRole }) {
  if (from === to) return <p className="muted">Choose another role to see what changes for {name}.</p>;
  const { gained, lost } = describeConsequences(from, to);
  return (
    <section className="role-consequences" aria-label={`What changes for ${name}`}>
      <ConsequenceList title={`${name} will gain`} items={gained} tone="gain" />
      <ConsequenceList title={`${name} will lose`} items={lost} tone="loss" />
    </section>
  );
}

function ConsequenceList({ title, items, tone }: { title: string; items: string[]; tone: "gain" | "loss" }) {
  return (
    <div className={`consequence consequence-${tone}`}>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">Nothing</p>
      ) : (
        <ul aria-label={title}>
          {items.map((item) => (
            <li key={item}>
              <span aria-hidden="true">{tone === "gain" ? "+ " : "− "}</span>
              {item}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function RevokeDialog({ member, onClose }: { member: TeamMember; onClose: () => void }) {
  const api = useTeamApi();
  const action = useDialogAction(
    () => api.revokeInvitation(member.user_id),
    () => {
      toast.success(`The invitation of ${member.name} was revoked`);
      onClose();
    },
  );
  return (
    <Modal
      title={`Revoke the invitation of ${member.name}?`}
      onSubmit={() => void action.go()}
      onClose={onClose}
      actions={<DialogActions busy={action.busy} confirm="Revoke invitation" onClose={onClose} />}
    >
      <Problem error={action.error} />
      <p>
        The temporary password in the email to {member.email} stops working and their seat is free again. You can invite
        them again later.
      </p>
    </Modal>
  );
}

export function DeactivateDialog({ member, onClose }: { member: TeamMember; onClose: () => void }) {
  const api = useTeamApi();
  const action = useDialogAction(
    () => api.deactivate(member.user_id),
    (saved) => {
      toast.success(`${saved.name} was deactivated`);
      onClose();
    },
  );
  const leads = member.open_leads === 1 ? "1 open lead" : `${member.open_leads} open leads`;
  return (
    <Modal
      title={`Deactivate ${member.name}?`}
      onSubmit={() => void action.go()}
      onClose={onClose}
      actions={<DialogActions busy={action.busy} confirm="Deactivate" onClose={onClose} />}
    >
      <Problem error={action.error} />
      <ul className="team-facts">
        <li>{member.name} is signed out at once, on every device, and can no longer log in.</li>
        <li>
          Their leads ({leads}), follow-ups and tasks stay theirs until you reassign them; nothing is deleted.
        </li>
        <li>Their seat is free again. You can reactivate them later with the same role.</li>
      </ul>
    </Modal>
  );
}

/** `onReassign` opens "Reassign work" for them, offered when the API refuses because they still have work. */
export function DeleteDialog({ member, onClose, onReassign }: { member: TeamMember; onClose: () => void; onReassign: () => void }) {
  const api = useTeamApi();
  const action = useDialogAction(
    () => api.remove(member.user_id),
    () => {
      toast.success(`${member.name} was deleted`);
      onClose();
    },
  );
  const hasWork = action.error instanceof ApiError && action.error.code === "user_has_work";
  return (
    <Modal
      title={`Delete ${member.name}?`}
      onSubmit={() => void action.go()}
      onClose={onClose}
      actions={<DialogActions busy={action.busy} confirm="Delete user" onClose={onClose} />}
    >
      {hasWork ? (
        <Alert
          title={`${member.name} still has work`}
          actions={
            <>
              <Button variant="primary" className="btn-small" onClick={onReassign}>
                Reassign their work
              </Button>
              <Link className="btn btn-secondary btn-small" to={`/leads?owner_id=${encodeURIComponent(member.user_id)}`}>
                See their leads
              </Link>
            </>
          }
        >
          {errorMessage(action.error)}
        </Alert>
      ) : (
        <Problem error={action.error} />
      )}
      <p>
        {member.name} ({member.email}) is removed from the team for good and cannot be reactivated. What they did stays
        in the history. This cannot be undone.
      </p>
    </Modal>
  );
}
