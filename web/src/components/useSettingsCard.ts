import { useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "../api/errors";
import { useUnsavedChanges, valuesKey } from "../lib/useUnsavedChanges";
import { toast } from "./toasts";
import { useFormErrors } from "./useFormErrors";

/** What a settings form's own check found: the body to save, or the fields to correct. */
export type Checked<Body> = { ok: true; body: Body } | { ok: false; fields: Record<string, string> };

/**
 * A card that saves an account's settings to an API and may remove them (a mail server, a Twilio
 * account): the form checked before it is sent, the API's refusals by field, a toast once done, and
 * the confirmation that removing asks for. Leaving the page with changes not saved asks first (the
 * Settings area's UnsavedChangesScope asks; elsewhere render `unsavedPrompt`): the card is dirty while
 * what `check` finds differs from what it found for the saved values, unless the page says (`dirty`).
 */
export function useSettingsCard<Body, Saved>({
  inputs,
  check,
  save,
  remove,
  onDone,
  saved,
  removed,
  dirty: dirtyOfPage,
}: {
  inputs: readonly string[];
  check: () => Checked<Body>;
  save: (body: Body) => Promise<Saved>;
  remove: () => Promise<Saved>;
  /** The API's answer to either, for the caches. */
  onDone: (settings: Saved) => Promise<void> | void;
  saved: string;
  removed: string;
  /** Whether the form differs from the saved settings, when the page knows better than `check`. */
  dirty?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const errors = useFormErrors(inputs);
  // What `check` made of the saved values: the form starts from them, and a save or removal makes the
  // values as they are the saved ones.
  const checkedNow = valuesKey(check());
  const [checkedSaved, setCheckedSaved] = useState(checkedNow);
  const unsaved = useUnsavedChanges(dirtyOfPage ?? checkedNow !== checkedSaved);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    const checked = check();
    if (!checked.ok) {
      errors.show(new ApiError(422, "validation_error", "Some fields are not valid", checked.fields));
      return;
    }
    setBusy(true);
    try {
      await onDone(await save(checked.body));
      setCheckedSaved(checkedNow);
      toast.success(saved);
    } catch (error) {
      errors.show(error);
    } finally {
      setBusy(false);
    }
  }

  async function confirmRemove() {
    setBusy(true);
    try {
      await onDone(await remove());
      setCheckedSaved(checkedNow);
      errors.clear();
      toast.success(removed);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return { busy, errors, submit, confirming, setConfirming, confirmRemove, unsavedPrompt: unsaved.prompt };
}

/**
 * A settings page's test (a test email, a test text) sent with the saved settings: the answer, or the
 * failure to explain; a 422 goes next to the input (`to`).
 */
export function useTestSend<Result>() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const errors = useFormErrors(["to"]);

  /** Send with `request`, unless `problem` (what is wrong with the input before it is sent) says why not. */
  async function send(event: FormEvent, request: () => Promise<Result>, problem?: string | null) {
    event.preventDefault();
    errors.clear();
    setResult(null);
    setFailure(null);
    if (problem) {
      errors.show(new ApiError(422, "validation_error", "Some fields are not valid", { to: problem }));
      return;
    }
    setBusy(true);
    try {
      setResult(await request());
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) errors.show(error);
      else setFailure(error instanceof Error ? error : new Error(errorMessage(error)));
    } finally {
      setBusy(false);
    }
  }

  /** A failure the API says will not pass on another try. */
  const permanent = failure instanceof ApiError && failure.details.permanent === true;
  return { busy, errors, result, failure, permanent, send };
}
