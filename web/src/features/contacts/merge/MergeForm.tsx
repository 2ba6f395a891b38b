import { useMutation } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { ApiError } from "../../../api/errors";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { Alert, Button } from "../../../components/ui";
import { useFormErrors } from "../../../components/useFormErrors";
import { defaultChoices, sameValue, type MergeRow } from "./mergeFields";
import type { MergeSide } from "./types";
import "./merge.css";

/**
 * Both records side by side, a choice per field of whose value the survivor keeps (the survivor's by
 * default, the duplicate's where the survivor has none), then a confirmed merge. A record changed
 * since the page read it (409) asks for a reload; a refused field (422) shows next to its row.
 */
export function MergeForm<F extends string>({
  noun,
  names,
  rows,
  kept,
  confirmBody,
  blocked,
  cancelTo,
  merge,
  onReload,
}: {
  /** What is merged, for the messages: "contact". */
  noun: string;
  names: { survivor: string; duplicate: string };
  rows: readonly MergeRow<F>[];
  /** What the survivor keeps from both whatever is chosen. */
  kept: ReactNode;
  confirmBody: ReactNode;
  /** Why these two cannot be merged (one is deleted), if so. */
  blocked: string | null;
  cancelTo: string;
  /** Sends the merge; resolves once done (the page moves on). */
  merge: (choices: Record<F, MergeSide>) => Promise<unknown>;
  onReload: () => Promise<unknown>;
}) {
  const [choices, setChoices] = useState(() => defaultChoices(rows));
  const [confirming, setConfirming] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const errors = useFormErrors(["survivor_id", "duplicate_id", ...rows.map((row) => `fields.${row.field}`)]);
  const send = useMutation({
    mutationFn: () => merge(choices),
    meta: { inlineErrors: true },
    onError: (error) => {
      setConfirming(false);
      if (error instanceof ApiError && error.isConflict) setConflict(error.message);
      else errors.show(error);
    },
  });
  const reload = useMutation({ mutationFn: onReload, onSuccess: () => setConflict(null) });
  const recordError = errors.byField.duplicate_id
    ? `The ${noun} to merge: ${errors.byField.duplicate_id}`
    : errors.byField.survivor_id && `The ${noun} to keep: ${errors.byField.survivor_id}`;

  return (
    <>
      {conflict && (
        <Alert
          tone="warning"
          title={conflict}
          actions={
            <Button variant="primary" busy={reload.isPending} onClick={() => reload.mutate()}>
              Reload both
            </Button>
          }
        >
          Reloading shows both {noun === "company" ? "companies" : `${noun}s`} as they are now; choose again, then merge.
        </Alert>
      )}
      {errors.summary && <Alert title={`The ${noun}s were not merged`}>{errors.summary}</Alert>}
      {recordError && <p className="field-error">{recordError}</p>}
      {blocked && <Alert tone="warning">{blocked}</Alert>}
      <div className="merge-grid" role="group" aria-label="Whose value to keep">
        <div className="merge-row merge-head">
          <span aria-hidden="true">Field</span>
          <span>
            {names.survivor} <span className="badge badge-success">stays</span>
          </span>
          <span>
            {names.duplicate} <span className="badge badge-warning">merged and deleted</span>
          </span>
        </div>
        {rows.map((row) => (
          <ChoiceRow
            key={row.field}
            row={row}
            choice={choices[row.field]}
            error={errors.byField[`fields.${row.field}`]}
            onChoose={(side) => setChoices({ ...choices, [row.field]: side })}
          />
        ))}
      </div>
      {kept}
      <div className="form-actions merge-actions">
        <Button variant="primary" disabled={Boolean(blocked)} onClick={() => setConfirming(true)}>
          Merge
        </Button>
        <Link className="btn btn-secondary" to={cancelTo}>
          Cancel
        </Link>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Merge these ${noun === "company" ? "companies" : `${noun}s`}?`}
        confirmLabel="Merge"
        busy={send.isPending}
        onConfirm={() => {
          errors.clear();
          send.mutate();
        }}
        onCancel={() => setConfirming(false)}
      >
        {confirmBody}
      </ConfirmDialog>
    </>
  );
}

function ChoiceRow<F extends string>({
  row,
  choice,
  error,
  onChoose,
}: {
  row: MergeRow<F>;
  choice: MergeSide;
  error: string | undefined;
  onChoose: (side: MergeSide) => void;
}) {
  const same = sameValue(row);
  const labelId = useId();
  return (
    // A row of two radios (or the one value both share), named by its field's label.
    <div className={`merge-row ${error ? "field-invalid" : ""}`} role={same ? "group" : "radiogroup"} aria-labelledby={labelId}>
      <span className="merge-label" id={labelId}>
        {row.label}
      </span>
      {same ? (
        <span className="merge-same">
          {row.survivor.text || <span className="muted">Neither has one</span>}
          {row.survivor.text && <span className="muted"> · the same on both</span>}
        </span>
      ) : (
        (["survivor", "duplicate"] as const).map((side) => (
          <label key={side} className={`merge-option ${choice === side ? "merge-option-chosen" : ""}`}>
            <input type="radio" name={row.field} value={side} checked={choice === side} onChange={() => onChoose(side)} />
            {row[side].text || <span className="muted">Empty</span>}
          </label>
        ))
      )}
      {error && <p className="field-error merge-error">{error}</p>}
    </div>
  );
}
