import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
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
import { closingErrors, closingKind, prefillValue } from "./closing";
import { ClosingDialog } from "./ClosingDialog";
import { currentLeadOf, isStaleMove } from "./optimisticMove";
import { afterStageMove, usePipelines, usePipelineSettings } from "./queries";
import type { ClosingFields, Pipeline, Stage, StageMove } from "./types";
import "./pipeline.css";

export const DETAIL_CONFLICT_MESSAGE = "Someone else changed this lead: it shows its current stage now";

interface MoveRequest {
  stageId: string;
  closing?: ClosingFields;
}

/**
 * The lead's stage in its pipeline, and "Move to stage" (POST /leads/{id}/stage with the version shown).
 * A move into a won stage asks the deal's value first, a move into a lost stage why.
 */
export function LeadStageCard({ lead }: { lead: LeadDetail }) {
  const profile = useProfile();
  const { grants } = useAuth();
  const pipelines = usePipelines();
  const pipeline = pipelines.data?.find((p) => p.pipeline_id === lead.pipeline_id);
  const stages = [...(pipeline?.stages ?? [])].sort((a, b) => a.position - b.position);
  const current = stages.find((stage) => stage.stage_id === lead.stage_id);
  const mayMove =
    !lead.deleted_at &&
    mayMoveCard(
      { mayWrite: grants.can(Permission.leadsWrite), mayActOnAll: grants.can(Permission.leadsReadAll), userId: profile.user.user_id },
      lead,
    );

  return (
    <Card title="Stage">
      <p>
        <span className="badge">{current?.name ?? "…"}</span> {pipeline && <span className="muted">in {pipeline.name}</span>}
      </p>
      <p className="muted">Since {formatDateTime(lead.stage_entered_at)}</p>
      {current?.kind === "lost" && lead.lost_reason && <p className="lost-reason">Lost: {lead.lost_reason}</p>}
      {mayMove && stages.length > 1 && <StageMoveForm lead={lead} pipeline={pipeline} stages={stages} />}
    </Card>
  );
}

/** The move, and what the lead page shows of its outcome (the lead as moved, or as it is now). */
function useLeadStageMove(lead: LeadDetail, stages: Stage[], onDone: () => void) {
  const api = usePipelinesApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ stageId, closing }: MoveRequest) => api.moveLead(lead.lead_id, stageId, lead.version, seenOf(lead), closing),
    meta: { inlineErrors: true },
    onSuccess: (moved: StageMove) => {
      onDone();
      toast.success(`Moved to ${stages.find((stage) => stage.stage_id === moved.stage_id)?.name ?? "the stage"}`);
      const { stage_id, stage_entered_at, updated_at, version, value, lost_reason } = moved;
      queryClient.setQueryData<LeadDetail>(leadKeys.lead(lead.lead_id), (old) =>
        old ? { ...old, stage_id, stage_entered_at, updated_at, version, value, lost_reason } : old,
      );
      return afterStageMove(queryClient, lead.lead_id);
    },
    onError: (error, request) => {
      // A dialog shows the refusals of its value or reason itself.
      if (request.closing && closingErrors(error)) return;
      onDone();
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
}

function StageMoveForm({ lead, pipeline, stages }: { lead: LeadDetail; pipeline: Pipeline | undefined; stages: Stage[] }) {
  const settings = usePipelineSettings();
  const [choice, setChoice] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const move = useLeadStageMove(lead, stages, () => setChoice(null));
  const target = choice ?? lead.stage_id;
  const targetStage = stages.find((stage) => stage.stage_id === target);
  const kind = closingKind(targetStage?.kind);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (target === lead.stage_id) return;
    if (kind) setAsking(true);
    else move.mutate({ stageId: target });
  }

  async function confirm(closing: ClosingFields): Promise<Record<string, string> | null> {
    try {
      await move.mutateAsync({ stageId: target, closing });
    } catch (error) {
      const refused = closingErrors(error);
      if (refused) return refused;
    }
    closeDialog();
    return null;
  }

  /** The dialog is gone: the focus goes back to the stage control it came from. */
  function closeDialog() {
    setAsking(false);
    requestAnimationFrame(() => form.current?.querySelector<HTMLElement>("select")?.focus());
  }

  return (
    <>
      <form ref={form} className="stage-move" onSubmit={submit} noValidate>
        <SelectField
          label="Move to stage"
          options={stages
            .filter((stage) => stage.status !== "deleting" || stage.stage_id === lead.stage_id)
            .map((stage) => ({ value: stage.stage_id, label: stage.name }))}
          value={target}
          onChange={(event) => setChoice(event.target.value)}
        />
        <Button type="submit" variant="primary" busy={move.isPending && !asking} disabled={target === lead.stage_id}>
          Move
        </Button>
      </form>
      {asking && kind && targetStage && (
        <ClosingDialog
          kind={kind}
          leadName={lead.name || "This lead"}
          stageName={targetStage.name}
          currency={lead.currency}
          initialValue={prefillValue(lead.value, pipeline?.default_value)}
          settings={settings.data}
          onConfirm={confirm}
          onCancel={() => {
            setChoice(null);
            closeDialog();
          }}
        />
      )}
    </>
  );
}
