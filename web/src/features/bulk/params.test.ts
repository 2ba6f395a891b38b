import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import type { FieldDefinition } from "../fields/types";
import { REASON_REQUIRED } from "../pipelines/closing";
import type { Stage } from "../pipelines/types";
import { stageFixture } from "../../test/pipelineFixtures";
import { EMPTY_DRAFT, hasChoices, mergeTags, paramsFor, parseTags, questionDetail, requestErrors, type ParamsContext } from "./params";

const stage = (stageId: string, name: string, kind: string, status: Stage["status"] = "active"): Stage =>
  stageFixture(stageId, 0, { name, kind, status });

const field = (key: string, type: FieldDefinition["type"], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  field_id: `f-${key}`,
  key,
  label: key.toUpperCase(),
  type,
  options: [],
  placeholder: null,
  required: false,
  ...extra,
});

const CONTEXT: ParamsContext = {
  stages: [stage("s-open", "Proposal", "open"), stage("s-won", "Won", "won"), stage("s-lost", "Lost", "lost"), stage("s-gone", "Old", "open", "deleting")],
  allowZeroValueWins: false,
  fields: [field("budget", "number"), field("colors", "multi_select", { options: ["red", "blue"] }), field("newsletter", "checkbox")],
  workflows: [
    { workflow_id: "w-1", name: "Welcome series", trigger_type: "manual" },
    { workflow_id: "w-2", name: "Win back", trigger_type: "manual" },
  ],
};

describe("tags as typed", () => {
  it("are trimmed, non-empty and each once whatever its case", () => {
    expect(parseTags(" vip, 2026 ,,VIP\nnew ")).toEqual(["vip", "2026", "new"]);
    expect(mergeTags(["Hot"], ["hot", "cold"])).toEqual(["Hot", "cold"]);
  });

  it("need one, at most 20, each of at most 50 characters", () => {
    expect(paramsFor("add_tags", EMPTY_DRAFT, CONTEXT)).toEqual({ ok: false, errors: { tags: "Name at least one tag" } });
    expect(paramsFor("remove_tags", { ...EMPTY_DRAFT, tags: ["vip"] }, CONTEXT)).toEqual({ ok: true, params: { tags: ["vip"] } });
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`);
    expect(paramsFor("add_tags", { ...EMPTY_DRAFT, tags: many }, CONTEXT).ok).toBe(false);
    expect(paramsFor("add_tags", { ...EMPTY_DRAFT, tags: ["x".repeat(51)] }, CONTEXT).ok).toBe(false);
  });
});

describe("owners", () => {
  it("are one person or several in the order chosen (round robin)", () => {
    expect(paramsFor("assign_owner", { ...EMPTY_DRAFT, ownerIds: ["u-2", "u-1"] }, CONTEXT)).toEqual({ ok: true, params: { owner_ids: ["u-2", "u-1"] } });
    expect(paramsFor("assign_owner", EMPTY_DRAFT, CONTEXT)).toEqual({ ok: false, errors: { owner_ids: "Choose who owns them" } });
  });
});

describe("a move to a stage", () => {
  it("needs an active stage of the pipeline", () => {
    expect(paramsFor("move_stage", EMPTY_DRAFT, CONTEXT)).toEqual({ ok: false, errors: { stage_id: "Choose a stage" } });
    expect(paramsFor("move_stage", { ...EMPTY_DRAFT, stageId: "s-gone" }, CONTEXT).ok).toBe(false);
    expect(paramsFor("move_stage", { ...EMPTY_DRAFT, stageId: "s-open", value: "99", lostReason: "Price" }, CONTEXT)).toEqual({
      ok: true,
      params: { stage_id: "s-open" },
    });
  });

  it("to a lost stage needs one of the reasons", () => {
    expect(paramsFor("move_stage", { ...EMPTY_DRAFT, stageId: "s-lost" }, CONTEXT)).toEqual({ ok: false, errors: { lost_reason: REASON_REQUIRED } });
    expect(paramsFor("move_stage", { ...EMPTY_DRAFT, stageId: "s-lost", lostReason: "Price" }, CONTEXT)).toEqual({
      ok: true,
      params: { stage_id: "s-lost", lost_reason: "Price" },
    });
  });

  it("to a won stage sends the value of leads without one, when given", () => {
    const won = { ...EMPTY_DRAFT, stageId: "s-won" };
    expect(paramsFor("move_stage", won, CONTEXT)).toEqual({ ok: true, params: { stage_id: "s-won" } });
    expect(paramsFor("move_stage", { ...won, value: "1,234.5" }, CONTEXT)).toEqual({ ok: true, params: { stage_id: "s-won", value: "1234.50" } });
    expect(paramsFor("move_stage", { ...won, value: "abc" }, CONTEXT)).toEqual({ ok: false, errors: { value: "Enter an amount, like 1234.50" } });
  });

  it("takes a value of 0 only when the account allows zero-value wins", () => {
    const zero = { ...EMPTY_DRAFT, stageId: "s-won", value: "0" };
    expect(paramsFor("move_stage", zero, CONTEXT).ok).toBe(false);
    expect(paramsFor("move_stage", zero, { ...CONTEXT, allowZeroValueWins: true })).toEqual({ ok: true, params: { stage_id: "s-won", value: "0.00" } });
  });
});

describe("a role and a custom field", () => {
  it("need a role chosen", () => {
    expect(paramsFor("change_role", EMPTY_DRAFT, CONTEXT)).toEqual({ ok: false, errors: { role: "Choose the role" } });
    expect(paramsFor("change_role", { ...EMPTY_DRAFT, role: "Client" }, CONTEXT)).toEqual({ ok: true, params: { role: "Client" } });
  });

  it("send the field's value as its type reads, and null to empty it", () => {
    expect(paramsFor("set_field", EMPTY_DRAFT, CONTEXT)).toEqual({ ok: false, errors: { field_key: "Choose a custom field" } });
    expect(paramsFor("set_field", { ...EMPTY_DRAFT, fieldKey: "budget", fieldInput: "5000" }, CONTEXT)).toEqual({
      ok: true,
      params: { field_key: "budget", field_value: 5000 },
    });
    expect(paramsFor("set_field", { ...EMPTY_DRAFT, fieldKey: "colors", fieldInput: ["red"] }, CONTEXT)).toEqual({
      ok: true,
      params: { field_key: "colors", field_value: ["red"] },
    });
    expect(paramsFor("set_field", { ...EMPTY_DRAFT, fieldKey: "budget", fieldInput: "  " }, CONTEXT)).toEqual({
      ok: true,
      params: { field_key: "budget", field_value: null },
    });
    expect(paramsFor("set_field", { ...EMPTY_DRAFT, fieldKey: "newsletter", fieldInput: true }, CONTEXT)).toEqual({
      ok: true,
      params: { field_key: "newsletter", field_value: true },
    });
  });

  it("take nothing for delete, restore and export", () => {
    for (const action of ["delete", "restore", "export"] as const) expect(paramsFor(action, EMPTY_DRAFT, CONTEXT)).toEqual({ ok: true, params: {} });
  });
});

describe("a workflow", () => {
  it("is one of the published workflows", () => {
    expect(paramsFor("enrol_workflow", EMPTY_DRAFT, CONTEXT)).toEqual({ ok: false, errors: { workflow_id: "Choose the workflow" } });
    expect(paramsFor("enrol_workflow", { ...EMPTY_DRAFT, workflowId: "w-gone" }, CONTEXT).ok).toBe(false);
    expect(paramsFor("enrol_workflow", { ...EMPTY_DRAFT, workflowId: "w-2" }, CONTEXT)).toEqual({ ok: true, params: { workflow_id: "w-2" } });
  });

  it("cannot be chosen until one is published and loaded", () => {
    expect(hasChoices("enrol_workflow", CONTEXT.workflows)).toBe(true);
    expect(hasChoices("enrol_workflow", [])).toBe(false);
    expect(hasChoices("enrol_workflow", undefined)).toBe(false);
    expect(hasChoices("add_tags", undefined)).toBe(true);
  });

  it("is named in the question", () => {
    expect(questionDetail({ ...EMPTY_DRAFT, workflowId: "w-1" }, CONTEXT, String).workflowName).toBe("Welcome series");
    expect(questionDetail(EMPTY_DRAFT, CONTEXT, String).workflowName).toBeUndefined();
  });
});

describe("the question's details", () => {
  it("come from the draft as it is", () => {
    const detail = questionDetail({ ...EMPTY_DRAFT, stageId: "s-won", ownerIds: ["u-1"], fieldKey: "budget" }, CONTEXT, (id) => `name of ${id}`);
    expect(detail.stageName).toBe("Won");
    expect(detail.ownerNames).toEqual(["name of u-1"]);
    expect(detail.fieldLabel).toBe("BUDGET");
    expect(detail.clearing).toBe(true);
    expect(questionDetail({ ...EMPTY_DRAFT, fieldKey: "budget", fieldInput: "3" }, CONTEXT, String).clearing).toBe(false);
  });
});

describe("the API's refusals", () => {
  it("land on the inputs of the parameters they name", () => {
    const error = new ApiError(422, "validation_error", "Say why these leads were lost", { "params.lost_reason": "required for a lost stage", "params.tags.0": "too long" });
    expect(requestErrors(error)).toEqual({
      fields: { lost_reason: "required for a lost stage", tags: "too long" },
      message: "Say why these leads were lost",
    });
  });

  it("say the rest, and a refusal of the role, above the inputs", () => {
    expect(requestErrors(new ApiError(403, "forbidden_owner", "You can only assign records to yourself"))).toEqual({
      fields: {},
      message: "You can only assign records to yourself",
    });
    expect(requestErrors(new ApiError(422, "validation_error", "Choose the records", { scope: "exactly one of ids, leads, contacts" })).message).toBe(
      "Choose the records exactly one of ids, leads, contacts",
    );
    expect(requestErrors(new Error("boom")).message).toBe("boom");
  });

  it("put a missing workflow on its input, and a plan without automation in words", () => {
    const missing = new ApiError(422, "validation_error", "Choose the workflow", { "params.workflow_id": "required" });
    expect(requestErrors(missing)).toEqual({ fields: { workflow_id: "required" }, message: "Choose the workflow" });
    const plan = "Automation is not part of your Starter plan. Upgrade to Professional on the Billing page to use it.";
    const locked = new ApiError(402, "plan_feature_required", plan, {}, { upgrade_plan: "professional", upgrade_path: "/billing" });
    expect(requestErrors(locked)).toEqual({ fields: {}, message: plan });
    expect(requestErrors(new ApiError(409, "not_published", "Publish the workflow before enrolling anyone")).message).toBe(
      "Publish the workflow before enrolling anyone",
    );
  });
});
