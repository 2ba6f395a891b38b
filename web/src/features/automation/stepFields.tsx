// Inputs several step forms share: who does the work, how long until it is due, which users, which
// template, and whether the lead or the contact is changed.

import { useId, useState } from "react";
import { SelectField, type Option } from "../../components/ui";
import { RadioGroup } from "../capture/controls";
import { ChoiceGroup } from "../contacts/lists/ChoiceGroup";
import { useBuilder } from "./builderContext";
import { splitMinutes, toMinutes, type DurationUnit } from "./definition";
import type { MessageTemplate } from "./types";
import { userLabel } from "./useBuilderChoices";
import "../contacts/lists/lists.css";

export const OWNER_OPTION: Option = { value: "owner", label: "The owner of the lead (or contact)" };

/** The users to choose from, with one chosen earlier but since deactivated kept so it still reads. */
export function useUserOptions(chosen: readonly string[] = []): Option[] {
  const { choices } = useBuilder();
  const options = choices.users.map((user) => ({ value: user.user_id, label: userLabel(user) }));
  const missing = chosen.filter((id) => id !== "owner" && !options.some((option) => option.value === id));
  return [...options, ...missing.map((id) => ({ value: id, label: "A user no longer here" }))];
}

export function AssigneeField({ label, value, onChange }: { label: string; value: string | undefined; onChange: (value: string) => void }) {
  const users = useUserOptions(value ? [value] : []);
  return <SelectField label={label} options={[OWNER_OPTION, ...users]} value={value ?? "owner"} onChange={(event) => onChange(event.target.value)} />;
}

/** Several users (and "the owner" when `withOwner`), ticked. */
export function UsersField({
  legend,
  hint,
  chosen,
  withOwner = false,
  error,
  onChange,
}: {
  legend: string;
  hint?: string;
  chosen: readonly string[];
  withOwner?: boolean;
  error?: string | undefined;
  onChange: (chosen: string[]) => void;
}) {
  const users = useUserOptions(chosen);
  return (
    <ChoiceGroup
      legend={legend}
      hint={hint}
      error={error}
      options={withOwner ? [{ value: "owner", label: "The owner" }, ...users] : users}
      chosen={chosen}
      empty="No users to choose from yet."
      onChange={onChange}
    />
  );
}

const UNITS: readonly { value: DurationUnit; label: string }[] = [
  { value: "minutes", label: "minutes" },
  { value: "hours", label: "hours" },
  { value: "days", label: "days" },
];

/** An amount of minutes, hours or days; what is not a whole number of minutes is NaN (the checks say so). */
export function DurationField({
  legend,
  minutes,
  hint,
  onChange,
}: {
  legend: string;
  minutes: number | null | undefined;
  hint?: string;
  onChange: (minutes: number) => void;
}) {
  const id = useId();
  const [start] = useState(() => splitMinutes(minutes ?? 0));
  const [amount, setAmount] = useState(minutes === undefined || minutes === null ? "" : String(start.amount));
  const [unit, setUnit] = useState<DurationUnit>(start.unit);

  function emit(text: string, nextUnit: DurationUnit) {
    const value = Number(text);
    const total = text.trim() === "" || !Number.isFinite(value) || value < 0 ? Number.NaN : toMinutes(value, nextUnit);
    onChange(Number.isInteger(total) ? total : Number.NaN);
  }

  return (
    <fieldset className="field duration-field" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      <div className="duration-inputs">
        <input
          type="number"
          min={0}
          step="any"
          aria-label={`${legend}: amount`}
          value={amount}
          onChange={(event) => {
            setAmount(event.target.value);
            emit(event.target.value, unit);
          }}
        />
        <select
          aria-label={`${legend}: unit`}
          value={unit}
          onChange={(event) => {
            const next = event.target.value as DurationUnit;
            setUnit(next);
            emit(amount, next);
          }}
        >
          {UNITS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </fieldset>
  );
}

export function TemplateField({
  label,
  templates,
  value,
  optional = false,
  loading,
  onChange,
}: {
  label: string;
  templates: readonly MessageTemplate[];
  value: string | null | undefined;
  optional?: boolean;
  loading: boolean;
  onChange: (templateId: string) => void;
}) {
  const options: Option[] = [
    { value: "", label: loading ? "Loading…" : optional ? "None" : "Choose a template" },
    ...templates.map((template) => ({ value: template.template_id, label: template.name })),
  ];
  if (value && !templates.some((template) => template.template_id === value)) options.push({ value, label: "A deleted template" });
  const hint = templates.length === 0 && !loading ? "No templates yet: make one in Settings › Templates." : undefined;
  return <SelectField label={label} options={options} value={value ?? ""} hint={hint} onChange={(event) => onChange(event.target.value)} />;
}

export function TargetField({ legend, value, onChange }: { legend: string; value: "lead" | "contact" | undefined; onChange: (value: "lead" | "contact") => void }) {
  return (
    <RadioGroup<"lead" | "contact">
      legend={legend}
      name="target"
      value={value ?? "lead"}
      options={[
        { value: "lead", label: "The lead" },
        { value: "contact", label: "The contact" },
      ]}
      onChange={onChange}
    />
  );
}
