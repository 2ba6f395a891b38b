import { useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "../api/errors";
import { toast } from "./toasts";
import { useFormErrors } from "./useFormErrors";

/** What a settings form's own check found: the body to save, or the fields to correct. */
export type Checked<Body> = { ok: true; body: Body } | { ok: false; fields: Record<string, string> };

/**
 * A card that saves an account's settings to an API and may remove them (a mail server, a Twilio
 * account): the form checked before it is sent, the API's refusals by field, a toast once done, and
 * the confirmation that removing asks for.
 */
export function useSettingsCard<Body, Saved>({
  inputs,
  check,
  save,
  remove,
  onDone,
  saved,
  removed,
}: {
  inputs: readonly string[];
  check: () => Checked<Body>;
  save: (body: Body) => Promise<Saved>;
  remove: () => Promise<Saved>;
  /** The API's answer to either, for the caches. */
  onDone: (settings: Saved) => Promise<void> | void;
  saved: string;
  removed: string;
}) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const errors = useFormErrors(inputs);

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
      errors.clear();
      toast.success(removed);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return { busy, errors, submit, confirming, setConfirming, confirmRemove };
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
