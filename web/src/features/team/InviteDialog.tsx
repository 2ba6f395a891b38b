import { useRef, useState } from "react";
import { Link } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { toast } from "../../components/toasts";
import { Alert, Button, SelectField, TextField } from "../../components/ui";
import { planLimitOf } from "../billing/planLimit";
import { useTeamApi } from "./api";
import {
  blankRow,
  fieldErrorsByRow,
  hasRowErrors,
  MAX_INVITES,
  outcomeSummary,
  readResults,
  rowErrors,
  seatLimitMessage,
  toPeople,
  type InviteOutcome,
  type InviteRow,
  type RowErrors,
} from "./inviteRows";
import { useTeamChanged } from "./MemberDialogs";
import { Modal } from "./Modal";
import { isTeamRole, TEAM_ROLES } from "./roleChange";

const ROLE_OPTIONS = TEAM_ROLES.map((role) => ({ value: role, label: role }));

/**
 * "Invite people": one row per person (email, name, role), sent at once (POST /team/invitations).
 * Each person gets an email with a temporary password. The answer says per person whether they were
 * invited; those who were not stay in the form with the reason under their email, to fix and send again.
 */
export function InviteDialog({ onClose }: { onClose: () => void }) {
  const api = useTeamApi();
  const changed = useTeamChanged();
  const nextKey = useRef(2);
  const [rows, setRows] = useState<InviteRow[]>(() => [blankRow(1)]);
  const [errors, setErrors] = useState<Record<number, RowErrors>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<InviteOutcome[]>([]);
  const [busy, setBusy] = useState(false);
  const seatLimit = seatLimitMessage(outcomes);
  const finished = outcomes.length > 0 && rows.length === 0;

  function change(key: number, patch: Partial<InviteRow>) {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  }

  function addRow() {
    const role = rows[rows.length - 1]?.role;
    setRows((current) => [...current, blankRow(nextKey.current++, role)]);
  }

  function removeRow(key: number) {
    setRows((current) => current.filter((row) => row.key !== key));
  }

  async function send() {
    if (busy || rows.length === 0) return;
    const found = rowErrors(rows);
    setErrors(found);
    setProblem(null);
    if (hasRowErrors(found)) return;
    setBusy(true);
    try {
      const answer = await api.invite(toPeople(rows));
      const results = readResults(rows, answer.results);
      setOutcomes((earlier) => [...earlier.filter((o) => !results.some((r) => r.email === o.email)), ...results]);
      const failed = new Set(results.filter((result) => !result.invited).map((result) => result.key));
      setRows((current) => current.filter((row) => failed.has(row.key)));
      setErrors(Object.fromEntries(results.filter((r) => !r.invited).map((r) => [r.key, { email: r.message ?? undefined }])));
      const summary = outcomeSummary(results);
      if (failed.size) toast.error(summary);
      else toast.success(summary);
      await changed();
    } catch (error) {
      showRefusal(error);
    } finally {
      setBusy(false);
    }
  }

  function showRefusal(error: unknown) {
    const limit = planLimitOf(error);
    if (limit) return setProblem(limit.message);
    if (error instanceof ApiError && error.status === 422) {
      const split = fieldErrorsByRow(rows, error.fields);
      setErrors(split.byRow);
      return setProblem(split.other.length ? split.other.join(" ") : error.message);
    }
    setProblem(errorMessage(error));
  }

  return (
    <Modal
      title="Invite people"
      wide
      onSubmit={() => void send()}
      onClose={onClose}
      actions={
        finished ? (
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onClose} disabled={busy}>
              {outcomes.length ? "Close" : "Cancel"}
            </Button>
            <Button type="submit" variant="primary" busy={busy}>
              {rows.length === 1 ? "Send invitation" : "Send invitations"}
            </Button>
          </>
        )
      }
    >
      {!finished && (
        <p className="muted">
          Each person gets an email with a link and a temporary password, valid for 7 days. They choose their own password
          when they first log in.
        </p>
      )}
      {problem && <Alert>{problem}</Alert>}
      {seatLimit && (
        <Alert
          tone="warning"
          title="No seat left on your plan"
          actions={
            <Link className="btn btn-primary btn-small" to="/billing">
              Open Billing
            </Link>
          }
        >
          {seatLimit}
        </Alert>
      )}
      {outcomes.length > 0 && <Outcomes outcomes={outcomes} />}
      {rows.length > 0 && (
        <div className="invite-rows">
          {rows.map((row, index) => (
            <RowFields
              key={row.key}
              row={row}
              index={index}
              errors={errors[row.key]}
              removable={rows.length > 1}
              onChange={(patch) => change(row.key, patch)}
              onRemove={() => removeRow(row.key)}
            />
          ))}
          <div>
            <Button className="btn-small" onClick={addRow} disabled={rows.length >= MAX_INVITES}>
              Add another person
            </Button>
            {rows.length >= MAX_INVITES && <span className="muted"> Up to {MAX_INVITES} people at once.</span>}
          </div>
        </div>
      )}
    </Modal>
  );
}

function RowFields({
  row,
  index,
  errors,
  removable,
  onChange,
  onRemove,
}: {
  row: InviteRow;
  index: number;
  errors: RowErrors | undefined;
  removable: boolean;
  onChange: (patch: Partial<InviteRow>) => void;
  onRemove: () => void;
}) {
  const person = `Person ${index + 1}`;
  return (
    <fieldset className="invite-row">
      <legend className="visually-hidden">{person}</legend>
      <TextField
        label="Email"
        type="email"
        autoComplete="off"
        value={row.email}
        error={errors?.email}
        autoFocus={index === 0 && !row.email}
        onChange={(event) => onChange({ email: event.target.value })}
      />
      <TextField label="Name" value={row.name} maxLength={100} error={errors?.name} onChange={(event) => onChange({ name: event.target.value })} />
      <SelectField
        label="Role"
        value={row.role}
        options={ROLE_OPTIONS}
        onChange={(event) => {
          if (isTeamRole(event.target.value)) onChange({ role: event.target.value });
        }}
      />
      <Button variant="ghost" className="btn-small invite-remove" aria-label={`Remove ${person}`} disabled={!removable} onClick={onRemove}>
        Remove
      </Button>
    </fieldset>
  );
}

function Outcomes({ outcomes }: { outcomes: InviteOutcome[] }) {
  return (
    <ul className="invite-outcomes" aria-label="Invitation results">
      {outcomes.map((outcome) => (
        <li key={`${outcome.key}-${outcome.email}`} className={outcome.invited ? "outcome-ok" : "outcome-failed"}>
          <strong>{outcome.email}</strong>
          {outcome.invited ? <span> invited: the invitation email goes out within a minute</span> : <span> not invited: {outcome.message}</span>}
        </li>
      ))}
    </ul>
  );
}
