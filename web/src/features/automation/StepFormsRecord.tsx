// The forms of the steps that change the record or the run: tags, role, a custom field, the stage,
// a wait, and enrolling in another workflow.

import { SelectField, TextField, type Option } from "../../components/ui";
import { RadioGroup } from "../capture/controls";
import { ChoiceGroup } from "../contacts/lists/ChoiceGroup";
import { CONTACT_ROLES } from "../contacts/types";
import { TagsField } from "../bulk/TagsField";
import type { FieldDefinition } from "../fields/types";
import { useBuilder } from "./builderContext";
import { ConditionsEditor } from "./ConditionsEditor";
import { numberInput } from "./conditions";
import { isoFromLocal, localDateTime } from "./definition";
import { workflowStatusText } from "./labels";
import { DurationField, TargetField } from "./stepFields";
import type { StepFormProps } from "./StepFormsWork";
import "../bulk/bulk.css";

export function TagsForm({ step, onChange }: StepFormProps<"add_tag" | "remove_tag">) {
  const { choices } = useBuilder();
  return (
    <div className="step-form form-grid">
      <TagsField tags={step.tags} suggestions={choices.tags} error={undefined} onChange={(tags) => onChange({ ...step, tags })} />
      <TargetField legend={step.kind === "add_tag" ? "Add them to" : "Remove them from"} value={step.target} onChange={(target) => onChange({ ...step, target })} />
    </div>
  );
}

type Role = StepFormProps<"change_role">["step"]["role"];

export function ChangeRoleForm({ step, onChange }: StepFormProps<"change_role">) {
  return (
    <div className="step-form form-grid">
      <SelectField
        label="New role of the contact"
        options={CONTACT_ROLES.map((role) => ({ value: role, label: role }))}
        value={step.role}
        onChange={(event) => onChange({ ...step, role: event.target.value as Role })}
      />
    </div>
  );
}

/** A custom field's new value, entered as its type asks; empty empties the field. */
function FieldValueInput({ definition, value, onChange }: { definition: FieldDefinition; value: unknown; onChange: (value: unknown) => void }) {
  const text = value === undefined || value === null ? "" : String(value);
  if (definition.type === "multi_select") {
    return (
      <ChoiceGroup
        legend="New value"
        options={definition.options.map((option) => ({ value: option, label: option }))}
        chosen={Array.isArray(value) ? value.map(String) : []}
        onChange={onChange}
      />
    );
  }
  if (definition.type === "checkbox" || definition.type === "dropdown") {
    const options: Option[] =
      definition.type === "checkbox"
        ? [
            { value: "true", label: "Ticked" },
            { value: "false", label: "Not ticked" },
          ]
        : definition.options.map((option) => ({ value: option, label: option }));
    return (
      <SelectField
        label="New value"
        options={[{ value: "", label: "Empty" }, ...options]}
        value={text}
        onChange={(event) => {
          const picked = event.target.value;
          onChange(definition.type === "checkbox" && picked ? picked === "true" : picked);
        }}
      />
    );
  }
  const numeric = definition.type === "number" || definition.type === "money";
  return (
    <TextField
      label="New value"
      type={definition.type === "date" ? "date" : numeric ? "number" : "text"}
      step={numeric ? "any" : undefined}
      value={text}
      hint="Leave it empty to empty the field."
      onChange={(event) => onChange(numeric ? numberInput(event.target.value) : event.target.value)}
    />
  );
}

export function SetFieldForm({ step, onChange }: StepFormProps<"set_field">) {
  const { choices } = useBuilder();
  const target = step.target ?? "lead";
  const fields = target === "lead" ? choices.leadFields : choices.contactFields;
  const definition = fields.find((field) => field.key === step.field_key);
  const options: Option[] = [{ value: "", label: fields.length ? "Choose a field" : "No custom fields yet" }, ...fields.map((field) => ({ value: field.key, label: field.label }))];
  if (step.field_key && !definition) options.push({ value: step.field_key, label: `${step.field_key} (removed field)` });
  return (
    <div className="step-form form-grid">
      <TargetField legend="Set it on" value={target} onChange={(next) => onChange({ ...step, target: next, field_key: "", value: undefined })} />
      <SelectField
        label="Custom field"
        options={options}
        value={step.field_key}
        hint="Custom fields are defined in Settings › Custom fields."
        onChange={(event) => onChange({ ...step, field_key: event.target.value, value: undefined })}
      />
      {definition && <FieldValueInput definition={definition} value={step.value} onChange={(value) => onChange({ ...step, value })} />}
    </div>
  );
}

export function MoveStageForm({ step, onChange }: StepFormProps<"move_stage">) {
  const { choices } = useBuilder();
  const pipeline = choices.pipelines.find((candidate) => candidate.pipeline_id === step.pipeline_id);
  const stages = [...(pipeline?.stages ?? [])].sort((a, b) => a.position - b.position);
  return (
    <div className="step-form form-grid">
      <SelectField
        label="Pipeline"
        options={[{ value: "", label: "Choose a pipeline" }, ...choices.pipelines.map((p) => ({ value: p.pipeline_id, label: p.name }))]}
        value={step.pipeline_id}
        onChange={(event) => onChange({ ...step, pipeline_id: event.target.value, stage_id: "" })}
      />
      <SelectField
        label="Stage"
        options={[{ value: "", label: pipeline ? "Choose a stage" : "Choose the pipeline first" }, ...stages.map((s) => ({ value: s.stage_id, label: s.name }))]}
        value={step.stage_id}
        disabled={!pipeline}
        onChange={(event) => onChange({ ...step, stage_id: event.target.value })}
      />
      <p className="field-hint span-2">A lead in another pipeline stays where it is (the step is skipped).</p>
    </div>
  );
}

const WAIT_MODES = [
  { value: "duration", label: "For a while" },
  { value: "until", label: "Until a date and time" },
  { value: "business_hours", label: "Until business hours" },
  { value: "condition", label: "Until conditions hold" },
] as const;

export function WaitForm({ step, onChange }: StepFormProps<"wait">) {
  const mode = step.mode ?? "duration";
  return (
    <div className="step-form form-grid">
      <RadioGroup<(typeof WAIT_MODES)[number]["value"]>
        legend="Wait"
        name="wait-mode"
        value={mode}
        options={WAIT_MODES}
        onChange={(next) =>
          onChange({
            ...step,
            mode: next,
            minutes: next === "duration" || next === "condition" ? (step.minutes ?? 1440) : undefined,
            until: next === "until" ? step.until : undefined,
            conditions: next === "condition" ? (step.conditions?.length ? step.conditions : [{ field: "lead.tags", operator: "contains", value: "" }]) : undefined,
            match: next === "condition" ? (step.match ?? "all") : undefined,
          })
        }
      />
      {mode === "duration" && <DurationField legend="How long" minutes={step.minutes} onChange={(minutes) => onChange({ ...step, minutes })} />}
      {mode === "until" && (
        <TextField
          label="Go on at"
          type="datetime-local"
          value={localDateTime(step.until)}
          hint="In your computer's time zone."
          onChange={(event) => onChange({ ...step, until: isoFromLocal(event.target.value) })}
        />
      )}
      {mode === "business_hours" && <p className="field-hint span-2">Goes on at once within business hours (see Settings below), else when they next open.</p>}
      {mode === "condition" && <WaitConditions step={step} onChange={onChange} />}
    </div>
  );
}

function WaitConditions({ step, onChange }: StepFormProps<"wait">) {
  const { editor } = useBuilder();
  const problem = editor.problems[`steps.${step.id}`];
  const at = problem ? /^Condition (\d+): /.exec(problem) : null;
  const problems = at ? { [Number(at[1]) - 1]: problem!.slice(at[0].length) } : {};
  return (
    <>
      <div className="span-2">
        <ConditionsEditor
          legend="Go on when"
          conditions={step.conditions ?? []}
          match={step.match ?? "all"}
          problems={problems}
          emptyText="Add the conditions to wait for."
          onChange={(conditions, match) => onChange({ ...step, conditions, match })}
        />
      </div>
      <DurationField legend="Or at most after" minutes={step.minutes} onChange={(minutes) => onChange({ ...step, minutes })} />
      <p className="field-hint span-2">Checked whenever the lead or contact changes, and every 15 minutes for conditions on the time.</p>
    </>
  );
}

export function EnrolForm({ step, onChange }: StepFormProps<"enrol">) {
  const { choices } = useBuilder();
  const options: Option[] = [
    { value: "", label: choices.workflows.length ? "Choose a workflow" : "No other workflows yet" },
    ...choices.workflows.map((workflow) => ({ value: workflow.workflow_id, label: `${workflow.name} (${workflowStatusText(workflow)})` })),
  ];
  return (
    <div className="step-form form-grid">
      <SelectField
        label="Workflow to enrol in"
        options={options}
        value={step.workflow_id}
        hint="Only a published workflow takes them in; this one goes on with its next step."
        onChange={(event) => onChange({ ...step, workflow_id: event.target.value })}
      />
    </div>
  );
}
