// The automation API's shapes: workflows, their definition (trigger, filters, steps), enrolments
// and the step runs of an enrolment.

import type { Schemas } from "../../api/contract";

export type Workflow = Schemas["Workflow"];
export type WorkflowStatus = Workflow["status"];
export type WorkflowList = Schemas["WorkflowList"];
export type WorkflowCreate = Schemas["WorkflowCreate"];
export type WorkflowUpdate = Schemas["WorkflowUpdate"];
export type StepCounts = Schemas["StepCounts"];

/** What a workflow runs: the builder edits it as the draft; publishing copies it into a version. */
export type Definition = Schemas["Definition"];
export type Trigger = Schemas["Trigger"];
export type TriggerType = Trigger["type"];
export type Condition = Schemas["Condition"];
export type Operator = NonNullable<Condition["operator"]>;
export type BusinessHours = Schemas["BusinessHours"];
export type Step = NonNullable<Definition["steps"]>[number];
export type StepKind = Step["kind"];
/** The step type whose kinds include `Kind` (add_tag and remove_tag share one). */
export type StepOf<Kind extends StepKind> = Step extends infer S ? (S extends { kind: infer K } ? ([Kind] extends [K] ? S : never) : never) : never;
export type IfStep = StepOf<"if">;

export type Enrolment = Schemas["Enrolment"];
export type EnrolmentStatus = Enrolment["status"];
export type EnrolmentPage = Schemas["EnrolmentPage"];
export type StepRun = Schemas["StepRun"];
export type StepRunStatus = StepRun["status"];
export type DryRunRequest = Schemas["DryRunRequest"];

/** An email or SMS template, as the send-email and manual-action steps choose one. */
export type MessageTemplate = Schemas["Template"];
export type TemplateList = Schemas["TemplateList"];
