// The forms of the steps that give people work or send messages: assign owner, create task,
// schedule follow-up, manual action, send email, notify users.

import { SelectField, TextAreaField, TextField } from "../../components/ui";
import { CheckboxField, RadioGroup } from "../capture/controls";
import { useBuilder } from "./builderContext";
import { AssigneeField, DurationField, TemplateField, UsersField, useUserOptions } from "./stepFields";
import type { StepKind, StepOf } from "./types";

export interface StepFormProps<Kind extends StepKind> {
  step: StepOf<Kind>;
  onChange: (step: StepOf<Kind>) => void;
}

const ASSIGN_MODES = [
  { value: "user", label: "A user" },
  { value: "round_robin", label: "Round robin: each user in turn" },
  { value: "least_loaded", label: "The user with the fewest open leads" },
] as const;

type AssignMode = (typeof ASSIGN_MODES)[number]["value"];

export function AssignOwnerForm({ step, onChange }: StepFormProps<"assign_owner">) {
  const users = useUserOptions(step.user_ids);
  const mode = step.mode ?? "user";
  return (
    <div className="step-form">
      <RadioGroup<AssignMode>
        legend="Who gets the lead (or contact)"
        name="assign-mode"
        value={mode}
        options={ASSIGN_MODES}
        onChange={(next) => onChange({ ...step, mode: next, user_ids: next === "user" ? step.user_ids.slice(0, 1) : step.user_ids })}
      />
      {mode === "user" ? (
        <SelectField
          label="User"
          options={[{ value: "", label: "Choose a user" }, ...users]}
          value={step.user_ids[0] ?? ""}
          onChange={(event) => onChange({ ...step, user_ids: event.target.value ? [event.target.value] : [] })}
        />
      ) : (
        <UsersField
          legend="Users"
          hint={mode === "round_robin" ? "Each new one goes to the next user in turn." : "Each goes to whoever of them owns the fewest open leads."}
          chosen={step.user_ids}
          onChange={(user_ids) => onChange({ ...step, user_ids })}
        />
      )}
      <CheckboxField
        className="automation-checkbox"
        label="Only when it has no owner yet"
        checked={step.only_if_unowned ?? false}
        onChange={(event) => onChange({ ...step, only_if_unowned: event.target.checked })}
      />
    </div>
  );
}

const PRIORITIES = [
  { value: "low", label: "Low" },
  { value: "normal", label: "Normal" },
  { value: "high", label: "High" },
  { value: "urgent", label: "Urgent" },
] as const;

export function CreateTaskForm({ step, onChange }: StepFormProps<"create_task">) {
  return (
    <div className="step-form form-grid">
      <TextField label="Task title" className="span-2" maxLength={120} value={step.title} onChange={(event) => onChange({ ...step, title: event.target.value })} />
      <TextAreaField
        label="Description"
        className="span-2"
        rows={2}
        maxLength={500}
        value={step.description ?? ""}
        onChange={(event) => onChange({ ...step, description: event.target.value })}
      />
      <AssigneeField label="Assign to" value={step.assignee} onChange={(assignee) => onChange({ ...step, assignee })} />
      <SelectField
        label="Priority"
        options={PRIORITIES}
        value={step.priority ?? "normal"}
        onChange={(event) => onChange({ ...step, priority: event.target.value as (typeof PRIORITIES)[number]["value"] })}
      />
      <DurationField legend="Due in" minutes={step.due_in_minutes} onChange={(due_in_minutes) => onChange({ ...step, due_in_minutes })} />
    </div>
  );
}

const FOLLOWUP_TYPES = [
  { value: "call", label: "Call" },
  { value: "email", label: "Email" },
  { value: "sms", label: "SMS" },
  { value: "meeting", label: "Meeting" },
] as const;

export function FollowUpForm({ step, onChange }: StepFormProps<"schedule_followup">) {
  return (
    <div className="step-form form-grid">
      <SelectField
        label="Follow-up type"
        options={FOLLOWUP_TYPES}
        value={step.followup_type ?? "call"}
        onChange={(event) => onChange({ ...step, followup_type: event.target.value as (typeof FOLLOWUP_TYPES)[number]["value"] })}
      />
      <AssigneeField label="Assign to" value={step.assignee} onChange={(assignee) => onChange({ ...step, assignee })} />
      <DurationField legend="Due in" minutes={step.due_in_minutes} onChange={(due_in_minutes) => onChange({ ...step, due_in_minutes })} />
      <TextAreaField label="Note" className="span-2" rows={2} maxLength={500} value={step.note ?? ""} onChange={(event) => onChange({ ...step, note: event.target.value })} />
      <p className="field-hint span-2">A follow-up belongs to a lead: for a contact without one, this step is skipped.</p>
    </div>
  );
}

export function ManualActionForm({ step, onChange }: StepFormProps<"manual_action">) {
  const { choices } = useBuilder();
  const type = step.action_type ?? "call";
  return (
    <div className="step-form form-grid">
      <RadioGroup<"call" | "sms">
        legend="Action"
        name="manual-action"
        value={type}
        options={[
          { value: "call", label: "Call" },
          { value: "sms", label: "Send an SMS" },
        ]}
        onChange={(action_type) => onChange({ ...step, action_type, template_id: action_type === "sms" ? step.template_id : undefined })}
      />
      <AssigneeField label="Who does it" value={step.assignee} onChange={(assignee) => onChange({ ...step, assignee })} />
      {type === "sms" && (
        <TemplateField
          label="SMS template"
          templates={choices.smsTemplates}
          optional
          loading={choices.loading}
          value={step.template_id}
          onChange={(template_id) => onChange({ ...step, template_id })}
        />
      )}
      <TextAreaField label="Note" className="span-2" rows={2} maxLength={500} value={step.note ?? ""} onChange={(event) => onChange({ ...step, note: event.target.value })} />
      <p className="field-hint span-2">The workflow waits here until the person marks it done in Manual actions.</p>
    </div>
  );
}

const RECIPIENTS = [
  { value: "contact", label: "The contact" },
  { value: "owner", label: "The owner" },
  { value: "address", label: "An address" },
] as const;

export function SendEmailForm({ step, onChange }: StepFormProps<"send_email">) {
  const { choices } = useBuilder();
  const to = step.to ?? "contact";
  return (
    <div className="step-form form-grid">
      <TemplateField
        label="Email template"
        templates={choices.emailTemplates}
        loading={choices.loading}
        value={step.template_id}
        onChange={(template_id) => onChange({ ...step, template_id })}
      />
      <RadioGroup<(typeof RECIPIENTS)[number]["value"]>
        legend="Send to"
        name="email-to"
        value={to}
        options={RECIPIENTS}
        onChange={(next) => onChange({ ...step, to: next, address: next === "address" ? step.address : undefined })}
      />
      {to === "address" && (
        <TextField label="Email address" type="email" maxLength={254} value={step.address ?? ""} onChange={(event) => onChange({ ...step, address: event.target.value })} />
      )}
      {to === "contact" && <p className="field-hint span-2">A contact who unsubscribed from email is skipped.</p>}
    </div>
  );
}

export function SendSmsForm({ step, onChange }: StepFormProps<"send_sms">) {
  const { choices } = useBuilder();
  return (
    <div className="step-form form-grid">
      <TemplateField
        label="SMS template"
        templates={choices.smsTemplates}
        loading={choices.loading}
        value={step.template_id}
        onChange={(template_id) => onChange({ ...step, template_id })}
      />
      <p className="field-hint span-2">
        Sent to the contact's phone from the account's Twilio number (Settings &gt; SMS). A contact who unsubscribed from SMS, or
        without a phone, is skipped.
      </p>
    </div>
  );
}

export function WebhookForm({ step, onChange }: StepFormProps<"webhook">) {
  return (
    <div className="step-form form-grid">
      <TextField
        label="URL to POST to"
        className="span-2"
        type="url"
        maxLength={500}
        value={step.url}
        hint="The contact and the lead as JSON, signed with the account's webhook secret (Convertly-Signature header). Retried with backoff; see Deliveries."
        onChange={(event) => onChange({ ...step, url: event.target.value })}
      />
    </div>
  );
}

export function NotifyForm({ step, onChange }: StepFormProps<"notify">) {
  return (
    <div className="step-form">
      <UsersField legend="Notify" chosen={step.user_ids} withOwner onChange={(user_ids) => onChange({ ...step, user_ids })} />
      <TextAreaField
        label="Message"
        rows={2}
        maxLength={300}
        value={step.message}
        hint="Shown in their notifications, with a link to the lead (or contact)."
        onChange={(event) => onChange({ ...step, message: event.target.value })}
      />
    </div>
  );
}
