import { useState, type FormEvent } from "react";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { SelectField, Spinner, TextAreaField, TextField } from "../../components/ui";
import { closingRequest, MAX_NOTE, type ClosingKind } from "./closing";
import type { ClosingFields, PipelineSettings } from "./types";

export interface ClosingDialogProps {
  kind: ClosingKind;
  leadName: string;
  stageName: string;
  currency: string;
  /** What the value field starts with (see `prefillValue`). */
  initialValue: string;
  /** The lost reasons and zero-value wins; undefined while they load. */
  settings: PipelineSettings | undefined;
  /** Make the move; resolves with the API's refusals by field to show, or null when the move is done. */
  onConfirm: (fields: ClosingFields) => Promise<Record<string, string> | null>;
  onCancel: () => void;
}

/**
 * Asked before a lead moves into a won stage ("Deal value") or a lost stage ("Why was it lost?"). The
 * move is made from here, so the API's refusals show next to the inputs; Cancel or Escape leaves the
 * lead where it was. The first input takes the focus when it opens.
 */
export function ClosingDialog({ kind, leadName, stageName, currency, initialValue, settings, onConfirm, onCancel }: ClosingDialogProps) {
  const [value, setValue] = useState(initialValue);
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const won = kind === "won";

  async function confirm() {
    // A loss waits for the reasons to choose from; a win is checked again by the API anyway.
    if (busy || (!won && !settings)) return;
    const request = closingRequest(kind, { value, reason, note }, settings?.allow_zero_value_wins ?? false, currency);
    if (!request.ok) {
      setErrors(request.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const refused = await onConfirm(request.fields);
      if (refused) setErrors(refused);
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void confirm();
  }

  return (
    <ConfirmDialog
      open
      title={won ? "Deal value" : "Why was it lost?"}
      confirmLabel="Confirm"
      tone="primary"
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={() => {
        if (!busy) onCancel();
      }}
    >
      <form className="closing-form" onSubmit={submit} noValidate>
        <p>
          {leadName} moves to {stageName}.
        </p>
        {won ? (
          <TextField
            label={`Value (${currency})`}
            inputMode="decimal"
            autoComplete="off"
            value={value}
            error={errors.value}
            hint={
              settings?.allow_zero_value_wins
                ? "What the deal is worth; it becomes the lead's value. It may be 0."
                : "What the deal is worth; it becomes the lead's value and what the ad platforms are told."
            }
            onFocus={(event) => event.currentTarget.select()}
            onChange={(event) => setValue(event.target.value)}
          />
        ) : !settings ? (
          <Spinner label="Loading the lost reasons" />
        ) : (
          <>
            <SelectField
              label="Reason"
              options={[{ value: "", label: "Choose a reason" }, ...settings.lost_reasons.map((item) => ({ value: item, label: item }))]}
              value={reason}
              error={errors.lost_reason}
              onChange={(event) => setReason(event.target.value)}
            />
            <TextAreaField
              label="Note (optional)"
              rows={3}
              maxLength={MAX_NOTE}
              value={note}
              error={errors.lost_note}
              onChange={(event) => setNote(event.target.value)}
            />
          </>
        )}
      </form>
    </ConfirmDialog>
  );
}
