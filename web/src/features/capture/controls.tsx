// Controls the builder needs beyond the kit: a radio group and a checkbox, each with its label and
// error wired like the kit's fields (the captcha secret is the kit's SecretField).

import { useId, type InputHTMLAttributes, type ReactNode } from "react";

export function RadioGroup<T extends string>({
  legend,
  name,
  value,
  options,
  error,
  hint,
  onChange,
}: {
  legend: string;
  name: string;
  value: T;
  options: readonly { value: T; label: string }[];
  error?: string | undefined;
  hint?: ReactNode;
  onChange: (value: T) => void;
}) {
  const id = useId();
  return (
    <fieldset
      className={`field radio-group ${error ? "field-invalid" : ""}`}
      aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend>{legend}</legend>
      <div className="radio-options">
        {options.map((option) => (
          <label key={option.value} className="radio-option">
            <input
              type="radio"
              name={`${name}-${id}`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {hint && !error && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function CheckboxField({
  label,
  error,
  hint,
  className = "",
  ...input
}: { label: string; error?: string | undefined; hint?: ReactNode; className?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "type" | "className"
>) {
  const id = useId();
  return (
    <div className={`field checkbox-field ${error ? "field-invalid" : ""} ${className}`}>
      <label htmlFor={id} className="checkbox-label">
        <input
          id={id}
          type="checkbox"
          {...input}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        />
        <span>{label}</span>
      </label>
      {hint && !error && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A message for a group of inputs (a field as a whole, the field list), tied to it by id. */
export function GroupError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error group-error" id={id}>
      {message}
    </p>
  );
}
