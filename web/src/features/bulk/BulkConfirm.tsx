import { useState, type FormEvent } from "react";
import { Alert, Button } from "../../components/ui";
import { useProfile } from "../../auth/AuthProvider";
import { useUsers } from "../accounts/queries";
import type { Pipeline } from "../pipelines/types";
import { useBulkApi } from "./api";
import { confirmQuestion, countOf } from "./labels";
import { EMPTY_DRAFT, hasChoices, paramsFor, questionDetail, requestErrors, type ParamErrors, type ParamsDraft } from "./params";
import { ParamsFields } from "./ParamsFields";
import type { BulkAction, BulkActionType, BulkObject, BulkScope } from "./types";
import { useParamChoices } from "./useParamChoices";

const CONFIRM_VERBS: Record<BulkActionType, string> = {
  assign_owner: "Assign",
  add_tags: "Add tags",
  remove_tags: "Remove tags",
  move_stage: "Move",
  change_role: "Change role",
  set_field: "Set field",
  enrol_workflow: "Add",
  delete: "Delete",
  restore: "Restore",
  export: "Export",
};

/**
 * An action's parameters and its confirmation ("Move 12 leads to Proposal?"). The request key was made
 * when the dialog opened: a second click or a retry sends it again, and the API runs the action once.
 */
export function BulkConfirm({
  object,
  action,
  scope,
  count,
  pipeline,
  requestKey,
  onStarted,
  onCancel,
}: {
  object: BulkObject;
  action: BulkActionType;
  scope: BulkScope;
  /** How many records are selected; null for every record matching the filters. */
  count: number | null;
  pipeline: Pipeline | null | undefined;
  requestKey: string;
  onStarted: (started: BulkAction) => void;
  onCancel: () => void;
}) {
  const api = useBulkApi();
  const profile = useProfile();
  const users = useUsers();
  const choices = useParamChoices(object, action, pipeline);
  const [draft, setDraft] = useState<ParamsDraft>(() => (choices.onlySelf ? { ...EMPTY_DRAFT, ownerIds: [profile.user.user_id] } : EMPTY_DRAFT));
  const [errors, setErrors] = useState<ParamErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const context = {
    stages: choices.stages,
    allowZeroValueWins: choices.settings?.allow_zero_value_wins ?? false,
    fields: choices.fields,
    workflows: choices.workflows ?? [],
  };
  const confirmable = hasChoices(action, choices.workflows);
  const userName = (userId: string) => {
    const user = (users.data ?? []).find((item) => item.user_id === userId) ?? (userId === profile.user.user_id ? profile.user : null);
    return user?.name || user?.email || "someone";
  };
  const question = confirmQuestion(object, action, count, questionDetail(draft, context, userName));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !confirmable) return;
    const checked = paramsFor(action, draft, context);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setMessage(null);
    setBusy(true);
    try {
      onStarted(await api.startBulkAction({ object, action, scope, params: checked.params, request_key: requestKey }));
    } catch (error) {
      const refused = requestErrors(error);
      setErrors(refused.fields);
      setMessage(refused.message);
      setBusy(false);
    }
  }

  return (
    <form className="bulk-form" onSubmit={(event) => void submit(event)} noValidate>
      {message && <Alert title="The action was not started">{message}</Alert>}
      <div className="dialog-body bulk-fields">
        <ParamsFields action={action} draft={draft} choices={choices} errors={errors} onDraft={(change) => setDraft((old) => ({ ...old, ...change }))} />
        {confirmable && <p className="bulk-question">{question}</p>}
        {action === "delete" && <p className="muted">Deleted records can be restored from the deleted {object} page.</p>}
        {count === null && <p className="muted">The number is known once the run has found them; it goes on in the background.</p>}
      </div>
      <div className="dialog-actions">
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant={action === "delete" ? "danger" : "primary"} busy={busy} disabled={!confirmable} data-testid="bulk-confirm">
          {CONFIRM_VERBS[action]} {count === null ? `all matching ${object}` : countOf(object, count)}
        </Button>
      </div>
    </form>
  );
}
