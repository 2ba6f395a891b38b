import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type KeyboardEvent } from "react";
import { errorMessage } from "../../../api/errors";
import { toast } from "../../../components/toasts";
import { Alert, Button, Card, Spinner, TextField } from "../../../components/ui";
import { useUnsavedChanges } from "../../../lib/useUnsavedChanges";
import { usePipelinesApi } from "../api";
import { pipelineKeys, usePipelineSettings } from "../queries";
import type { PipelineSettings } from "../types";
import { addReason, MAX_REASON_LENGTH, settingsBody } from "./closingSettings";
import { moveItem, problemText } from "./stageSettings";

/** Settings > Pipelines, "Winning and losing leads": the lost reasons a loss chooses from, and zero-value wins. */
export function ClosingSettings() {
  const settings = usePipelineSettings();
  return (
    <Card title="Winning and losing leads">
      <p className="settings-intro">
        A move to a won stage asks the deal's value, which becomes the lead's value and what the ad platforms are told. A
        move to a lost stage asks why, from the reasons below.
      </p>
      {settings.isPending ? (
        <Spinner label="Loading the lost reasons" />
      ) : settings.isError ? (
        <Alert title="The lost reasons could not be loaded" actions={<Button onClick={() => void settings.refetch()}>Try again</Button>}>
          {errorMessage(settings.error)}
        </Alert>
      ) : (
        <ClosingSettingsForm key={settings.data.updated_at ?? "defaults"} saved={settings.data} />
      )}
    </Card>
  );
}

function ClosingSettingsForm({ saved }: { saved: PipelineSettings }) {
  const api = usePipelinesApi();
  const queryClient = useQueryClient();
  const [reasons, setReasons] = useState<string[]>(saved.lost_reasons);
  const [allowZero, setAllowZero] = useState(saved.allow_zero_value_wins);
  const [newReason, setNewReason] = useState("");
  const [addError, setAddError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const changed =
    allowZero !== saved.allow_zero_value_wins ||
    reasons.length !== saved.lost_reasons.length ||
    reasons.some((reason, index) => reason !== saved.lost_reasons[index]);
  // Settings' scope asks before a tab or link leaves the reasons or the switch changed but not saved.
  useUnsavedChanges(changed);

  const save = useMutation({
    mutationFn: api.savePipelineSettings,
    meta: { inlineErrors: true },
    onSuccess: (next) => {
      queryClient.setQueryData(pipelineKeys.settings, next);
      toast.success("Lost reasons and wins saved");
    },
    onError: (error) => setProblem(problemText(error)),
  });

  function add() {
    const result = addReason(reasons, newReason);
    if (!result.ok) {
      setAddError(result.error);
      return;
    }
    setReasons(result.reasons);
    setNewReason("");
    setAddError(undefined);
  }

  function onNewReasonKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== "Enter") return;
    event.preventDefault(); // adds the reason; saving is the Save button's
    add();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = settingsBody(reasons, allowZero);
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    setProblem(null);
    save.mutate(result.body);
  }

  return (
    <form className="closing-settings" onSubmit={submit} noValidate>
      <fieldset className="lost-reasons">
        <legend>Lost reasons</legend>
        <ol className="reason-list">
          {reasons.map((reason, index) => (
            <li key={index}>
              <input
                className="stage-input"
                aria-label={`Lost reason ${index + 1}`}
                value={reason}
                maxLength={MAX_REASON_LENGTH}
                onChange={(event) => setReasons(reasons.map((item, at) => (at === index ? event.target.value : item)))}
              />
              <Button
                variant="ghost"
                className="btn-small"
                aria-label={`Move lost reason ${reason || index + 1} up`}
                disabled={index === 0}
                onClick={() => setReasons(moveItem(reasons, index, index - 1))}
              >
                ↑
              </Button>
              <Button
                variant="ghost"
                className="btn-small"
                aria-label={`Remove lost reason ${reason || index + 1}`}
                onClick={() => setReasons(reasons.filter((_, at) => at !== index))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ol>
        <div className="add-reason">
          <TextField
            label="New lost reason"
            value={newReason}
            maxLength={MAX_REASON_LENGTH}
            error={addError}
            onChange={(event) => setNewReason(event.target.value)}
            onKeyDown={onNewReasonKey}
          />
          <Button onClick={add}>Add reason</Button>
        </div>
      </fieldset>
      <label className="check">
        <input type="checkbox" role="switch" checked={allowZero} onChange={(event) => setAllowZero(event.target.checked)} />
        Allow wins with a value of 0
      </label>
      <p className="field-hint">Otherwise a lead is won only with a value above 0.</p>
      {problem && <Alert>{problem}</Alert>}
      <div className="closing-actions">
        <Button type="submit" variant="primary" busy={save.isPending} disabled={!changed}>
          Save lost reasons and wins
        </Button>
      </div>
    </form>
  );
}
