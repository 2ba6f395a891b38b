import { useState, type FormEvent } from "react";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Alert, SelectField, TextAreaField, TextField } from "../../components/ui";
import {
  formErrors,
  keyFromLabel,
  TYPE_LABELS,
  TYPES_WITH_OPTIONS,
  type FieldForm,
  type FormErrors,
} from "./customFields";
import type { CustomFieldType, FieldDefinition } from "./types";

const TYPE_OPTIONS = (Object.keys(TYPE_LABELS) as CustomFieldType[]).map((type) => ({ value: type, label: TYPE_LABELS[type] }));

/**
 * Add or edit one custom field. A new field's key follows its label until the key is typed; a saved
 * field's key and type cannot change (the API refuses it: add a new field instead). The field is
 * saved from here, so the API's refusals show next to the inputs.
 */
export function FieldDialog({
  initial,
  others,
  objectLabel,
  onSave,
  onCancel,
}: {
  initial: FieldForm;
  /** The other saved fields of the object type (their keys are taken). */
  others: readonly FieldDefinition[];
  objectLabel: string;
  /** Saves the field with the list; resolves with the refusals to show, or null once saved. */
  onSave: (form: FieldForm) => Promise<{ byField: FormErrors; other: string | null } | null>;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(initial);
  const [keyTyped, setKeyTyped] = useState(initial.field_id !== null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const existing = initial.field_id !== null;
  const withOptions = TYPES_WITH_OPTIONS.includes(form.type);

  const change = (next: Partial<FieldForm>) => setForm((current) => ({ ...current, ...next }));

  async function save() {
    if (busy) return;
    const found = formErrors(form, others);
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const refused = await onSave(form);
      if (refused) {
        setErrors(refused.byField);
        setProblem(refused.other);
      }
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void save();
  }

  return (
    <ConfirmDialog
      open
      title={existing ? `Edit ${initial.label}` : `New ${objectLabel.toLowerCase()} field`}
      confirmLabel="Save field"
      tone="primary"
      busy={busy}
      onConfirm={() => void save()}
      onCancel={() => {
        if (!busy) onCancel();
      }}
    >
      <form className="cf-form" onSubmit={submit} noValidate aria-label="Custom field">
        {problem && <Alert>{problem}</Alert>}
        <TextField
          label="Label"
          value={form.label}
          maxLength={80}
          error={errors.label}
          autoFocus
          onChange={(event) => {
            const label = event.target.value;
            change(keyTyped ? { label } : { label, key: keyFromLabel(label) });
          }}
        />
        <TextField
          label="Key"
          value={form.key}
          maxLength={64}
          error={errors.key}
          readOnly={existing}
          className="cf-key"
          hint={existing ? "The key of a saved field stays: add a new field for another." : "Imports and templates name the field by it."}
          onChange={(event) => {
            setKeyTyped(true);
            change({ key: event.target.value });
          }}
        />
        <SelectField
          label="Type"
          options={TYPE_OPTIONS}
          value={form.type}
          error={errors.type}
          disabled={existing}
          hint={existing ? "The type of a saved field stays: add a new field for another." : undefined}
          onChange={(event) => change({ type: event.target.value as CustomFieldType })}
        />
        {withOptions && (
          <TextAreaField
            label="Options"
            rows={5}
            value={form.optionsText}
            error={errors.options}
            hint="One per line, in the order the list shows them."
            onChange={(event) => change({ optionsText: event.target.value })}
          />
        )}
        <TextField
          label="Placeholder"
          value={form.placeholder}
          maxLength={200}
          error={errors.placeholder}
          hint="The hint shown in the empty input."
          onChange={(event) => change({ placeholder: event.target.value })}
        />
        <label className="cf-check">
          <input type="checkbox" checked={form.required} onChange={(event) => change({ required: event.target.checked })} />
          Required: a new record must fill it in
        </label>
        <button type="submit" hidden tabIndex={-1} />
      </form>
    </ConfirmDialog>
  );
}
