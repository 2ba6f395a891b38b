// The new and edit forms of contacts, companies and leads: their values, custom fields, errors and
// submit, an edit's version and what it does when someone else saved first, and the form's buttons.

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { toast } from "../../components/toasts";
import { Alert, Button } from "../../components/ui";
import { useFormErrors } from "../../components/useFormErrors";
import type { ObjectType } from "../fields/types";
import type { CustomValues } from "./customFieldValues";
import { useCustomFieldForm, type CustomFieldForm } from "./useCustomFieldForm";

/** What a record's form component takes from `useNewRecordForm` or `useVersionedEdit`. */
export interface RecordForm<V> {
  values: V;
  setValues: (values: V) => void;
  custom: CustomFieldForm;
  errors: ReturnType<typeof useFormErrors>;
  busy: boolean;
  submit: (event: FormEvent) => void;
}

/**
 * A new record's form. `create` writes it (with `customFields` only when one is filled in) and answers
 * the page to open: it replaces the form in the history, so Back does not return to a sent form.
 */
export function useNewRecordForm<V>({
  objectType,
  inputs,
  initial,
  create,
}: {
  objectType: ObjectType;
  /** The form's inputs as the API names their errors. */
  inputs: readonly string[];
  initial: V | (() => V);
  create: (values: V, customFields: CustomValues | null) => Promise<string>;
}): RecordForm<V> {
  const navigate = useNavigate();
  const [values, setValues] = useState<V>(initial);
  const [busy, setBusy] = useState(false);
  const custom = useCustomFieldForm(objectType);
  const errors = useFormErrors([...inputs, ...custom.inputNames]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      const customFields = custom.body();
      navigate(await create(values, Object.keys(customFields).length ? customFields : null), { replace: true });
    } catch (error) {
      errors.show(error);
      setBusy(false);
    }
  }

  return { values, setValues, custom, errors, busy, submit };
}

interface VersionedRecord {
  custom_fields: Readonly<Record<string, unknown>>;
  version: number;
}

/**
 * An existing record's form: it sends only what changed, with the version the editor started from, so
 * a save over someone else's is refused (a conflict) rather than overwriting it; `reload` then starts
 * the form again from the record as it is now.
 */
export function useVersionedEdit<R extends VersionedRecord, V, C extends { custom_fields?: CustomValues | null }>({
  objectType,
  record,
  inputs,
  toForm,
  changed,
  read,
  save,
  savedMessage,
  detailPath,
}: {
  /** Also names the record in the message of a reload. */
  objectType: ObjectType;
  record: R;
  /** The form's inputs as the API names their errors. */
  inputs: readonly string[];
  toForm: (record: R) => V;
  changed: (before: V, after: V) => C;
  /** The record's query, read past the cache on a reload. */
  read: { queryKey: QueryKey; queryFn: () => Promise<R> };
  /** Writes the changes and invalidates what shows them. */
  save: (changes: C & { version: number }) => Promise<unknown>;
  savedMessage: string;
  detailPath: string;
}): RecordForm<V> & { conflict: boolean; reloading: boolean; reload: () => void } {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const snapshot = (from: R) => ({ values: toForm(from), customFields: from.custom_fields, version: from.version });
  // What the editor started from: a background refetch must not move the version under their edits.
  const [base, setBase] = useState(() => snapshot(record));
  const [values, setValues] = useState(base.values);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const custom = useCustomFieldForm(objectType, base.customFields);
  const errors = useFormErrors([...inputs, ...custom.inputNames]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setConflict(false);
    const fields = changed(base.values, values);
    // The map is written whole: it goes only when a custom field changed.
    const changes = custom.changed ? { ...fields, custom_fields: custom.body() } : fields;
    if (Object.keys(changes).length === 0) {
      toast.info("Nothing changed");
      navigate(detailPath);
      return;
    }
    setBusy(true);
    try {
      await save({ ...changes, version: base.version });
      toast.success(savedMessage);
      navigate(detailPath);
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) setConflict(true);
      else errors.show(error);
      setBusy(false);
    }
  }

  async function reload() {
    setReloading(true);
    try {
      const next = snapshot(await queryClient.fetchQuery({ ...read, staleTime: 0 }));
      setBase(next);
      setValues(next.values);
      custom.reset();
      setConflict(false);
      errors.clear();
      toast.info(`Loaded the latest version of this ${objectType}`);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setReloading(false);
    }
  }

  return { values, setValues, custom, errors, busy, submit, conflict, reloading, reload: () => void reload() };
}

/** An edit refused because someone else saved the record first. */
export function EditConflictAlert({ noun, reloading, onReload }: { noun: ObjectType; reloading: boolean; onReload: () => void }) {
  return (
    <Alert
      tone="warning"
      title={`Someone else changed this ${noun}: reload`}
      actions={
        <Button variant="primary" busy={reloading} onClick={onReload}>
          Reload
        </Button>
      }
    >
      Your changes were not saved. Reload to see the latest version, then make your changes again.
    </Alert>
  );
}

export function FormActions({ cancelTo, busy, submitLabel }: { cancelTo: string; busy: boolean; submitLabel: string }) {
  return (
    <div className="form-actions sticky-actions">
      <Link className="btn btn-secondary" to={cancelTo}>
        Cancel
      </Link>
      <Button type="submit" variant="primary" busy={busy}>
        {submitLabel}
      </Button>
    </div>
  );
}
