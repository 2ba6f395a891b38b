import type { ReactNode } from "react";
import { SelectField } from "../../components/ui";
import type { User } from "../accounts/types";
import { CONTACT_ROLES, type ContactRole } from "../contacts/types";
import type { PublishedWorkflow } from "../enrolments/types";
import type { FieldDefinition } from "../fields/types";
import type { PipelineSettings, Stage } from "../pipelines/types";
import { FieldValueFields } from "./FieldValueFields";
import { OwnersField } from "./OwnersField";
import type { ParamErrors, ParamsDraft } from "./params";
import { StageFields } from "./StageFields";
import { TagsField } from "./TagsField";
import type { BulkActionType } from "./types";
import { WorkflowField } from "./WorkflowField";

/** What the dialog's inputs choose from. */
export interface ParamChoices {
  owners: readonly User[];
  onlySelf: boolean;
  tags: readonly string[];
  pipelineName: string;
  stages: readonly Stage[];
  settings: PipelineSettings | undefined;
  currency: string;
  fields: readonly FieldDefinition[];
  /** The published workflows; undefined while they load. */
  workflows: readonly PublishedWorkflow[] | undefined;
  /** Why the published workflows could not be loaded. */
  workflowsProblem: string | null;
}

/** The inputs of an action's parameters (delete, restore and export take none). */
export function ParamsFields({
  action,
  draft,
  choices,
  errors,
  onDraft,
}: {
  action: BulkActionType;
  draft: ParamsDraft;
  choices: ParamChoices;
  errors: ParamErrors;
  onDraft: (change: Partial<ParamsDraft>) => void;
}): ReactNode {
  switch (action) {
    case "assign_owner":
      return (
        <OwnersField
          choices={choices.owners}
          chosen={draft.ownerIds}
          onlySelf={choices.onlySelf}
          error={errors.owner_ids}
          onChange={(ownerIds) => onDraft({ ownerIds })}
        />
      );
    case "add_tags":
    case "remove_tags":
      return <TagsField tags={draft.tags} suggestions={choices.tags} error={errors.tags} onChange={(tags) => onDraft({ tags })} />;
    case "move_stage":
      return (
        <StageFields
          pipelineName={choices.pipelineName}
          stages={choices.stages}
          draft={draft}
          settings={choices.settings}
          currency={choices.currency}
          errors={errors}
          onDraft={onDraft}
        />
      );
    case "change_role":
      return (
        <SelectField
          label="Role"
          options={[{ value: "", label: "Choose a role" }, ...CONTACT_ROLES.map((role) => ({ value: role, label: role }))]}
          value={draft.role}
          error={errors.role}
          onChange={(event) => onDraft({ role: CONTACT_ROLES.find((role) => role === event.target.value) ?? ("" as ContactRole | "") })}
        />
      );
    case "set_field":
      return <FieldValueFields fields={choices.fields} draft={draft} errors={errors} onDraft={onDraft} />;
    case "enrol_workflow":
      return (
        <WorkflowField
          workflows={choices.workflows}
          problem={choices.workflowsProblem}
          chosen={draft.workflowId}
          error={errors.workflow_id}
          onChoose={(workflowId) => onDraft({ workflowId })}
        />
      );
    default:
      return null;
  }
}
