import { useId } from "react";
import { Card, SelectField, TextAreaField, TextField } from "../../components/ui";
import { CheckboxField } from "../capture/controls";
import type { FieldDefinition } from "../fields/types";
import { dropdownChoices, toggledChoice, type CustomInput, type CustomInputs } from "./customFieldValues";
import "../capture/forms.css";
import "./activity.css";

interface InputProps {
  definition: FieldDefinition;
  value: CustomInput | undefined;
  error: string | undefined;
  onChange: (value: CustomInput) => void;
}

const labelOf = (definition: FieldDefinition) => (definition.required ? `${definition.label} *` : definition.label);

function MultiSelectInput({ definition, value, error, onChange }: InputProps) {
  const id = useId();
  const chosen = Array.isArray(value) ? value : [];
  // A stored choice that is no longer an option stays, ticked, until someone clears it.
  const choices = [...definition.options, ...chosen.filter((item) => !definition.options.includes(item))];
  return (
    <fieldset
      className={`field span-2 custom-choices ${error ? "field-invalid" : ""}`}
      aria-describedby={error ? `${id}-error` : undefined}
      aria-invalid={error ? true : undefined}
      aria-required={definition.required || undefined}
    >
      <legend>{labelOf(definition)}</legend>
      {choices.map((option) => (
        <label key={option} className="checkbox-label">
          <input
            type="checkbox"
            checked={chosen.includes(option)}
            onChange={(event) => onChange(toggledChoice(definition, chosen, option, event.target.checked))}
          />
          <span>{option}</span>
        </label>
      ))}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

const TEXT_INPUTS: Partial<Record<FieldDefinition["type"], { type: string; inputMode?: "decimal"; step?: string; hint?: string }>> = {
  text: { type: "text" },
  number: { type: "number", step: "any" },
  money: { type: "text", inputMode: "decimal", hint: "An amount, like 1234.50" },
  date: { type: "date" },
  phone: { type: "tel" },
  email: { type: "email" },
  url: { type: "url" },
};

function CustomFieldInput({ definition, value, error, onChange }: InputProps) {
  const label = labelOf(definition);
  const text = typeof value === "string" ? value : "";
  const placeholder = definition.placeholder ?? (definition.type === "url" ? "https://" : undefined);
  switch (definition.type) {
    case "checkbox":
      return (
        <CheckboxField label={label} checked={value === true} error={error} required={definition.required} onChange={(event) => onChange(event.target.checked)} />
      );
    case "multi_select":
      return <MultiSelectInput definition={definition} value={value} error={error} onChange={onChange} />;
    case "dropdown":
      return (
        <SelectField
          label={label}
          options={[{ value: "", label: "Choose…" }, ...dropdownChoices(definition, value).map((option) => ({ value: option, label: option }))]}
          value={text}
          error={error}
          required={definition.required}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case "long_text":
      return (
        <TextAreaField
          label={label}
          rows={3}
          className="span-2"
          value={text}
          placeholder={placeholder}
          error={error}
          required={definition.required}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    default: {
      const input = TEXT_INPUTS[definition.type] ?? { type: "text" };
      return (
        <TextField
          label={label}
          type={input.type}
          inputMode={input.inputMode}
          step={input.step}
          autoComplete="off"
          value={text}
          placeholder={placeholder}
          hint={input.hint}
          error={error}
          required={definition.required}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    }
  }
}

/**
 * The inputs of the custom fields defined for contacts, companies or leads, in their order and by
 * their type; the API's message for a field (`custom_fields.<key>`) shows next to its input.
 */
export function CustomFieldInputs({
  definitions,
  values,
  errors,
  onChange,
}: {
  definitions: readonly FieldDefinition[];
  values: CustomInputs;
  errors: Readonly<Record<string, string>>;
  onChange: (values: CustomInputs) => void;
}) {
  if (definitions.length === 0) return null;
  return (
    <Card title="Additional info">
      {definitions.some((definition) => definition.required) && <p className="muted required-note">Fields marked * are required.</p>}
      <div className="form-grid">
        {definitions.map((definition) => (
          <CustomFieldInput
            key={definition.key}
            definition={definition}
            value={values[definition.key]}
            error={errors[`custom_fields.${definition.key}`]}
            onChange={(value) => onChange({ ...values, [definition.key]: value })}
          />
        ))}
      </div>
    </Card>
  );
}
