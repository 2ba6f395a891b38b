// What each action's dialog asks, checked as the API checks it, and the parameters it sends; the
// API's refusals back: 422 `params.<name>` by input, the rest (403 `forbidden_role` / `forbidden_owner`,
// 402 `plan_feature_required`, 409 `not_published`) above the inputs.

import { ApiError, errorMessage } from "../../api/errors";
import type { ContactRole } from "../contacts/types";
import { customFieldsBody, type CustomInput } from "../contacts/customFieldValues";
import type { PublishedWorkflow } from "../enrolments/types";
import type { FieldDefinition } from "../fields/types";
import { parseAmount, REASON_REQUIRED } from "../pipelines/closing";
import type { Stage } from "../pipelines/types";
import type { QuestionDetail } from "./labels";
import type { BulkActionType, BulkParams } from "./types";

/** What the dialog's inputs hold. */
export interface ParamsDraft {
  ownerIds: readonly string[];
  tags: readonly string[];
  stageId: string;
  /** A won stage: the value of leads that have none, as typed. */
  value: string;
  lostReason: string;
  role: ContactRole | "";
  fieldKey: string;
  fieldInput: CustomInput | undefined;
  workflowId: string;
}

export const EMPTY_DRAFT: ParamsDraft = {
  ownerIds: [],
  tags: [],
  stageId: "",
  value: "",
  lostReason: "",
  role: "",
  fieldKey: "",
  fieldInput: undefined,
  workflowId: "",
};

/**
 * What the checks need to know: the pipeline's stages, the tenant's closing rule, the custom fields,
 * the published workflows.
 */
export interface ParamsContext {
  stages: readonly Stage[];
  allowZeroValueWins: boolean;
  fields: readonly FieldDefinition[];
  workflows: readonly PublishedWorkflow[];
}

/** Errors by the API's parameter names (`owner_ids`, `stage_id`…), so its 422s land on the same inputs. */
export type ParamErrors = Record<string, string>;
export type ParamsResult = { ok: true; params: BulkParams } | { ok: false; errors: ParamErrors };

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 50;
export const MAX_OWNERS = 50;

/** Tags as typed ("vip, 2026"): trimmed, the empty ones dropped, each once whatever its case. */
export function parseTags(text: string): string[] {
  return mergeTags([], text.split(/[,\n]/));
}

/** The tags with more added, each once whatever its case (the first spelling stays). */
export function mergeTags(current: readonly string[], more: readonly string[]): string[] {
  const seen = new Set(current.map((tag) => tag.toLocaleLowerCase()));
  const merged = [...current];
  for (const raw of more) {
    const tag = raw.trim();
    if (tag && !seen.has(tag.toLocaleLowerCase())) {
      seen.add(tag.toLocaleLowerCase());
      merged.push(tag);
    }
  }
  return merged;
}

function fail(name: string, message: string): ParamsResult {
  return { ok: false, errors: { [name]: message } };
}

function ownerParams(draft: ParamsDraft): ParamsResult {
  if (draft.ownerIds.length === 0) return fail("owner_ids", "Choose who owns them");
  if (draft.ownerIds.length > MAX_OWNERS) return fail("owner_ids", `Choose at most ${MAX_OWNERS} people`);
  return { ok: true, params: { owner_ids: [...draft.ownerIds] } };
}

function tagParams(draft: ParamsDraft): ParamsResult {
  if (draft.tags.length === 0) return fail("tags", "Name at least one tag");
  if (draft.tags.length > MAX_TAGS) return fail("tags", `Name at most ${MAX_TAGS} tags at a time`);
  const long = draft.tags.find((tag) => tag.length > MAX_TAG_LENGTH);
  if (long) return fail("tags", `A tag has at most ${MAX_TAG_LENGTH} characters: shorten “${long.slice(0, 20)}…”`);
  return { ok: true, params: { tags: [...draft.tags] } };
}

function wonValue(text: string, allowZero: boolean): { value?: string; error?: string } {
  if (!text.trim()) return {};
  const parsed = parseAmount(text);
  if (!parsed.ok) return { error: parsed.error };
  if (parsed.amount === 0 && !allowZero) return { error: "Enter a value above 0, or leave it empty" };
  return { value: parsed.value };
}

function stageParams(draft: ParamsDraft, context: ParamsContext): ParamsResult {
  const stage = context.stages.find((item) => item.stage_id === draft.stageId && item.status === "active");
  if (!stage) return fail("stage_id", "Choose a stage");
  if (stage.kind === "lost") {
    return draft.lostReason ? { ok: true, params: { stage_id: stage.stage_id, lost_reason: draft.lostReason } } : fail("lost_reason", REASON_REQUIRED);
  }
  if (stage.kind === "won") {
    const won = wonValue(draft.value, context.allowZeroValueWins);
    if (won.error) return fail("value", won.error);
    return { ok: true, params: won.value ? { stage_id: stage.stage_id, value: won.value } : { stage_id: stage.stage_id } };
  }
  return { ok: true, params: { stage_id: stage.stage_id } };
}

function fieldParams(draft: ParamsDraft, context: ParamsContext): ParamsResult {
  const definition = context.fields.find((field) => field.key === draft.fieldKey);
  if (!definition) return fail("field_key", "Choose a custom field");
  const body = customFieldsBody([definition], draft.fieldInput === undefined ? {} : { [definition.key]: draft.fieldInput });
  // Nothing entered empties the field on every record (the API's null).
  return { ok: true, params: { field_key: definition.key, field_value: body[definition.key] ?? null } };
}

function workflowParams(draft: ParamsDraft, context: ParamsContext): ParamsResult {
  const workflow = context.workflows.find((item) => item.workflow_id === draft.workflowId);
  return workflow ? { ok: true, params: { workflow_id: workflow.workflow_id } } : fail("workflow_id", "Choose the workflow");
}

/**
 * Whether the dialog has what the action chooses from: adding to a workflow needs a published one
 * (undefined while they load). Without it the action cannot be confirmed.
 */
export function hasChoices(action: BulkActionType, workflows: readonly PublishedWorkflow[] | undefined): boolean {
  return action !== "enrol_workflow" || (workflows?.length ?? 0) > 0;
}

/** The parameters to send for this action, or what is wrong with the draft. */
export function paramsFor(action: BulkActionType, draft: ParamsDraft, context: ParamsContext): ParamsResult {
  switch (action) {
    case "assign_owner":
      return ownerParams(draft);
    case "add_tags":
    case "remove_tags":
      return tagParams(draft);
    case "move_stage":
      return stageParams(draft, context);
    case "change_role":
      return draft.role ? { ok: true, params: { role: draft.role } } : fail("role", "Choose the role");
    case "set_field":
      return fieldParams(draft, context);
    case "enrol_workflow":
      return workflowParams(draft, context);
    default:
      return { ok: true, params: {} };
  }
}

/** What the confirmation's question names, from the draft as it is now. */
export function questionDetail(draft: ParamsDraft, context: ParamsContext, userName: (userId: string) => string): QuestionDetail {
  const field = context.fields.find((item) => item.key === draft.fieldKey);
  const fieldResult = field ? fieldParams(draft, context) : null;
  return {
    stageName: context.stages.find((stage) => stage.stage_id === draft.stageId)?.name,
    ownerNames: draft.ownerIds.map(userName),
    tags: draft.tags,
    role: draft.role || undefined,
    fieldLabel: field?.label,
    clearing: fieldResult?.ok === true && fieldResult.params.field_value === null,
    workflowName: context.workflows.find((workflow) => workflow.workflow_id === draft.workflowId)?.name,
  };
}

/**
 * The API's refusal: its message for the top of the dialog (a 402 names the plan that has the feature
 * and the Billing page), and the messages of its parameters (`params.stage_id` → `stage_id`) for their inputs.
 */
export function requestErrors(error: unknown): { fields: ParamErrors; message: string } {
  if (!(error instanceof ApiError)) return { fields: {}, message: errorMessage(error) };
  const fields: ParamErrors = {};
  const other: string[] = [];
  for (const [name, message] of Object.entries(error.fields)) {
    const param = /^params\.([a-z_]+)/.exec(name)?.[1];
    if (param && !(param in fields)) fields[param] = message;
    else if (!param) other.push(message);
  }
  return { fields, message: [error.message, ...other].join(" ") };
}
