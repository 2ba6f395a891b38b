import { useId, useState } from "react";
import { Button, SelectField, TextField, type Option } from "../../components/ui";
import { sourceLabel } from "../../lib/format";
import { RadioGroup } from "../capture/controls";
import { ChoiceGroup } from "../contacts/lists/ChoiceGroup";
import { CONTACT_ROLES } from "../contacts/types";
import { LEAD_SOURCES } from "../leads/types";
import { useBuilder } from "./builderContext";
import {
  conditionField,
  listInput,
  newCondition,
  numberInput,
  operatorLabel,
  operatorsFor,
  valueShape,
  WEEKDAYS,
  withField,
  withOperator,
  type ConditionField,
  type FieldGroup,
} from "./conditions";
import type { Condition } from "./types";
import "../contacts/lists/lists.css";

type Match = "all" | "any";

/**
 * Conditions on the contact, the lead and the time: match all or any, then one row per condition
 * (a field, an operator that fits it, and the value it takes).
 */
export function ConditionsEditor({
  legend,
  conditions,
  match,
  problems,
  emptyText,
  onChange,
}: {
  legend: string;
  conditions: readonly Condition[];
  match: Match;
  /** By the condition's index. */
  problems: Readonly<Record<number, string | undefined>>;
  emptyText: string;
  onChange: (conditions: Condition[], match: Match) => void;
}) {
  const { choices } = useBuilder();
  const change = (index: number, next: Condition) => onChange(conditions.map((condition, i) => (i === index ? next : condition)), match);
  return (
    <fieldset className="conditions-editor">
      <legend>{legend}</legend>
      {conditions.length > 1 && (
        <RadioGroup<Match>
          legend="Match"
          name="match"
          value={match}
          options={[
            { value: "all", label: "All of the conditions" },
            { value: "any", label: "Any one of them" },
          ]}
          onChange={(next) => onChange([...conditions], next)}
        />
      )}
      {conditions.length === 0 && <p className="muted">{emptyText}</p>}
      <ol className="condition-list">
        {conditions.map((condition, index) => (
          <ConditionRow
            key={index}
            number={index + 1}
            condition={condition}
            problem={problems[index]}
            onChange={(next) => change(index, next)}
            onRemove={() => onChange(conditions.filter((_, i) => i !== index), match)}
          />
        ))}
      </ol>
      <Button className="btn-small" onClick={() => onChange([...conditions, newCondition(choices.fields[0]!)], match)}>
        Add a condition
      </Button>
    </fieldset>
  );
}

const GROUPS: readonly FieldGroup[] = ["Contact", "Lead", "Time", "Contact custom fields", "Lead custom fields"];

function FieldSelect({ fields, value, onChange }: { fields: readonly ConditionField[]; value: ConditionField; onChange: (field: ConditionField) => void }) {
  const id = useId();
  const listed = fields.some((field) => field.field === value.field) ? fields : [...fields, value];
  return (
    <div className="field">
      <label htmlFor={id}>Field</label>
      <select id={id} value={value.field} onChange={(event) => onChange(conditionField(listed, event.target.value))}>
        {GROUPS.map((group) => {
          const inGroup = listed.filter((field) => field.group === group);
          return (
            inGroup.length > 0 && (
              <optgroup key={group} label={group}>
                {inGroup.map((field) => (
                  <option key={field.field} value={field.field}>
                    {field.label}
                  </option>
                ))}
              </optgroup>
            )
          );
        })}
      </select>
    </div>
  );
}

function ConditionRow({
  number,
  condition,
  problem,
  onChange,
  onRemove,
}: {
  number: number;
  condition: Condition;
  problem: string | undefined;
  onChange: (condition: Condition) => void;
  onRemove: () => void;
}) {
  const { choices } = useBuilder();
  const field = conditionField(choices.fields, condition.field);
  const operator = condition.operator ?? "equals";
  return (
    <li className={`condition-row ${problem ? "condition-invalid" : ""}`} role="group" aria-label={`Condition ${number}`}>
      <FieldSelect fields={choices.fields} value={field} onChange={(next) => onChange(withField(condition, next))} />
      <SelectField
        label="Operator"
        options={operatorsFor(field.type).map((value) => ({ value, label: operatorLabel(value, field.type) }))}
        value={operator}
        onChange={(event) => onChange(withOperator(condition, event.target.value as typeof operator))}
      />
      <ConditionValue field={field} condition={condition} onChange={(value) => onChange({ ...condition, value })} />
      <Button variant="ghost" className="btn-small condition-remove" aria-label={`Remove condition ${number}`} onClick={onRemove}>
        Remove
      </Button>
      {problem && <p className="field-error condition-problem">{problem}</p>}
    </li>
  );
}

/** The choices of a field whose values are things of the account (users, stages, forms, …), or null for free text. */
function useValueOptions(field: ConditionField): Option[] | null {
  const { choices } = useBuilder();
  const named = choices.pipelines.length > 1;
  const bySource: Partial<Record<ConditionField["source"], () => Option[]>> = {
    role: () => CONTACT_ROLES.map((role) => ({ value: role, label: role })),
    user: () => choices.users.map((user) => ({ value: user.user_id, label: user.name || user.email })),
    stage: () =>
      choices.pipelines.flatMap((pipeline) =>
        [...pipeline.stages].sort((a, b) => a.position - b.position).map((stage) => ({ value: stage.stage_id, label: named ? `${pipeline.name}: ${stage.name}` : stage.name })),
      ),
    pipeline: () => choices.pipelines.map((pipeline) => ({ value: pipeline.pipeline_id, label: pipeline.name })),
    form: () => [...choices.forms],
    source: () => LEAD_SOURCES.map((source) => ({ value: source, label: sourceLabel(source) })),
    days: () => WEEKDAYS.map((day) => ({ value: day.value, label: day.label })),
    options: () => (field.options ?? []).map((option) => ({ value: option, label: option })),
  };
  return bySource[field.source]?.() ?? null;
}

function ConditionValue({ field, condition, onChange }: { field: ConditionField; condition: Condition; onChange: (value: unknown) => void }) {
  const options = useValueOptions(field);
  const shape = valueShape(condition.operator ?? "equals");
  const value = condition.value;
  if (shape === "none") return <span className="condition-no-value" />;
  if (shape === "pair") {
    const pair = Array.isArray(value) ? value : ["", ""];
    const set = (index: number, text: string) => onChange(pair.map((item, i) => (i === index ? numberInput(text) : item)));
    return (
      <div className="condition-pair">
        <TextField label="From" type="number" step="any" value={String(pair[0] ?? "")} onChange={(event) => set(0, event.target.value)} />
        <TextField label="To" type="number" step="any" value={String(pair[1] ?? "")} onChange={(event) => set(1, event.target.value)} />
      </div>
    );
  }
  if (shape === "many") {
    const chosen = (Array.isArray(value) ? value : []).map(String);
    return options ? (
      <ChoiceGroup legend="Values" options={options} chosen={chosen} onChange={onChange} />
    ) : (
      <ListInput initial={chosen} onChange={onChange} />
    );
  }
  return <SingleValue field={field} options={options} value={value} onChange={onChange} />;
}

function SingleValue({ field, options, value, onChange }: { field: ConditionField; options: Option[] | null; value: unknown; onChange: (value: unknown) => void }) {
  const text = value === undefined || value === null ? "" : String(value);
  if (field.type === "boolean") {
    return (
      <SelectField
        label="Value"
        options={[
          { value: "true", label: "Yes" },
          { value: "false", label: "No" },
        ]}
        value={value === false || text === "false" ? "false" : "true"}
        onChange={(event) => onChange(event.target.value === "true")}
      />
    );
  }
  if (options) {
    const listed = text && !options.some((option) => option.value === text) ? [...options, { value: text, label: `${text} (no longer here)` }] : options;
    return <SelectField label="Value" options={[{ value: "", label: "Choose…" }, ...listed]} value={text} onChange={(event) => onChange(event.target.value)} />;
  }
  const number = field.type === "number";
  return (
    <TextField
      label="Value"
      type={number ? "number" : field.type === "date" ? "date" : "text"}
      step={number ? "any" : undefined}
      value={text}
      onChange={(event) => onChange(number ? numberInput(event.target.value) : event.target.value)}
    />
  );
}

/** Several values typed with commas; the text stays as typed while the value is its items. */
function ListInput({ initial, onChange }: { initial: readonly string[]; onChange: (values: string[]) => void }) {
  const [text, setText] = useState(initial.join(", "));
  // The row may be shown another condition's values (one above it was removed): those win.
  const typed = listInput(text);
  const same = typed.length === initial.length && typed.every((item, index) => item === initial[index]);
  return (
    <TextField
      label="Values"
      value={same ? text : initial.join(", ")}
      hint="Separate them with commas."
      onChange={(event) => {
        setText(event.target.value);
        onChange(listInput(event.target.value));
      }}
    />
  );
}
