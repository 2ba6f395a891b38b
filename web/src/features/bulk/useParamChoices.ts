import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { errorMessage } from "../../api/errors";
import { useAuth, useProfile } from "../../auth/AuthProvider";
import { useUsers } from "../accounts/queries";
import { enrolmentKeys, useEnrolmentsApi } from "../enrolments/api";
import { useFieldsApi } from "../fields/api";
import { fieldsKeys, useCustomFields } from "../fields/queries";
import { usePipelineSettings } from "../pipelines/queries";
import type { Pipeline } from "../pipelines/types";
import { ownerChoices, seesEverything } from "./access";
import type { ParamChoices } from "./ParamsFields";
import { movableStages } from "./stages";
import type { BulkActionType, BulkObject } from "./types";

/**
 * What an action's dialog chooses from: the team, the account's tags, the pipeline's stages, the
 * fields, the published workflows.
 */
export function useParamChoices(object: BulkObject, action: BulkActionType, pipeline: Pipeline | null | undefined): ParamChoices {
  const profile = useProfile();
  const { grants } = useAuth();
  const users = useUsers();
  const fieldsApi = useFieldsApi();
  const tags = useQuery({
    queryKey: fieldsKeys.tags,
    queryFn: fieldsApi.tags,
    staleTime: 30_000,
    enabled: action === "add_tags" || action === "remove_tags",
  });
  const enrolmentsApi = useEnrolmentsApi();
  const workflows = useQuery({
    queryKey: enrolmentKeys.published,
    queryFn: enrolmentsApi.published,
    enabled: action === "enrol_workflow",
  });
  const settings = usePipelineSettings();
  const fields = useCustomFields(object === "leads" ? "lead" : "contact");
  const seesAll = seesEverything(grants);
  return useMemo(
    () => ({
      owners: ownerChoices(users.data ?? [], profile.user, seesAll),
      onlySelf: !seesAll,
      tags: (tags.data ?? []).map((tag) => tag.name),
      pipelineName: pipeline?.name ?? "the pipeline",
      stages: movableStages(pipeline),
      settings: settings.data,
      currency: profile.tenant?.currency || "USD",
      fields: fields.data?.fields ?? [],
      workflows: workflows.data,
      workflowsProblem: workflows.isError ? errorMessage(workflows.error) : null,
    }),
    [users.data, profile, seesAll, tags.data, pipeline, settings.data, fields.data, workflows.data, workflows.isError, workflows.error],
  );
}
