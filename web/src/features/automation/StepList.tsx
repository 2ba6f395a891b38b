import { useId, useState, type ComponentType } from "react";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Button, TextField } from "../../components/ui";
import { AddStepMenu } from "./AddStepMenu";
import { useBuilder } from "./builderContext";
import { ConditionsEditor } from "./ConditionsEditor";
import { branchSteps, isIf, kindLabel, walkSteps, type Branch, type ListPlace } from "./definition";
import { stepSummary } from "./summaries";
import { ChangeRoleForm, EnrolForm, MoveStageForm, SetFieldForm, TagsForm, WaitForm } from "./StepFormsRecord";
import {
  AssignOwnerForm,
  CreateTaskForm,
  FollowUpForm,
  ManualActionForm,
  NotifyForm,
  SendEmailForm, SendSmsForm, WebhookForm,
  type StepFormProps,
} from "./StepFormsWork";
import type { IfStep, Step, StepKind } from "./types";

const BRANCH_LABELS: Record<Branch, string> = { then: "Yes", else: "No" };

/** A list of steps (the workflow's own, or a branch of an if/else), with a way to add one after each. */
export function StepList({ steps, place }: { steps: readonly Step[]; place: ListPlace }) {
  const { editor, numbers } = useBuilder();
  const parent = place.parentId ? numbers.get(place.parentId) : undefined;
  const where = place.branch && parent ? `the ${BRANCH_LABELS[place.branch]} branch of step ${parent}` : null;
  return (
    <div className="step-list-frame">
      {steps.length > 0 && (
        <ol className="step-list" aria-label={where ? `Steps of ${where}` : "Steps"}>
          {steps.map((step, index) => (
            <li key={step.id}>
              <StepCard step={step} first={index === 0} last={index === steps.length - 1} />
              {index < steps.length - 1 && (
                <AddStepMenu label={`Add step after step ${numbers.get(step.id)}`} onAdd={(kind) => editor.addStep(place, index + 1, kind)} />
              )}
            </li>
          ))}
        </ol>
      )}
      {steps.length === 0 && <p className="muted step-list-empty">{where ? "No steps: the workflow goes on after the if/else." : "No steps yet: add the first one."}</p>}
      <AddStepMenu label={where ? `Add step at the end of ${where}` : "Add step at the end"} onAdd={(kind) => editor.addStep(place, steps.length, kind)} />
    </div>
  );
}

function IfForm({ step, onChange }: StepFormProps<"if">) {
  const { editor } = useBuilder();
  const problem = editor.problems[`steps.${step.id}`];
  const at = problem ? /^Condition (\d+): /.exec(problem) : null;
  const problems = at ? { [Number(at[1]) - 1]: problem!.slice(at[0].length) } : {};
  return (
    <ConditionsEditor
      legend="Go the Yes way when"
      conditions={step.conditions}
      match={step.match ?? "all"}
      problems={problems}
      emptyText="Add the conditions that choose the Yes branch."
      onChange={(conditions, match) => onChange({ ...step, conditions, match })}
    />
  );
}

const FORMS: { [Kind in StepKind]: ComponentType<StepFormProps<Kind>> | null } = {
  assign_owner: AssignOwnerForm,
  create_task: CreateTaskForm,
  schedule_followup: FollowUpForm,
  manual_action: ManualActionForm,
  send_email: SendEmailForm,
  send_sms: SendSmsForm,
  webhook: WebhookForm,
  notify: NotifyForm,
  add_tag: TagsForm,
  remove_tag: TagsForm,
  change_role: ChangeRoleForm,
  set_field: SetFieldForm,
  move_stage: MoveStageForm,
  wait: WaitForm,
  enrol: EnrolForm,
  end: null,
  if: IfForm,
};

function StepForm({ step }: { step: Step }) {
  const { editor } = useBuilder();
  const Form = FORMS[step.kind] as ComponentType<StepFormProps<StepKind>> | null;
  const onChange = (next: Step) => editor.edit({ type: "replaceStep", step: next });
  return (
    <>
      <TextField
        label="Step name (optional)"
        maxLength={120}
        value={step.name ?? ""}
        hint="Shown instead of the step's kind, here and in the history."
        onChange={(event) => onChange({ ...step, name: event.target.value })}
      />
      {Form ? <Form step={step as never} onChange={onChange} /> : <p className="muted">The enrolment ends here: no step after this one runs.</p>}
    </>
  );
}

/** The published version's counts for a step, or nothing when it is not in that version. */
function StepCountsLine({ step, number }: { step: Step; number: number }) {
  const { counts, live } = useBuilder();
  if (!counts || !live?.has(step.id)) return null;
  const found = counts[step.id] ?? { waiting: 0, done: 0, failed: 0, skipped: 0 };
  const items = [
    ["Waiting", found.waiting ?? 0],
    ["Done", found.done ?? 0],
    ["Failed", found.failed ?? 0],
    ["Skipped", found.skipped ?? 0],
  ] as const;
  return (
    <ul className="step-counts" aria-label={`Step ${number} in the published version`}>
      {items.map(([label, value]) => (
        <li key={label} className={`step-count step-count-${label.toLowerCase()}`}>
          <span className="step-count-label">{label}</span> <strong>{value}</strong>
        </li>
      ))}
    </ul>
  );
}

function IfBranches({ step, number }: { step: IfStep; number: number }) {
  return (
    <div className="if-branches">
      {(["then", "else"] as const).map((branch) => (
        <div key={branch} className={`if-branch if-branch-${branch}`} role="group" aria-label={`${BRANCH_LABELS[branch]} branch of step ${number}`}>
          <p className="if-branch-label">{BRANCH_LABELS[branch]}</p>
          <StepList steps={branchSteps(step, branch)} place={{ parentId: step.id, branch }} />
        </div>
      ))}
    </div>
  );
}

function StepCard({ step, first, last }: { step: Step; first: boolean; last: boolean }) {
  const { editor, numbers, choices } = useBuilder();
  const headingId = useId();
  const bodyId = useId();
  const [confirming, setConfirming] = useState(false);
  const number = numbers.get(step.id) ?? 0;
  const open = editor.open.has(step.id);
  const problem = editor.problems[`steps.${step.id}`];
  const inside = isIf(step) ? walkSteps([step]).length - 1 : 0;
  const remove = () => {
    setConfirming(false);
    editor.edit({ type: "removeStep", id: step.id });
  };
  return (
    <section className={`step-card step-kind-${step.kind} ${problem ? "step-card-invalid" : ""}`} aria-labelledby={headingId}>
      <div className="step-card-header">
        <div className="step-card-title">
          <h3 id={headingId}>
            Step {number}: {step.name?.trim() || kindLabel(step.kind)}
          </h3>
          {step.name?.trim() && <span className="badge automation-tone-muted">{kindLabel(step.kind)}</span>}
        </div>
        <div className="step-card-actions">
          <Button className="btn-small" aria-expanded={open} aria-controls={bodyId} aria-label={`${open ? "Close" : "Edit"} step ${number}`} onClick={() => editor.toggle(step.id)}>
            {open ? "Close" : "Edit"}
          </Button>
          <Button variant="ghost" className="btn-small" aria-label={`Move step ${number} up`} disabled={first} onClick={() => editor.edit({ type: "moveStep", id: step.id, delta: -1 })}>
            ↑
          </Button>
          <Button variant="ghost" className="btn-small" aria-label={`Move step ${number} down`} disabled={last} onClick={() => editor.edit({ type: "moveStep", id: step.id, delta: 1 })}>
            ↓
          </Button>
          <Button variant="ghost" className="btn-small" aria-label={`Delete step ${number}`} onClick={() => (inside ? setConfirming(true) : remove())}>
            Delete
          </Button>
        </div>
      </div>
      <p className="step-summary">{stepSummary(step, choices.names)}</p>
      <StepCountsLine step={step} number={number} />
      {problem && <p className="field-error">{problem}</p>}
      {open && (
        <div id={bodyId} className="step-card-body">
          <StepForm key={`${step.id}-${editor.saved.version}`} step={step} />
        </div>
      )}
      {isIf(step) && <IfBranches step={step} number={number} />}
      <ConfirmDialog
        open={confirming}
        title={`Delete step ${number} and its branches?`}
        confirmLabel="Delete steps"
        onConfirm={remove}
        onCancel={() => setConfirming(false)}
      >
        <p>
          The {inside} {inside === 1 ? "step" : "steps"} in its Yes and No branches go with it.
        </p>
      </ConfirmDialog>
    </section>
  );
}
