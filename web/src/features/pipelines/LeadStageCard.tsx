import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "../../api/errors";
import { useAuth, useProfile } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Button, Card, SelectField } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { leadKeys } from "../leads/queries";
import type { LeadDetail } from "../leads/types";
import { usePipelinesApi } from "./api";
import { mayMoveCard, seenOf } from "./boardModel";
import { currentLeadOf, isStaleMove } from "./optimisticMove";
import { afterStageMove, usePipelines } from "./queries";
import type { StageMove } from "./types";
import "./pipeline.css";

export const DETAIL_CONFLICT_MESSAGE = "Someone else changed this lead: it shows its current stage now";

/** The lead's stage in its pipeline, and "Move to stage" (POST /leads/{id}/stage with the version shown). */
export function LeadStageCard({ lead }: { lead: LeadDetail }) {
  const api = usePipelinesApi();
  const queryClient = useQueryClient();
  const profile = useProfile();
  const { grants } = useAuth();
  const pipelines = usePipelines();
  const [choice, setChoice] = useState<string | null>(null);
  const pipeline = pipelines.data?.find((p) => p.pipeline_id === lead.pipeline_id);
  const stages = [...(pipeline?.stages ?? [])].sort((a, b) => a.position - b.position);
  const current = stages.find((stage) => stage.stage_id === lead.stage_id);
  const target = choice ?? lead.stage_id;
  const mayMove =
    !lead.deleted_at &&
    mayMoveCard(
      { mayWrite: grants.can(Permission.leadsWrite), mayActOnAll: grants.can(Permission.leadsReadAll), userId: profile.user.user_id },
      lead,
    );

  const move = useMutation({
    mutationFn: (stageId: string) => api.moveLead(lead.lead_id, stageId, lead.version, seenOf(lead)),
    meta: { inlineErrors: true },
    onSuccess: (moved: StageMove) => {
      setChoice(null);
      toast.success(`Moved to ${stages.find((stage) => stage.stage_id === moved.stage_id)?.name ?? "the stage"}`);
      const { stage_id, stage_entered_at, updated_at, version } = moved;
      queryClient.setQueryData<LeadDetail>(leadKeys.lead(lead.lead_id), (old) =>
        old ? { ...old, stage_id, stage_entered_at, updated_at, version } : old,
      );
      return afterStageMove(queryClient, lead.lead_id);
    },
    onError: (error) => {
      setChoice(null);
      if (isStaleMove(error)) {
        const latest = currentLeadOf(error);
        if (latest) queryClient.setQueryData<LeadDetail>(leadKeys.lead(lead.lead_id), (old) => (old ? { ...old, ...latest } : old));
        toast.error(DETAIL_CONFLICT_MESSAGE);
        void afterStageMove(queryClient, lead.lead_id);
      } else if (error instanceof ApiError && (error.status === 422 || error.status === 404)) {
        toast.error(error.fields.stage_id ? `Stage: ${error.fields.stage_id}` : errorMessage(error));
      }
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (target !== lead.stage_id) move.mutate(target);
  }

  return (
    <Card title="Stage">
      <p>
        <span className="badge">{current?.name ?? "…"}</span> {pipeline && <span className="muted">in {pipeline.name}</span>}
      </p>
      <p className="muted">Since {formatDateTime(lead.stage_entered_at)}</p>
      {mayMove && stages.length > 1 && (
        <form className="stage-move" onSubmit={submit} noValidate>
          <SelectField
            label="Move to stage"
            options={stages
              .filter((stage) => stage.status !== "deleting" || stage.stage_id === lead.stage_id)
              .map((stage) => ({ value: stage.stage_id, label: stage.name }))}
            value={target}
            onChange={(event) => setChoice(event.target.value)}
          />
          <Button type="submit" variant="primary" busy={move.isPending} disabled={target === lead.stage_id}>
            Move
          </Button>
        </form>
      )}
    </Card>
  );
}
