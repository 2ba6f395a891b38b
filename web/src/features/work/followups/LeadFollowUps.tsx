import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { ApiError, errorMessage } from "../../../api/errors";
import { useAuth, useProfile } from "../../../auth/AuthProvider";
import { Permission } from "../../../auth/permissions";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { toast } from "../../../components/toasts";
import { Alert, Button, Card, SelectField, Spinner, TextAreaField, TextField } from "../../../components/ui";
import { useFormErrors } from "../../../components/useFormErrors";
import { formatDateTime } from "../../../lib/format";
import { type Lookups, useLookups } from "../../../lib/lookups";
import type { LeadDetail } from "../../leads/types";
import { useWorkApi } from "../api";
import type { FollowUp, FollowUpType } from "../types";
import { DueCell } from "./DueCell";
import { apiDueTime, viewerTimeZone } from "./dueTime";
import { FollowUpActions } from "./FollowUpActions";
import { assignableUsers, FOLLOWUP_TYPES, groupOf, mayWork, QUEUE_GROUPS } from "./model";
import { describe, followUpKeys, useFollowUpActions, useNow } from "./queries";
import { TypeBadge } from "./TypeIcon";
import "./followups.css";

const FORM_INPUTS = ["due_at", "type", "note", "assignee_id"] as const;

/** A lead's follow-ups: schedule one, and work the open ones; done ones below, newest first. */
export function LeadFollowUps({ lead }: { lead: LeadDetail }) {
  const api = useWorkApi();
  const { grants } = useAuth();
  const lookups = useLookups();
  const timeZone = viewerTimeZone();
  const followUps = useQuery({
    queryKey: followUpKeys.lead(lead.lead_id),
    queryFn: () => api.leadFollowUps(lead.lead_id, timeZone),
  });
  const canAdd = grants.can(Permission.followupsWrite) && !lead.deleted_at;

  return (
    <Card
      title="Follow-ups"
      actions={
        <Link to="/followups" className="card-link">
          Open the queue
        </Link>
      }
    >
      {canAdd && <AddFollowUpForm lead={lead} lookups={lookups} />}
      {followUps.isPending ? (
        <Spinner label="Loading follow-ups" />
      ) : followUps.isError ? (
        <Alert title="The follow-ups could not be loaded" actions={<Button onClick={() => void followUps.refetch()}>Try again</Button>}>
          {errorMessage(followUps.error)}
        </Alert>
      ) : (
        <FollowUpList items={followUps.data.items} lookups={lookups} />
      )}
    </Card>
  );
}

interface AddForm {
  due: string;
  type: FollowUpType;
  note: string;
  assigneeId: string;
}

function AddFollowUpForm({ lead, lookups }: { lead: LeadDetail; lookups: Lookups }) {
  const api = useWorkApi();
  const queryClient = useQueryClient();
  const profile = useProfile();
  const { grants } = useAuth();
  const canAssign = grants.can(Permission.workAssign);
  const me = profile.user.user_id;
  const [form, setForm] = useState<AddForm>({ due: "", type: "call", note: "", assigneeId: me });
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FORM_INPUTS);
  const people = assignableUsers(lookups.users, "followup");
  const assigneeOptions = people.some((user) => user.user_id === me)
    ? people
    : [profile.user, ...people];

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    const dueAt = apiDueTime(form.due);
    if (!dueAt) {
      errors.show(new ApiError(422, "validation_error", "Choose when it is due", { due_at: "Choose a date and time" }));
      return;
    }
    setBusy(true);
    try {
      const created = await api.createFollowUp(lead.lead_id, {
        type: form.type,
        due_at: dueAt,
        note: form.note.trim() || null,
        assignee_id: canAssign ? form.assigneeId || null : null,
      });
      setForm({ ...form, due: "", note: "" });
      toast.success(`${describe(created)} scheduled for ${formatDateTime(created.due_at)}`);
      await queryClient.invalidateQueries({ queryKey: followUpKeys.all });
    } catch (error) {
      errors.show(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="followup-form" onSubmit={submit} noValidate aria-label="New follow-up">
      {errors.summary && Object.keys(errors.byField).length === 0 && (
        <Alert title="The follow-up was not scheduled">{errors.summary}</Alert>
      )}
      <div className="form-grid">
        <TextField
          label="Due"
          type="datetime-local"
          required
          value={form.due}
          error={errors.byField.due_at}
          hint="Date and time, your local time"
          onChange={(event) => setForm({ ...form, due: event.target.value })}
        />
        <SelectField
          label="Type"
          options={FOLLOWUP_TYPES}
          value={form.type}
          error={errors.byField.type}
          onChange={(event) => setForm({ ...form, type: event.target.value as FollowUpType })}
        />
        {canAssign && (
          <SelectField
            label="Assignee"
            options={assigneeOptions.map((user) => ({
              value: user.user_id,
              label: user.user_id === me ? `${user.name || user.email} (you)` : user.name || user.email,
            }))}
            value={form.assigneeId}
            error={errors.byField.assignee_id}
            onChange={(event) => setForm({ ...form, assigneeId: event.target.value })}
          />
        )}
        <TextAreaField
          label="Note"
          className={canAssign ? "" : "span-2"}
          rows={2}
          maxLength={2000}
          value={form.note}
          error={errors.byField.note}
          placeholder="What to talk about"
          onChange={(event) => setForm({ ...form, note: event.target.value })}
        />
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy}>
          Add follow-up
        </Button>
      </div>
    </form>
  );
}

const GROUP_TITLES = Object.fromEntries(QUEUE_GROUPS.map(({ group, title }) => [group, title]));

function FollowUpList({ items, lookups }: { items: FollowUp[]; lookups: Lookups }) {
  const profile = useProfile();
  const { grants } = useAuth();
  const now = useNow();
  const actions = useFollowUpActions();
  const [deleting, setDeleting] = useState<FollowUp | null>(null);
  const canWrite = grants.can(Permission.followupsWrite);
  const canAssign = grants.can(Permission.workAssign);

  if (items.length === 0) return <p className="muted">No follow-ups on this lead yet.</p>;
  return (
    <>
      <ul className="followup-list" aria-label="Follow-ups on this lead">
        {items.map((item) => {
          const group = item.status === "done" ? "done" : groupOf(item.attention_at, now);
          const workable = mayWork(item, profile.user.user_id, canWrite, canAssign);
          return (
            <li key={item.followup_id} className={`followup-item followup-${group}`}>
              <div className="followup-head">
                <TypeBadge type={item.type} />
                <span className={`badge badge-${group}`}>{group === "done" ? "Done" : GROUP_TITLES[group]}</span>
                <span className="muted">{lookups.ownerName(item.assignee_id)}</span>
              </div>
              <p className="followup-due">
                <DueCell item={item} group={group} now={now} />
                {item.completed_at && (
                  <span className="block muted">
                    Completed <time dateTime={item.completed_at}>{formatDateTime(item.completed_at)}</time>
                  </span>
                )}
              </p>
              {item.note && <p className="followup-note">{item.note}</p>}
              {workable && (
                <div className="followup-item-actions">
                  <FollowUpActions item={item} actions={actions} />
                  <Button variant="ghost" className="btn-small" aria-label={`Delete ${describe(item)}`} onClick={() => setDeleting(item)}>
                    Delete
                  </Button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this follow-up?"
        confirmLabel="Delete"
        busy={actions.remove.isPending}
        onConfirm={() => deleting && actions.remove.mutate(deleting, { onSettled: () => setDeleting(null) })}
        onCancel={() => setDeleting(null)}
      >
        <p>It leaves the queue and no reminder is sent for it.</p>
      </ConfirmDialog>
    </>
  );
}
