// What the builder's pickers choose from, and how ids read in its summaries: the team, the
// pipelines and stages, the forms, the email and SMS templates, the other workflows, the custom
// fields and the account's tags.

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Option } from "../../components/ui";
import { sourceLabel } from "../../lib/format";
import { useUsers } from "../accounts/queries";
import type { User } from "../accounts/types";
import { useForms } from "../capture/queries";
import { useFieldsApi } from "../fields/api";
import { fieldsKeys, useCustomFields } from "../fields/queries";
import type { FieldDefinition } from "../fields/types";
import { usePipelines } from "../pipelines/queries";
import type { Pipeline } from "../pipelines/types";
import { BUILT_IN_FIELDS, customConditionFields, type ConditionField } from "./conditions";
import { useTemplates, useWorkflows } from "./queries";
import type { Names } from "./summaries";
import type { MessageTemplate, Workflow } from "./types";

export interface Choices {
  /** The users who can be given work (everyone not deactivated). */
  users: readonly User[];
  pipelines: readonly Pipeline[];
  forms: readonly Option[];
  emailTemplates: readonly MessageTemplate[];
  smsTemplates: readonly MessageTemplate[];
  /** The other workflows, to enrol in. */
  workflows: readonly Workflow[];
  leadFields: readonly FieldDefinition[];
  contactFields: readonly FieldDefinition[];
  tags: readonly string[];
  /** Every field a condition can read. */
  fields: readonly ConditionField[];
  names: Names;
  loading: boolean;
}

export function userLabel(user: User): string {
  return `${user.name || user.email} (${user.role})`;
}

function namesOf(choices: Omit<Choices, "names" | "loading">, allUsers: readonly User[]): Names {
  const stages = choices.pipelines.flatMap((pipeline) => pipeline.stages);
  const named = choices.pipelines.length > 1;
  return {
    user: (userId) => {
      if (userId === "owner") return "the owner";
      const user = allUsers.find((candidate) => candidate.user_id === userId);
      return user ? user.name || user.email : "a user no longer here";
    },
    template: (templateId) =>
      [...choices.emailTemplates, ...choices.smsTemplates].find((template) => template.template_id === templateId)?.name ?? null,
    pipeline: (pipelineId) => choices.pipelines.find((pipeline) => pipeline.pipeline_id === pipelineId)?.name ?? null,
    stage: (stageId) => {
      const pipeline = choices.pipelines.find((candidate) => candidate.stages.some((stage) => stage.stage_id === stageId));
      const stage = stages.find((candidate) => candidate.stage_id === stageId);
      if (!stage) return null;
      return named && pipeline ? `${stage.name} (${pipeline.name})` : stage.name;
    },
    form: (formId) => choices.forms.find((form) => form.value === formId)?.label ?? null,
    workflow: (workflowId) => choices.workflows.find((workflow) => workflow.workflow_id === workflowId)?.name ?? null,
    customField: (target, key) =>
      (target === "lead" ? choices.leadFields : choices.contactFields).find((field) => field.key === key)?.label ?? key,
    fields: choices.fields,
    source: sourceLabel,
  };
}

export function useBuilderChoices(workflowId: string): Choices {
  const users = useUsers();
  const pipelines = usePipelines();
  const forms = useForms();
  const email = useTemplates("email");
  const sms = useTemplates("sms");
  const workflows = useWorkflows(null);
  const leadFields = useCustomFields("lead");
  const contactFields = useCustomFields("contact");
  const fieldsApi = useFieldsApi();
  const tags = useQuery({ queryKey: fieldsKeys.tags, queryFn: fieldsApi.tags, staleTime: 30_000 });
  const loading = [users, pipelines, forms, email, workflows].some((query) => query.isPending && query.fetchStatus !== "idle");

  return useMemo(() => {
    const lead = leadFields.data?.fields ?? [];
    const contact = contactFields.data?.fields ?? [];
    const base = {
      users: (users.data ?? []).filter((user) => user.status !== "deactivated"),
      pipelines: [...(pipelines.data ?? [])].sort((a, b) => a.position - b.position),
      forms: (forms.data ?? []).map((form) => ({ value: form.form_id, label: form.name })),
      emailTemplates: email.data ?? [],
      smsTemplates: sms.data ?? [],
      workflows: (workflows.data ?? []).filter((workflow) => workflow.workflow_id !== workflowId),
      leadFields: lead,
      contactFields: contact,
      tags: (tags.data ?? []).map((tag) => tag.name),
      fields: [...BUILT_IN_FIELDS, ...customConditionFields("contact", contact), ...customConditionFields("lead", lead)],
    };
    return { ...base, names: namesOf(base, users.data ?? []), loading };
  }, [users.data, pipelines.data, forms.data, email.data, sms.data, workflows.data, leadFields.data, contactFields.data, tags.data, workflowId, loading]);
}
