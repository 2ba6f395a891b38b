import { useEffect, useId, useRef, useState } from "react";
import { ApiError } from "../../../api/errors";
import { Alert, Button, TextField } from "../../../components/ui";
import { useFormErrors } from "../../../components/useFormErrors";
import type { FollowUp } from "../types";
import { apiDueTime, localInputValue } from "./dueTime";
import { FormDialog } from "./FormDialog";
import { SNOOZE_CHOICES, snoozeRequest, type SnoozeChoice } from "./model";
import { describe, type FollowUpActions as Actions } from "./queries";

/** Complete, snooze and reschedule an open follow-up; reopen a done one. */
export function FollowUpActions({ item, actions }: { item: FollowUp; actions: Actions }) {
  const [rescheduling, setRescheduling] = useState(false);
  const what = describe(item);
  const completing = actions.complete.isPending && actions.complete.variables?.followup_id === item.followup_id;
  const reopening = actions.reopen.isPending && actions.reopen.variables?.followup_id === item.followup_id;

  if (item.status === "done") {
    return (
      <div className="cell-actions">
        <Button className="btn-small" busy={reopening} aria-label={`Reopen ${what}`} onClick={() => actions.reopen.mutate(item)}>
          Reopen
        </Button>
      </div>
    );
  }
  return (
    <div className="cell-actions followup-actions">
      <Button
        className="btn-small"
        variant="primary"
        busy={completing}
        aria-label={`Complete ${what}`}
        onClick={() => actions.complete.mutate(item)}
      >
        Complete
      </Button>
      <SnoozeMenu item={item} actions={actions} />
      <Button className="btn-small" aria-label={`Reschedule ${what}`} onClick={() => setRescheduling(true)}>
        Reschedule
      </Button>
      {rescheduling && <RescheduleDialog item={item} actions={actions} onClose={() => setRescheduling(false)} />}
    </div>
  );
}

function SnoozeMenu({ item, actions }: { item: FollowUp; actions: Actions }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", closeOutside);
    return () => document.removeEventListener("pointerdown", closeOutside);
  }, [open]);
  const what = describe(item);
  const busy = actions.snooze.isPending && actions.snooze.variables?.item.followup_id === item.followup_id;

  function choose(choice: SnoozeChoice) {
    setOpen(false);
    actions.snooze.mutate({ item, body: snoozeRequest(choice, new Date()) });
  }

  return (
    // Escape from any of the menu's focusable parts (they bubble here) closes it.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div
      ref={container}
      className="snooze"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          event.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <Button
        className="btn-small"
        busy={busy}
        aria-label={`Snooze ${what}`}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((current) => !current)}
      >
        Snooze
      </Button>
      {open && (
        <ul className="snooze-choices" id={listId} aria-label={`Snooze ${what} for`}>
          {SNOOZE_CHOICES.map((option) => (
            <li key={option.choice}>
              <button type="button" onClick={() => choose(option.choice)}>
                {option.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RescheduleDialog({ item, actions, onClose }: { item: FollowUp; actions: Actions; onClose: () => void }) {
  const [value, setValue] = useState(() => localInputValue(item.due_at));
  const errors = useFormErrors(["due_at"]);
  const [stale, setStale] = useState(false);

  function save() {
    errors.clear();
    setStale(false);
    const dueAt = apiDueTime(value);
    if (!dueAt) {
      errors.show(new ApiError(422, "validation_error", "Choose a date and time", { due_at: "Choose a date and time" }));
      return;
    }
    actions.update.mutate(
      { item, body: { due_at: dueAt } },
      {
        onSuccess: onClose,
        onError: (error) => {
          if (error instanceof ApiError && error.isConflict) {
            setStale(true);
            void actions.refresh();
          } else errors.show(error);
        },
      },
    );
  }

  return (
    <FormDialog
      open
      title={`Reschedule ${describe(item)}`}
      submitLabel="Save new time"
      busy={actions.update.isPending}
      onSubmit={save}
      onCancel={onClose}
    >
      {stale && (
        <Alert tone="warning" title="Someone else changed this follow-up">
          It has been reloaded: close this and try again.
        </Alert>
      )}
      {errors.summary && !errors.byField.due_at && <Alert title="The follow-up was not rescheduled">{errors.summary}</Alert>}
      <TextField
        label="New due time"
        type="datetime-local"
        value={value}
        required
        error={errors.byField.due_at}
        hint="Your local time. A snooze ends when you reschedule."
        onChange={(event) => setValue(event.target.value)}
      />
    </FormDialog>
  );
}
