import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import { BUILT_IN_FIELDS } from "./conditions";
import { definitionOf, type WorkflowDraft } from "./definition";
import { draftProblems, placeApiProblems, stepAtPath, withoutAnswered } from "./problems";
import type { Step } from "./types";

const STEPS: Step[] = [
  { id: "email-1", kind: "send_email", template_id: "T1" },
  {
    id: "if-1",
    kind: "if",
    conditions: [{ field: "lead.value", operator: "greater_than", value: 100 }],
    then: [{ id: "task-1", kind: "create_task", title: "Call" }],
    else: [{ id: "wait-1", kind: "wait", mode: "duration", minutes: 60 }, { id: "end-1", kind: "end" }],
  },
];

const DRAFT: WorkflowDraft = { name: "Welcome", definition: definitionOf({ trigger: { type: "stage_changed" }, steps: STEPS }) };

describe("checks before saving", () => {
  it("finds nothing wrong with a complete draft", () => {
    expect(draftProblems(DRAFT, BUILT_IN_FIELDS)).toEqual({});
  });

  it("keys each problem by where the builder shows it", () => {
    const draft: WorkflowDraft = {
      name: " ",
      definition: definitionOf({
        trigger: { type: "lead_created" },
        filters: [{ field: "lead.value", operator: "between", value: [1] }],
        steps: [
          { id: "email-1", kind: "send_email", template_id: "" },
          {
            id: "if-1",
            kind: "if",
            conditions: [
              { field: "lead.value", operator: "is_empty" },
              { field: "lead.source", operator: "equals", value: "" },
            ],
            then: [{ id: "task-1", kind: "create_task", title: "" }],
            else: [{ id: "wait-1", kind: "wait", mode: "until" }],
          },
        ],
        business_hours: { days: [1], start: "18:00", end: "09:00" },
      }),
    };
    expect(draftProblems(draft, BUILT_IN_FIELDS)).toEqual({
      name: "Give the workflow a name",
      "filters.0": "Give the lowest and the highest value",
      "steps.email-1": "Choose an email template",
      "steps.if-1": "Condition 2: Give a value to compare with",
      "steps.task-1": "Give the task a title",
      "steps.wait-1": "Choose when to go on",
      business_hours: "Business hours end after they start",
    });
  });

  it("wants an address to email one, a whole number of minutes and at least one user", () => {
    const problems = draftProblems(
      {
        name: "x",
        definition: definitionOf({
          steps: [
            { id: "e", kind: "send_email", template_id: "T1", to: "address", address: "nobody" },
            { id: "t", kind: "create_task", title: "Call", due_in_minutes: Number.NaN },
            { id: "n", kind: "notify", user_ids: [], message: "Hi" },
            { id: "a", kind: "assign_owner", mode: "round_robin", user_ids: [] },
          ],
        }),
      },
      BUILT_IN_FIELDS,
    );
    expect(problems).toEqual({
      "steps.e": "Give the address to send to",
      "steps.t": "Give a whole number of minutes, hours or days",
      "steps.n": "Choose whom to notify",
      "steps.a": "Choose at least one user",
    });
  });
});

describe("the API's answers", () => {
  it("finds the step a schema error's path names, in nested branches", () => {
    expect(stepAtPath(STEPS, ["0", "send_email", "template_id"])).toEqual({ step: STEPS[0], rest: ["template_id"] });
    expect(stepAtPath(STEPS, ["1", "if", "then", "0", "create_task", "title"])?.step.id).toBe("task-1");
    expect(stepAtPath(STEPS, ["1", "if", "else", "1", "end"])).toEqual({ step: { id: "end-1", kind: "end" }, rest: [] });
    expect(stepAtPath(STEPS, ["1", "if", "conditions", "0"])).toEqual({ step: STEPS[1], rest: ["conditions", "0"] });
    expect(stepAtPath(STEPS, ["7"])).toBeNull();
  });

  it("places invalid_workflow's step and trigger messages, the rest on top", () => {
    const error = new ApiError(422, "invalid_workflow", "Some steps name things that do not exist", {
      "steps.email-1": "Choose an email template that exists",
      "steps.task-1": "Choose a user of this account",
      "trigger.pipeline_id": "Choose a pipeline that exists",
      "steps.gone": "Choose a stage that exists",
    });
    expect(placeApiProblems(error, DRAFT)).toEqual({
      byKey: {
        "steps.email-1": "Choose an email template that exists",
        "steps.task-1": "Choose a user of this account",
        "trigger.pipeline_id": "Choose a pipeline that exists",
      },
      other: ["Gone: Choose a stage that exists"],
    });
  });

  it("places a schema error's path on its step, condition, filter or the business hours", () => {
    const error = new ApiError(422, "validation_error", "Some fields are not valid", {
      "definition.steps.1.if.then.0.create_task.title": "String should have at least 1 character",
      "definition.steps.1.if.conditions.0": "Between takes two values: the lowest and the highest",
      "definition.filters.2": "Give a value to compare lead.value with",
      "definition.business_hours": "Business hours end after they start",
      "definition.trigger.type": "Input should be 'lead_created'",
    });
    expect(placeApiProblems(error, DRAFT)).toEqual({
      byKey: {
        "steps.task-1": "Title: String should have at least 1 character",
        "steps.if-1": "Condition 1: Between takes two values: the lowest and the highest",
        "filters.2": "Give a value to compare lead.value with",
        business_hours: "Business hours end after they start",
        "trigger.type": "Input should be 'lead_created'",
      },
      other: ["Some fields are not valid"],
    });
  });

  it("says an error without fields as it is", () => {
    expect(placeApiProblems(new ApiError(409, "not_published", "Only a published workflow can be paused"), DRAFT)).toEqual({
      byKey: {},
      other: ["Only a published workflow can be paused"],
    });
    expect(placeApiProblems(new ApiError(422, "no_steps", "Add at least one step before publishing", { steps: "Empty" }), DRAFT).other).toEqual([
      "Empty",
    ]);
  });

  it("forgets the API's message about what an edit changed", () => {
    const problems = { "steps.email-1": "x", "steps.task-1": "y", "trigger.pipeline_id": "z", name: "n" };
    expect(withoutAnswered(problems, { type: "replaceStep", step: STEPS[0]! })).toEqual({ "steps.task-1": "y", "trigger.pipeline_id": "z", name: "n" });
    expect(withoutAnswered(problems, { type: "trigger", trigger: { type: "lead_won" } })).toEqual({ "steps.email-1": "x", "steps.task-1": "y", name: "n" });
    expect(withoutAnswered(problems, { type: "name", name: "Hi" })).not.toHaveProperty("name");
  });
});
