import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, errorMessage } from "../../api/errors";
import { useAuth, useProfile } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, PageHeader, SelectField, Spinner, TextField } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useConsoleApi } from "./api";
import { inviteProblems, isPlatformRole, PLATFORM_ROLES, roleDescription, roleLabel } from "./consoleModel";
import { MemberStatusBadge } from "./parts";
import { consoleKeys, usePlatformUsers } from "./queries";
import type { PlatformRole, TeamMember } from "./types";

const ROLE_OPTIONS = PLATFORM_ROLES.map((role) => ({ value: role, label: `${roleLabel(role)}: ${roleDescription(role)}` }));

type Action = { kind: "role" | "deactivate" | "reactivate"; member: TeamMember } | { kind: "invite" } | null;

/** /platform/users: Convertly's own staff; Developer Admins invite, change roles, deactivate and reactivate. */
export function PlatformUsersPage() {
  const users = usePlatformUsers();
  const manage = useAuth().grants.can(Permission.platformManage);
  const me = useProfile().user.user_id;
  const [action, setAction] = useState<Action>(null);
  const close = () => setAction(null);

  return (
    <>
      <PageHeader
        title="Platform users"
        subtitle="Convertly's staff and what each may do in the console"
        actions={
          manage && (
            <Button variant="primary" onClick={() => setAction({ kind: "invite" })}>
              Invite a platform user
            </Button>
          )
        }
      />
      {users.isPending ? (
        <Spinner label="Loading platform users" />
      ) : users.isError ? (
        <Alert title="The platform users could not be loaded" actions={<Button onClick={() => void users.refetch()}>Try again</Button>}>
          {errorMessage(users.error)}
        </Alert>
      ) : (
        <Card>
          <div className="table-scroll">
            <table className="table console-table">
              <caption className="visually-hidden">Platform users</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last sign-in</th>
                  {manage && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {users.data.map((member) => (
                  <tr key={member.user_id}>
                    <td>
                      <span className="lead-name">{member.name}</span>
                      {member.user_id === me && <span className="muted"> (you)</span>}
                      <span className="block muted">{member.email}</span>
                    </td>
                    <td>{roleLabel(member.role)}</td>
                    <td>
                      <MemberStatusBadge status={member.status} />
                    </td>
                    <td>{member.last_sign_in_at ? formatDateTime(member.last_sign_in_at) : "Never"}</td>
                    {manage && (
                      <td>
                        {member.user_id !== me && <MemberActions member={member} onAction={setAction} />}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      {action?.kind === "invite" && <InviteDialog onClose={close} />}
      {action?.kind === "role" && <RoleDialog member={action.member} onClose={close} />}
      {(action?.kind === "deactivate" || action?.kind === "reactivate") && (
        <StatusDialog member={action.member} deactivate={action.kind === "deactivate"} onClose={close} />
      )}
    </>
  );
}

function MemberActions({ member, onAction }: { member: TeamMember; onAction: (action: Action) => void }) {
  const deactivated = member.status === "deactivated";
  return (
    <div className="cell-actions">
      {!deactivated && (
        <Button className="btn-small" aria-label={`Change role of ${member.name}`} onClick={() => onAction({ kind: "role", member })}>
          Change role
        </Button>
      )}
      {deactivated ? (
        <Button className="btn-small" aria-label={`Reactivate ${member.name}`} onClick={() => onAction({ kind: "reactivate", member })}>
          Reactivate
        </Button>
      ) : (
        <Button variant="ghost" className="btn-small" aria-label={`Deactivate ${member.name}`} onClick={() => onAction({ kind: "deactivate", member })}>
          Deactivate
        </Button>
      )}
    </div>
  );
}

function useRefreshUsers() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: consoleKeys.users });
    void queryClient.invalidateQueries({ queryKey: consoleKeys.audit });
  };
}

function InviteDialog({ onClose }: { onClose: () => void }) {
  const api = useConsoleApi();
  const refresh = useRefreshUsers();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<PlatformRole>("DeveloperStaff");
  const [problems, setProblems] = useState<{ name?: string; email?: string; other?: string }>({});
  const invite = useMutation({
    mutationFn: () => api.invitePlatformUser({ name: name.trim(), email: email.trim(), role }),
    meta: { inlineErrors: true },
    onSuccess: (user) => {
      toast.success(`${user.name} is invited: the invitation email goes to ${user.email} within a minute`);
      refresh();
      onClose();
    },
    onError: (error) => {
      const fields = error instanceof ApiError ? error.fields : {};
      setProblems({ name: fields.name, email: fields.email, other: fields.name || fields.email ? undefined : errorMessage(error) });
    },
  });
  function confirm() {
    const found = inviteProblems({ name, email });
    setProblems(found);
    if (!found.name && !found.email) invite.mutate();
  }
  return (
    <ConfirmDialog
      open
      title="Invite a platform user"
      confirmLabel="Send invitation"
      tone="primary"
      busy={invite.isPending}
      onConfirm={confirm}
      onCancel={() => !invite.isPending && onClose()}
    >
      <form
        className="console-form"
        noValidate
        aria-label="Invitation"
        onSubmit={(event) => {
          event.preventDefault();
          confirm();
        }}
      >
        <TextField label="Name" value={name} maxLength={100} autoFocus error={problems.name} onChange={(event) => setName(event.target.value)} />
        <TextField label="Email" type="email" value={email} maxLength={254} error={problems.email} onChange={(event) => setEmail(event.target.value)} />
        <SelectField
          label="Role"
          options={ROLE_OPTIONS}
          value={role}
          onChange={(event) => isPlatformRole(event.target.value) && setRole(event.target.value)}
        />
        {problems.other && <Alert>{problems.other}</Alert>}
        <button type="submit" hidden tabIndex={-1} />
      </form>
    </ConfirmDialog>
  );
}

function RoleDialog({ member, onClose }: { member: TeamMember; onClose: () => void }) {
  const api = useConsoleApi();
  const refresh = useRefreshUsers();
  const [role, setRole] = useState<PlatformRole>(isPlatformRole(member.role) ? member.role : "DeveloperStaff");
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: () => api.changePlatformRole(member.user_id, role),
    meta: { inlineErrors: true },
    onSuccess: (saved) => {
      toast.success(`${saved.name} is now ${roleLabel(saved.role)}`);
      refresh();
      onClose();
    },
    onError: (error) => setProblem(errorMessage(error)),
  });
  return (
    <ConfirmDialog
      open
      title={`Change the role of ${member.name}`}
      confirmLabel="Change role"
      tone="primary"
      busy={change.isPending}
      onConfirm={() => (role === member.role ? onClose() : change.mutate())}
      onCancel={() => !change.isPending && onClose()}
    >
      <SelectField label="Role" options={ROLE_OPTIONS} value={role} onChange={(event) => isPlatformRole(event.target.value) && setRole(event.target.value)} />
      <p className="muted">It applies from their next request.</p>
      {problem && <Alert>{problem}</Alert>}
    </ConfirmDialog>
  );
}

function StatusDialog({ member, deactivate, onClose }: { member: TeamMember; deactivate: boolean; onClose: () => void }) {
  const api = useConsoleApi();
  const refresh = useRefreshUsers();
  const [problem, setProblem] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: () => (deactivate ? api.deactivatePlatformUser(member.user_id) : api.reactivatePlatformUser(member.user_id)),
    meta: { inlineErrors: true },
    onSuccess: () => {
      toast.success(deactivate ? `${member.name} is deactivated` : `${member.name} is active again`);
      refresh();
      onClose();
    },
    onError: (error) => setProblem(errorMessage(error)),
  });
  return (
    <ConfirmDialog
      open
      title={deactivate ? `Deactivate ${member.name}` : `Reactivate ${member.name}`}
      confirmLabel={deactivate ? "Deactivate" : "Reactivate"}
      tone={deactivate ? "danger" : "primary"}
      busy={run.isPending}
      onConfirm={() => run.mutate()}
      onCancel={() => !run.isPending && onClose()}
    >
      <p>
        {deactivate
          ? `${member.name} is signed out everywhere and cannot sign in until reactivated.`
          : `${member.name} can sign in again, with the role ${roleLabel(member.role)}.`}
      </p>
      {problem && <Alert>{problem}</Alert>}
    </ConfirmDialog>
  );
}
