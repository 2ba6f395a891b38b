import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type KeyboardEvent } from "react";
import { useProfile } from "../../../auth/AuthProvider";
import { toast } from "../../../components/toasts";
import { Alert, Button, SelectField, TextField } from "../../../components/ui";
import { formatMoney } from "../../../lib/format";
import { usePipelinesApi } from "../api";
import { pipelineKeys } from "../queries";
import type { Pipeline, Stage, StageKind, StageUpdate } from "../types";
import { DeleteStageDialog } from "./DeleteStageDialog";
import {
  DEFAULT_PROBABILITY,
  dropStage,
  KIND_LABELS,
  parseProbability,
  problemText,
  sortedStages,
  stepStage,
  withStage,
  withStageOrder,
} from "./stageSettings";

const KIND_OPTIONS = (Object.keys(KIND_LABELS) as StageKind[]).map((kind) => ({ value: kind, label: KIND_LABELS[kind] }));

function useRefreshPipelines() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: pipelineKeys.pipelines }),
      queryClient.invalidateQueries({ queryKey: pipelineKeys.boards }),
    ]);
}

/**
 * Saves to one record queue in click order (never two at once, so the last click wins), and the
 * pipelines reload after the last of them: a reload in between would undo a queued change on screen.
 */
function useQueuedSave(key: string[]) {
  const queryClient = useQueryClient();
  const refresh = useRefreshPipelines();
  return {
    mutationKey: key,
    scope: { id: key.join(":") },
    onSettled: () => (queryClient.isMutating({ mutationKey: key }) > 1 ? undefined : refresh()),
  };
}

/** The stages of one pipeline: edit in place, reorder (buttons or drag), add, delete. */
export function StagesTable({ pipeline }: { pipeline: Pipeline }) {
  const api = usePipelinesApi();
  const queryClient = useQueryClient();
  const stages = sortedStages(pipeline);
  const ids = stages.map((stage) => stage.stage_id);
  const [dragged, setDragged] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Stage | null>(null);

  const reorder = useMutation({
    ...useQueuedSave(["stage-order", pipeline.pipeline_id]),
    mutationFn: (order: string[]) => api.reorderStages(pipeline.pipeline_id, order),
    meta: { inlineErrors: true },
    onMutate: async (order) => {
      await queryClient.cancelQueries({ queryKey: pipelineKeys.pipelines });
      queryClient.setQueryData<Pipeline[]>(pipelineKeys.pipelines, (old) =>
        old?.map((item) => (item.pipeline_id === pipeline.pipeline_id ? withStageOrder(item, order) : item)),
      );
    },
    onSuccess: () => toast.success("Stage order saved"),
    onError: (error) => toast.error(problemText(error)),
  });

  function step(stageId: string, direction: -1 | 1) {
    const order = stepStage(ids, stageId, direction);
    if (!order) return;
    reorder.mutate(order);
    const label = direction < 0 ? "up" : "down";
    requestAnimationFrame(() => document.getElementById(`stage-${label}-${stageId}`)?.focus());
  }

  return (
    <>
      <div className="table-wrap">
        <table className="table stages-table">
          <caption className="visually-hidden">Stages of {pipeline.name}, in board order</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Win probability</th>
              <th scope="col">Pie chart</th>
              <th scope="col">Funnel</th>
              <th scope="col" className="numeric">
                Leads
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {stages.map((stage, index) => (
              <StageRow
                key={stage.stage_id}
                pipeline={pipeline}
                stage={stage}
                first={index === 0}
                last={index === stages.length - 1}
                dropTarget={dragged !== null && dragged !== stage.stage_id}
                onStep={(direction) => step(stage.stage_id, direction)}
                onDelete={() => setDeleting(stage)}
                onDragStart={() => setDragged(stage.stage_id)}
                onDragEnd={() => setDragged(null)}
                onDrop={() => {
                  const order = dragged ? dropStage(ids, dragged, stage.stage_id) : null;
                  setDragged(null);
                  if (order) reorder.mutate(order);
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      <p className="settings-note">Drag a row, or use its arrows, to change the order of the board's columns.</p>
      <AddStageForm pipeline={pipeline} />
      {deleting && <DeleteStageDialog pipeline={pipeline} stage={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}

/** A text input's draft, reset whenever the saved value changes. */
function useDraft(saved: string): [string, (value: string) => void] {
  const [state, setState] = useState({ saved, draft: saved });
  if (state.saved !== saved) setState({ saved, draft: saved });
  return [state.saved === saved ? state.draft : saved, (draft) => setState({ saved, draft })];
}

function StageRow({
  pipeline,
  stage,
  first,
  last,
  dropTarget,
  onStep,
  onDelete,
  onDragStart,
  onDragEnd,
  onDrop,
}: {
  pipeline: Pipeline;
  stage: Stage;
  first: boolean;
  last: boolean;
  dropTarget: boolean;
  onStep: (direction: -1 | 1) => void;
  onDelete: () => void;
  onDragStart: () => void;
  onDragEnd: () => void;
  onDrop: () => void;
}) {
  const api = usePipelinesApi();
  const queryClient = useQueryClient();
  const currency = useProfile().tenant?.currency || "USD";
  const [name, setName] = useDraft(stage.name);
  const [probability, setProbability] = useDraft(String(stage.probability));
  const deleting = stage.status === "deleting";
  const save = useMutation({
    ...useQueuedSave(["stage", pipeline.pipeline_id, stage.stage_id]),
    mutationFn: (body: StageUpdate) => api.updateStage(pipeline.pipeline_id, stage.stage_id, body),
    meta: { inlineErrors: true },
    onMutate: async (body) => {
      await queryClient.cancelQueries({ queryKey: pipelineKeys.pipelines });
      queryClient.setQueryData<Pipeline[]>(pipelineKeys.pipelines, (old) =>
        // The table sends values only (never null), so the body reads as a partial stage.
        old ? withStage(old, pipeline.pipeline_id, { ...stage, ...(body as Partial<Stage>) }) : old,
      );
    },
    onSuccess: (saved) => toast.success(`Stage ${saved.name} saved`),
    onError: (error) => toast.error(problemText(error)),
  });

  function saveName() {
    const trimmed = name.trim();
    if (!trimmed) return setName(stage.name);
    if (trimmed !== stage.name) save.mutate({ name: trimmed });
  }

  function saveProbability() {
    const parsed = parseProbability(probability);
    if (parsed === "invalid" || parsed === null) {
      if (parsed === "invalid") toast.error("Win probability: a whole number from 0 to 100");
      return setProbability(String(stage.probability));
    }
    if (parsed !== stage.probability) save.mutate({ probability: parsed });
  }

  const onEnter = (commit: () => void) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    commit();
  };

  return (
    <tr
      className={`stage-row ${dropTarget ? "stage-drop" : ""}`}
      onDragOver={(event) => {
        if (!dropTarget) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
      }}
      onDrop={(event) => {
        event.preventDefault();
        onDrop();
      }}
    >
      <td>
        <div className="stage-order">
          <span
            className="drag-handle"
            aria-hidden="true"
            title="Drag to reorder"
            draggable
            onDragStart={(event) => {
              event.dataTransfer.setData("text/plain", stage.name);
              event.dataTransfer.effectAllowed = "move";
              onDragStart();
            }}
            onDragEnd={onDragEnd}
          >
            ⋮⋮
          </span>
          <button
            type="button"
            id={`stage-up-${stage.stage_id}`}
            className="btn btn-ghost btn-small"
            aria-label={`Move ${stage.name} up`}
            disabled={first}
            onClick={() => onStep(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            id={`stage-down-${stage.stage_id}`}
            className="btn btn-ghost btn-small"
            aria-label={`Move ${stage.name} down`}
            disabled={last}
            onClick={() => onStep(1)}
          >
            ↓
          </button>
        </div>
      </td>
      <td>
        <input
          className="stage-input"
          aria-label={`Name of stage ${stage.name}`}
          value={name}
          maxLength={60}
          onChange={(event) => setName(event.target.value)}
          onBlur={saveName}
          onKeyDown={onEnter(saveName)}
        />
        {deleting && <span className="badge stage-deleting">Being deleted</span>}
      </td>
      <td>
        <select
          className="stage-input"
          aria-label={`Kind of stage ${stage.name}`}
          value={stage.kind}
          onChange={(event) => save.mutate({ kind: event.target.value as StageKind })}
        >
          {KIND_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span className="stage-probability">
          <input
            className="stage-input"
            aria-label={`Win probability of stage ${stage.name} (%)`}
            inputMode="numeric"
            value={probability}
            onChange={(event) => setProbability(event.target.value)}
            onBlur={saveProbability}
            onKeyDown={onEnter(saveProbability)}
          />
          <span aria-hidden="true">%</span>
        </span>
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`Show ${stage.name} in the pie chart`}
          checked={stage.show_in_pie}
          onChange={(event) => save.mutate({ show_in_pie: event.target.checked })}
        />
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`Show ${stage.name} in the funnel`}
          checked={stage.show_in_funnel}
          onChange={(event) => save.mutate({ show_in_funnel: event.target.checked })}
        />
      </td>
      <td className="numeric">
        {stage.lead_count}
        <span className="muted block">{formatMoney(stage.lead_value, currency)}</span>
      </td>
      <td>
        <Button variant="ghost" className="btn-small" aria-label={`Delete stage ${stage.name}`} disabled={deleting} onClick={onDelete}>
          Delete
        </Button>
      </td>
    </tr>
  );
}

function AddStageForm({ pipeline }: { pipeline: Pipeline }) {
  const api = usePipelinesApi();
  const queryClient = useQueryClient();
  const refresh = useRefreshPipelines();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<StageKind>("open");
  const [probability, setProbability] = useState("");
  const [errors, setErrors] = useState<{ name?: string; probability?: string; other?: string }>({});
  const add = useMutation({
    mutationFn: () => {
      const parsed = parseProbability(probability);
      return api.addStage(pipeline.pipeline_id, { name: name.trim(), kind, probability: parsed === "invalid" ? null : parsed });
    },
    meta: { inlineErrors: true },
    onSuccess: (stage) => {
      queryClient.setQueryData<Pipeline[]>(pipelineKeys.pipelines, (old) => (old ? withStage(old, pipeline.pipeline_id, stage) : old));
      toast.success(`Stage ${stage.name} added`);
      setName("");
      setProbability("");
      setKind("open");
      return refresh();
    },
    onError: (error) => setErrors({ other: problemText(error) }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (!name.trim()) next.name = "Give the stage a name";
    if (parseProbability(probability) === "invalid") next.probability = "A whole number from 0 to 100";
    setErrors(next);
    if (!next.name && !next.probability) add.mutate();
  }

  return (
    <form className="add-stage" onSubmit={submit} noValidate aria-label="Add a stage">
      <h3>Add a stage</h3>
      {errors.other && <Alert>{errors.other}</Alert>}
      <div className="add-stage-fields">
        <TextField label="Stage name" value={name} maxLength={60} error={errors.name} onChange={(event) => setName(event.target.value)} />
        <SelectField label="Kind" options={KIND_OPTIONS} value={kind} onChange={(event) => setKind(event.target.value as StageKind)} />
        <TextField
          label="Win probability (%)"
          inputMode="numeric"
          value={probability}
          placeholder={String(DEFAULT_PROBABILITY[kind])}
          error={errors.probability}
          hint={probability ? undefined : `Blank: ${DEFAULT_PROBABILITY[kind]}%`}
          onChange={(event) => setProbability(event.target.value)}
        />
        <Button type="submit" variant="primary" busy={add.isPending}>
          Add stage
        </Button>
      </div>
    </form>
  );
}
