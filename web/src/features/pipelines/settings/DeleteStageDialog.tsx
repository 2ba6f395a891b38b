import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useProfile } from "../../../auth/AuthProvider";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { toast } from "../../../components/toasts";
import { Alert, SelectField } from "../../../components/ui";
import { formatMoney } from "../../../lib/format";
import { leadKeys } from "../../leads/queries";
import { usePipelinesApi } from "../api";
import { pipelineKeys } from "../queries";
import type { Pipeline, Stage, StageDeletion } from "../types";
import { deletionRefusal, deletionTargets, type DeletionRefusal } from "./stageSettings";

/**
 * Deleting a stage: asked once; when the API answers that the stage still holds leads, the dialog
 * asks where they go and deletes again with `move_to`.
 */
export function DeleteStageDialog({ pipeline, stage, onClose }: { pipeline: Pipeline; stage: Stage; onClose: () => void }) {
  const api = usePipelinesApi();
  const queryClient = useQueryClient();
  const currency = useProfile().tenant?.currency || "USD";
  const targets = deletionTargets(pipeline, stage.stage_id);
  const [holding, setHolding] = useState<Extract<DeletionRefusal, { kind: "holds_leads" }> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [moveTo, setMoveTo] = useState(targets[0]?.stage_id ?? "");
  const targetName = (stageId: string | null) => targets.find((target) => target.stage_id === stageId)?.name ?? "the stage chosen";

  const remove = useMutation({
    mutationFn: (target: string | null) => api.deleteStage(pipeline.pipeline_id, stage.stage_id, target),
    meta: { inlineErrors: true },
    onSuccess: (result: StageDeletion) => {
      if (result.status === "deleted") {
        toast.success(
          result.moved > 0
            ? `Stage ${stage.name} deleted: ${result.moved} ${result.moved === 1 ? "lead" : "leads"} moved to ${targetName(result.move_to)}`
            : `Stage ${stage.name} deleted`,
        );
      } else {
        toast.info(`Stage ${stage.name} is being deleted: ${result.remaining} more leads are moving to ${targetName(result.move_to)}`);
      }
      onClose();
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: pipelineKeys.pipelines }),
        queryClient.invalidateQueries({ queryKey: pipelineKeys.boards }),
        queryClient.invalidateQueries({ queryKey: leadKeys.leads }),
      ]);
    },
    onError: (error) => {
      const refusal = deletionRefusal(error);
      if (refusal.kind === "holds_leads") {
        setHolding(refusal);
        setProblem(null);
      } else setProblem(refusal.message);
    },
  });

  return (
    <ConfirmDialog
      open
      title={holding ? `Move the leads of ${stage.name}` : `Delete stage ${stage.name}?`}
      confirmLabel={holding ? "Move leads and delete" : "Delete stage"}
      busy={remove.isPending}
      onConfirm={() => {
        if (holding && !moveTo) return;
        setProblem(null);
        remove.mutate(holding ? moveTo : null);
      }}
      onCancel={onClose}
    >
      {holding ? (
        <>
          <p>
            {stage.name} still holds {holding.leadCount} {holding.leadCount === 1 ? "lead" : "leads"} (
            {formatMoney(holding.leadValue, currency)}). Choose the stage they move to; each move is recorded in the
            lead's history.
          </p>
          {targets.length > 0 ? (
            <SelectField
              label="Move its leads to"
              options={targets.map((target) => ({ value: target.stage_id, label: target.name }))}
              value={moveTo}
              onChange={(event) => setMoveTo(event.target.value)}
            />
          ) : (
            <Alert>There is no other stage to move them to: add one first.</Alert>
          )}
        </>
      ) : (
        <p>The stage leaves the board and the lead forms. If it still holds leads you will choose where they go.</p>
      )}
      {problem && <Alert>{problem}</Alert>}
    </ConfirmDialog>
  );
}
