import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError } from "../../../api/errors";
import { useAuth, useProfile } from "../../../auth/AuthProvider";
import { Permission } from "../../../auth/permissions";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { toast } from "../../../components/toasts";
import { Alert, Button, SelectField, TextAreaField, TextField } from "../../../components/ui";
import { useFormErrors } from "../../../components/useFormErrors";
import { useLookups } from "../../../lib/lookups";
import { useWorkApi } from "../api";
import { FormDialog } from "../followups/FormDialog";
import { assignableUsers } from "../followups/model";
import type { Task, TaskPriority, TaskStatus } from "../types";
import { LeadPicker } from "./LeadPicker";
import { changedCount, createBody, emptyTaskForm, TASK_FORM_INPUTS, taskToForm, updateBody, type TaskForm } from "./taskForm";
import { TASK_PRIORITIES, TASK_STATUSES } from "./taskQuery";

export const taskKeys = {
  all: ["tasks"] as const,
};

/** Create a task (no `task`), or edit one: only the fields that changed are sent, with its version. */
export function TaskDialog({ task, onClose }: { task: Task | null; onClose: () => void }) {
  const api = useWorkApi();
  const queryClient = useQueryClient();
  const profile = useProfile();
  const { grants } = useAuth();
  const lookups = useLookups();
  const me = profile.user.user_id;
  const canAssign = grants.can(Permission.workAssign);
  const [form, setForm] = useState<TaskForm>(() => (task ? taskToForm(task) : emptyTaskForm(me)));
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const errors = useFormErrors(TASK_FORM_INPUTS);
  const people = assignableUsers(lookups.users, "task");
  const assignees = people.some((user) => user.user_id === form.assigneeId) || !form.assigneeId
    ? people
    : [...people, { user_id: form.assigneeId, name: lookups.ownerName(form.assigneeId), email: "" }];
  const statuses = task ? TASK_STATUSES : TASK_STATUSES.filter((status) => status.value !== "done");
  const refresh = () => queryClient.invalidateQueries({ queryKey: taskKeys.all });
  const set = <K extends keyof TaskForm>(name: K, value: TaskForm[K]) => setForm((current) => ({ ...current, [name]: value }));

  async function send(request: () => Promise<Task>, done: (saved: Task) => string) {
    setBusy(true);
    try {
      const saved = await request();
      toast.success(done(saved));
      await refresh();
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) {
        setStale(true);
        void refresh();
      } else errors.show(error);
    } finally {
      setBusy(false);
    }
  }

  function save() {
    errors.clear();
    setStale(false);
    const invalid = (fields: Record<string, string>) =>
      errors.show(new ApiError(422, "validation_error", "Some fields need a value", fields));
    if (task) {
      const checked = updateBody(task, form, canAssign);
      if (!checked.ok) return invalid(checked.fields);
      if (changedCount(checked.body) === 0) return onClose();
      return void send(() => api.updateTask(task.task_id, checked.body), () => "Task saved");
    }
    const checked = createBody(form, canAssign);
    if (!checked.ok) return invalid(checked.fields);
    return void send(() => api.createTask(checked.body), (created) => `Task “${created.title}” created`);
  }

  async function remove() {
    if (!task) return;
    setBusy(true);
    try {
      await api.deleteTask(task.task_id);
      toast.success(`Task “${task.title}” deleted`);
      await refresh();
      onClose();
    } catch (error) {
      errors.show(error);
      setConfirmingDelete(false);
    } finally {
      setBusy(false);
    }
  }

  const fieldErrorCount = Object.keys(errors.byField).length;
  return (
    <>
      <FormDialog
        open={!confirmingDelete}
        wide
        title={task ? "Edit task" : "New task"}
        submitLabel={task ? "Save task" : "Create task"}
        busy={busy}
        onSubmit={save}
        onCancel={onClose}
        extraActions={
          task && (
            <Button variant="ghost" disabled={busy} onClick={() => setConfirmingDelete(true)}>
              Delete task
            </Button>
          )
        }
      >
        {stale && (
          <Alert tone="warning" title="Someone else changed this task">
            The list has been reloaded: close this and open the task again.
          </Alert>
        )}
        {errors.summary && fieldErrorCount === 0 && <Alert title="The task was not saved">{errors.summary}</Alert>}
        <div className="form-grid">
          <TextField
            label="Title"
            className="span-2"
            required
            maxLength={200}
            value={form.title}
            error={errors.byField.title}
            onChange={(event) => set("title", event.target.value)}
          />
          <TextAreaField
            label="Description"
            className="span-2"
            rows={3}
            value={form.description}
            error={errors.byField.description}
            onChange={(event) => set("description", event.target.value)}
          />
          <TextField
            label="Due"
            type="datetime-local"
            required
            value={form.due}
            error={errors.byField.due_at}
            hint="Date and time, your local time"
            onChange={(event) => set("due", event.target.value)}
          />
          <SelectField
            label="Priority"
            options={TASK_PRIORITIES}
            value={form.priority}
            error={errors.byField.priority}
            onChange={(event) => set("priority", event.target.value as TaskPriority)}
          />
          <SelectField
            label="Status"
            options={statuses}
            value={form.status}
            error={errors.byField.status}
            onChange={(event) => set("status", event.target.value as TaskStatus)}
          />
          {canAssign ? (
            <SelectField
              label="Assignee"
              options={assignees.map((user) => ({
                value: user.user_id,
                label: user.user_id === me ? `${user.name || user.email} (you)` : user.name || user.email,
              }))}
              value={form.assigneeId}
              error={errors.byField.assignee_id}
              onChange={(event) => set("assigneeId", event.target.value)}
            />
          ) : (
            <p className="muted task-assignee-note">Assigned to you.</p>
          )}
          <div className="span-2">
            <LeadPicker value={form.lead} error={errors.byField.lead_id} onChange={(lead) => set("lead", lead)} />
          </div>
        </div>
      </FormDialog>
      <ConfirmDialog
        open={confirmingDelete}
        title="Delete this task?"
        confirmLabel="Delete"
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setConfirmingDelete(false)}
      >
        <p>“{form.title || task?.title}” is deleted, with any reminder it still owed.</p>
      </ConfirmDialog>
    </>
  );
}
