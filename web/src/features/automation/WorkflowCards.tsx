// The builder's cards around the steps: what starts the workflow, who it takes in, and its settings
// (re-enrolment and business hours).

import { useId } from "react";
import { Card, SelectField, TextField, type Option } from "../../components/ui";
import { sourceLabel } from "../../lib/format";
import { CheckboxField } from "../capture/controls";
import { ChoiceGroup } from "../contacts/lists/ChoiceGroup";
import { CONTACT_ROLES } from "../contacts/types";
import { LEAD_SOURCES } from "../leads/types";
import { useBuilder } from "./builderContext";
import { WEEKDAYS } from "./conditions";
import { ConditionsEditor } from "./ConditionsEditor";
import { DEFAULT_HOURS, TRIGGER_OPTIONS, withTriggerType } from "./definition";
import { TRIGGER_LABELS, TRIGGER_TYPES } from "./labels";
import type { Trigger, TriggerType } from "./types";
import "../contacts/lists/lists.css";

const TRIGGER_HINTS: Partial<Record<TriggerType, string>> = {
  form_submitted: "When a form brings in a lead, new or known.",
  lead_created: "Every new lead, however it was made (a form, an import, by hand).",
  manual: "Nothing starts it: people enrol contacts and leads by hand from their page.",
  value_changed: "When a lead's value changes.",
  no_activity: "An open lead no one has touched for a number of days.",
  date_reached: "A date on the contact or lead (a renewal, a birthday, the close date), at a time of day, before or after it.",
  conversion_failed: "A won lead the ad platforms did not take: refused, out of retries, or not sent for want of a value or a click id.",
  webhook: "Another system posts a signed request to this workflow's URL.",
};

function anyOption(label: string, options: readonly Option[]): Option[] {
  return [{ value: "", label }, ...options];
}

interface OptionsProps {
  trigger: Trigger;
  set: (patch: Partial<Trigger>) => void;
  error: (option: string) => string | undefined;
}

function FormAndSource({ trigger, set, error }: OptionsProps) {
  const { choices } = useBuilder();
  const taken = TRIGGER_OPTIONS[trigger.type];
  return (
    <>
      {taken.includes("form_id") && (
        <SelectField label="Form" options={anyOption("Any form", choices.forms)} value={trigger.form_id ?? ""} error={error("form_id")} onChange={(event) => set({ form_id: event.target.value })} />
      )}
      {taken.includes("source") && (
        <SelectField
          label="Source"
          options={anyOption("Any source", LEAD_SOURCES.map((source) => ({ value: source, label: sourceLabel(source) })))}
          value={trigger.source ?? ""}
          error={error("source")}
          onChange={(event) => set({ source: event.target.value })}
        />
      )}
    </>
  );
}

function PipelineAndStages({ trigger, set, error }: OptionsProps) {
  const { choices } = useBuilder();
  const taken = TRIGGER_OPTIONS[trigger.type];
  const pipeline = choices.pipelines.find((candidate) => candidate.pipeline_id === trigger.pipeline_id);
  const named = !pipeline && choices.pipelines.length > 1;
  const stages: Option[] = (pipeline ? [pipeline] : choices.pipelines).flatMap((p) =>
    [...p.stages].sort((a, b) => a.position - b.position).map((stage) => ({ value: stage.stage_id, label: named ? `${p.name}: ${stage.name}` : stage.name })),
  );
  return (
    <>
      {taken.includes("pipeline_id") && (
        <SelectField
          label="Pipeline"
          options={anyOption("Any pipeline", choices.pipelines.map((p) => ({ value: p.pipeline_id, label: p.name })))}
          value={trigger.pipeline_id ?? ""}
          error={error("pipeline_id")}
          onChange={(event) => set({ pipeline_id: event.target.value, from_stage_id: undefined, to_stage_id: undefined })}
        />
      )}
      {taken.includes("from_stage_id") && (
        <SelectField label="From stage" options={anyOption("Any stage", stages)} value={trigger.from_stage_id ?? ""} error={error("from_stage_id")} onChange={(event) => set({ from_stage_id: event.target.value })} />
      )}
      {taken.includes("to_stage_id") && (
        <SelectField label="To stage" options={anyOption("Any stage", stages)} value={trigger.to_stage_id ?? ""} error={error("to_stage_id")} onChange={(event) => set({ to_stage_id: event.target.value })} />
      )}
    </>
  );
}

function TagAndRole({ trigger, set, error }: OptionsProps) {
  const { choices } = useBuilder();
  const taken = TRIGGER_OPTIONS[trigger.type];
  const tagsId = useId();
  return (
    <>
      {taken.includes("tag") && (
        <>
          <TextField label="Tag" list={tagsId} maxLength={40} value={trigger.tag ?? ""} hint="Empty: any tag." error={error("tag")} onChange={(event) => set({ tag: event.target.value })} />
          <datalist id={tagsId}>
            {choices.tags.map((tag) => (
              <option key={tag} value={tag} />
            ))}
          </datalist>
        </>
      )}
      {taken.includes("role") && (
        <SelectField
          label="New role"
          options={anyOption("Any role", CONTACT_ROLES.map((role) => ({ value: role, label: role })))}
          value={trigger.role ?? ""}
          error={error("role")}
          onChange={(event) => set({ role: (event.target.value || undefined) as Trigger["role"] })}
        />
      )}
    </>
  );
}

const DAYS_HINT = "Counted from the last change a person made to the lead (edits, moves, notes, completed follow-ups and tasks); a won or lost lead is left alone.";

function Timing({ trigger, set, error }: OptionsProps) {
  const { choices } = useBuilder();
  const taken = TRIGGER_OPTIONS[trigger.type];
  if (taken.includes("days")) {
    return (
      <TextField
        label="Days without activity"
        type="number"
        min={1}
        max={365}
        value={trigger.days ?? ""}
        hint={DAYS_HINT}
        error={error("days")}
        onChange={(event) => set({ days: event.target.value ? Number(event.target.value) : undefined })}
      />
    );
  }
  if (!taken.includes("field_key")) return null;
  const target = trigger.target === "lead" ? "lead" : "contact";
  const fields = (target === "lead" ? choices.leadFields : choices.contactFields).filter((field) => field.type === "date");
  const dates: Option[] = [
    ...(target === "lead" ? [{ value: "close_date", label: "Close date" }] : []),
    ...fields.map((field) => ({ value: field.key, label: field.label })),
  ];
  const offset = trigger.offset_days ?? 0;
  return (
    <>
      <SelectField
        label="Date of the"
        options={[
          { value: "contact", label: "Contact" },
          { value: "lead", label: "Lead" },
        ]}
        value={target}
        onChange={(event) => set({ target: event.target.value as "lead" | "contact", field_key: undefined })}
      />
      <SelectField
        label="Date field"
        options={anyOption(dates.length ? "Choose a date field" : "No date fields yet (add one in Settings > Custom fields)", dates)}
        value={trigger.field_key ?? ""}
        error={error("field_key")}
        onChange={(event) => set({ field_key: event.target.value || undefined })}
      />
      <TextField
        label="Days before (-) or after (+)"
        type="number"
        min={-365}
        max={365}
        value={offset}
        hint={offset === 0 ? "On the day itself." : `${Math.abs(offset)} ${Math.abs(offset) === 1 ? "day" : "days"} ${offset < 0 ? "before" : "after"} the date.`}
        error={error("offset_days")}
        onChange={(event) => set({ offset_days: Number(event.target.value || 0) })}
      />
      <TextField
        label="At (your account's time zone)"
        type="time"
        value={trigger.at_time ?? "09:00"}
        error={error("at_time")}
        onChange={(event) => set({ at_time: event.target.value || "09:00" })}
      />
    </>
  );
}

function Conversion({ trigger, set }: OptionsProps) {
  if (!TRIGGER_OPTIONS[trigger.type].includes("reason")) return null;
  return (
    <>
      <SelectField
        label="Which"
        options={[
          { value: "", label: "Any problem" },
          { value: "failed", label: "Refused by the platform, or out of retries" },
          { value: "no_value", label: "Not sent: the won lead has no value" },
          { value: "no_identifier", label: "Not sent: no click id or identifier" },
        ]}
        value={trigger.reason ?? ""}
        onChange={(event) => set({ reason: (event.target.value || undefined) as Trigger["reason"] })}
      />
      <SelectField
        label="Platform"
        options={[
          { value: "", label: "Google Ads or Meta" },
          { value: "google_ads", label: "Google Ads" },
          { value: "meta", label: "Meta" },
        ]}
        value={trigger.platform ?? ""}
        onChange={(event) => set({ platform: (event.target.value || undefined) as Trigger["platform"] })}
      />
    </>
  );
}

export function TriggerCard() {
  const { editor } = useBuilder();
  const trigger = editor.draft.definition.trigger;
  const change = (next: Trigger) => editor.edit({ type: "trigger", trigger: next });
  const options: OptionsProps = {
    trigger,
    set: (patch) => change({ ...trigger, ...patch }),
    error: (option) => editor.problems[`trigger.${option}`],
  };
  return (
    <Card title="Trigger" className="trigger-card">
      <div className="form-grid">
        <SelectField
          label="Starts when"
          options={TRIGGER_TYPES.map((type) => ({ value: type, label: TRIGGER_LABELS[type] }))}
          value={trigger.type}
          hint={TRIGGER_HINTS[trigger.type]}
          error={editor.problems.trigger}
          onChange={(event) => change(withTriggerType(trigger, event.target.value as TriggerType))}
        />
        <FormAndSource {...options} />
        <PipelineAndStages {...options} />
        <TagAndRole {...options} />
        <Timing {...options} />
        <Conversion {...options} />
      </div>
    </Card>
  );
}

export function FiltersCard() {
  const { editor } = useBuilder();
  const definition = editor.draft.definition;
  const filters = definition.filters ?? [];
  const problems = Object.fromEntries(filters.map((_, index) => [index, editor.problems[`filters.${index}`]]));
  return (
    <Card title="Who enrols">
      <ConditionsEditor
        legend="Only enrol when"
        conditions={filters}
        match={definition.match ?? "all"}
        problems={problems}
        emptyText="Everyone the trigger starts for is enrolled."
        onChange={(next, match) => editor.edit({ type: "definition", patch: { filters: next, match } })}
      />
      {editor.problems.filters && <p className="field-error">{editor.problems.filters}</p>}
    </Card>
  );
}

export function SettingsCard() {
  const { editor } = useBuilder();
  const definition = editor.draft.definition;
  const hours = { ...DEFAULT_HOURS, ...definition.business_hours };
  const setHours = (patch: Partial<typeof hours>) => editor.edit({ type: "definition", patch: { business_hours: { ...hours, ...patch } } });
  return (
    <Card title="Settings">
      <CheckboxField
        className="automation-checkbox"
        label="Allow re-enrolment"
        checked={definition.allow_reentry ?? false}
        hint="Someone whose enrolment has ended can be enrolled again the next time the trigger fires. Off: once only."
        onChange={(event) => editor.edit({ type: "definition", patch: { allow_reentry: event.target.checked } })}
      />
      <div className="business-hours">
        <ChoiceGroup
          legend="Business hours: days"
          hint="In your account's time zone; used by “Wait until business hours” and the time conditions."
          options={WEEKDAYS.map((day) => ({ value: day.value, label: day.label }))}
          chosen={hours.days.map(String)}
          error={editor.problems.business_hours}
          onChange={(days) => setHours({ days: days.map(Number).sort((a, b) => a - b) })}
        />
        <div className="form-grid">
          <TextField label="Opens at" type="time" value={hours.start} onChange={(event) => setHours({ start: event.target.value })} />
          <TextField label="Closes at" type="time" value={hours.end} onChange={(event) => setHours({ end: event.target.value })} />
        </div>
      </div>
    </Card>
  );
}
