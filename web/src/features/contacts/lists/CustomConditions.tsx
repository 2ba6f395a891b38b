import { Button, SelectField, TextField, type Option } from "../../../components/ui";
import type { FieldDefinition } from "../../fields/types";
import { newCondition, operatorsFor, valueKind, withConditionField, type ConditionForm } from "./listForm";

/**
 * Conditions on the contacts' custom fields: a field, an operator that fits its type, and a value
 * input of that type (a dropdown's options, a date, a number), none for "is filled in" and the like.
 */
export function CustomConditions({
  fields,
  conditions,
  errors,
  onChange,
}: {
  fields: readonly FieldDefinition[];
  conditions: readonly ConditionForm[];
  /** By index of the condition. */
  errors: Record<number, string | undefined>;
  onChange: (conditions: ConditionForm[]) => void;
}) {
  const first = fields[0];
  const change = (index: number, next: ConditionForm) => onChange(conditions.map((condition, i) => (i === index ? next : condition)));
  return (
    <fieldset className="choice-group conditions">
      <legend>Custom fields</legend>
      {conditions.map((condition, index) => (
        <ConditionRow
          key={condition.id}
          number={index + 1}
          fields={fields}
          condition={condition}
          error={errors[index]}
          onChange={(next) => change(index, next)}
          onRemove={() => onChange(conditions.filter((_, i) => i !== index))}
        />
      ))}
      {first ? (
        <Button
          className="btn-small conditions-add"
          onClick={() => onChange([...conditions, newCondition(Math.max(0, ...conditions.map((c) => c.id)) + 1, first)])}
        >
          Add a condition
        </Button>
      ) : (
        <p className="muted">Contacts have no custom fields yet: they are added in Settings › Custom fields.</p>
      )}
    </fieldset>
  );
}

function ConditionRow({
  number,
  fields,
  condition,
  error,
  onChange,
  onRemove,
}: {
  number: number;
  fields: readonly FieldDefinition[];
  condition: ConditionForm;
  error: string | undefined;
  onChange: (condition: ConditionForm) => void;
  onRemove: () => void;
}) {
  const field = fields.find((candidate) => candidate.key === condition.key);
  const type = field?.type ?? "text";
  // A condition on a field since removed keeps its key, so the list still says what it holds.
  const fieldOptions: Option[] = [
    ...fields.map((candidate) => ({ value: candidate.key, label: candidate.label })),
    ...(field ? [] : [{ value: condition.key, label: `${condition.key} (removed field)` }]),
  ];
  return (
    <div className="condition" role="group" aria-label={`Condition ${number}`}>
      <SelectField
        label="Field"
        options={fieldOptions}
        value={condition.key}
        onChange={(event) => {
          const picked = fields.find((candidate) => candidate.key === event.target.value);
          if (picked) onChange(withConditionField(condition, picked));
        }}
      />
      <SelectField
        label="Comparison"
        options={operatorsFor(type)}
        value={condition.op}
        onChange={(event) => {
          const op = operatorsFor(type).find((candidate) => candidate.value === event.target.value)?.value;
          if (op) onChange({ ...condition, op });
        }}
      />
      <ConditionValue field={field} condition={condition} error={error} onChange={(value) => onChange({ ...condition, value })} />
      <Button className="btn-small condition-remove" variant="ghost" aria-label={`Remove condition ${number}`} onClick={onRemove}>
        Remove
      </Button>
    </div>
  );
}

function ConditionValue({
  field,
  condition,
  error,
  onChange,
}: {
  field: FieldDefinition | undefined;
  condition: ConditionForm;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const kind = valueKind(field?.type ?? "text", condition.op);
  if (kind === "none") return error ? <p className="field-error">{error}</p> : <span aria-hidden="true" />;
  if (kind === "option") {
    const options: Option[] = [{ value: "", label: "Pick one" }, ...(field?.options ?? []).map((option) => ({ value: option, label: option }))];
    return <SelectField label="Value" options={options} value={condition.value} error={error} onChange={(event) => onChange(event.target.value)} />;
  }
  return (
    <TextField
      label="Value"
      type={kind === "text" ? "text" : kind}
      step={kind === "number" ? "any" : undefined}
      value={condition.value}
      error={error}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
