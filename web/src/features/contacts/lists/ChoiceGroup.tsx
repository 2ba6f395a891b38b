import { useId, type ReactNode } from "react";
import type { Option } from "../../../components/ui";

/** A set of checkboxes under one legend: the values chosen among the options, in the options' order. */
export function ChoiceGroup({
  legend,
  hint,
  error,
  options,
  chosen,
  empty,
  onChange,
}: {
  legend: string;
  hint?: ReactNode;
  error?: string | undefined;
  options: readonly Option[];
  chosen: readonly string[];
  /** What shows when there is nothing to choose from. */
  empty?: ReactNode;
  onChange: (chosen: string[]) => void;
}) {
  const id = useId();
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  function toggle(value: string, on: boolean) {
    const others = chosen.filter((candidate) => candidate !== value);
    onChange(on ? [...others, value] : others);
  }
  return (
    <fieldset className={`choice-group ${error ? "field-invalid" : ""}`} aria-describedby={described}>
      <legend>{legend}</legend>
      {options.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="choices">
          {options.map((option) => (
            <Checkbox key={option.value} label={option.label} checked={chosen.includes(option.value)} onChange={(on) => toggle(option.value, on)} />
          ))}
        </div>
      )}
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

export function Checkbox({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="choice">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  );
}
