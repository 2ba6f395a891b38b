import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { errorMessage } from "../../../api/errors";
import { useProfile } from "../../../auth/AuthProvider";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { toast } from "../../../components/toasts";
import { Alert, Button, Card, Spinner, TextField } from "../../../components/ui";
import { useUnsavedChanges } from "../../../lib/useUnsavedChanges";
import { usePipelinesApi } from "../api";
import { amountText } from "../closing";
import { pipelineKeys } from "../queries";
import type { Pipeline, PipelineUpdate } from "../types";
import { ClosingSettings } from "./ClosingSettings";
import { defaultValueBody, defaultValueChanged } from "./closingSettings";
import { anyDeleting, problemText } from "./stageSettings";
import { StagesTable } from "./StagesTable";
import "./pipelines.css";

const DELETING_POLL_MS = 2_000;

function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: pipelineKeys.pipelines }),
      queryClient.invalidateQueries({ queryKey: pipelineKeys.boards }),
    ]);
}

/** Settings > Pipelines: the tenant's pipelines, and the stages of the one chosen. */
export function PipelinesSettingsPage() {
  const api = usePipelinesApi();
  const [params, setParams] = useSearchParams();
  const pipelines = useQuery({
    queryKey: pipelineKeys.pipelines,
    queryFn: api.pipelines,
    // While a stage's leads are still moving away, read again until the stage is gone.
    refetchInterval: (query) => (anyDeleting(query.state.data) ? DELETING_POLL_MS : false),
  });
  if (pipelines.isPending) return <Spinner label="Loading your pipelines" />;
  if (pipelines.isError) {
    return (
      <Alert title="The pipelines could not be loaded" actions={<Button onClick={() => void pipelines.refetch()}>Try again</Button>}>
        {errorMessage(pipelines.error)}
      </Alert>
    );
  }
  const list = pipelines.data;
  const selected =
    list.find((p) => p.pipeline_id === params.get("pipeline")) ?? list.find((p) => p.is_default) ?? list[0] ?? null;
  const select = (pipelineId: string) => setParams({ pipeline: pipelineId }, { replace: true });

  return (
    <>
      <p className="settings-intro">
        Each pipeline is a board of stages a lead moves through (see <Link to="/pipeline">Pipeline</Link>). A stage's
        kind says whether leads in it are still open, won or lost, and its win probability weighs the open value.
      </p>
      <PipelineList pipelines={list} selectedId={selected?.pipeline_id ?? null} onSelect={select} />
      {selected && <PipelineEditor key={selected.pipeline_id} pipeline={selected} />}
      <ClosingSettings />
    </>
  );
}

function PipelineList({
  pipelines,
  selectedId,
  onSelect,
}: {
  pipelines: Pipeline[];
  selectedId: string | null;
  onSelect: (pipelineId: string) => void;
}) {
  const api = usePipelinesApi();
  const refresh = useRefresh();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | undefined>();
  const [deleting, setDeleting] = useState<Pipeline | null>(null);
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (pipelineName: string) => api.createPipeline({ name: pipelineName }),
    meta: { inlineErrors: true },
    onSuccess: async (pipeline) => {
      setName("");
      toast.success(`Pipeline ${pipeline.name} created`);
      await refresh();
      onSelect(pipeline.pipeline_id);
    },
    onError: (error) => setNameError(problemText(error)),
  });
  const makeDefault = useMutation({
    mutationFn: (pipeline: Pipeline) => api.updatePipeline(pipeline.pipeline_id, { is_default: true }),
    onSuccess: (pipeline) => toast.success(`${pipeline.name} is now the default pipeline`),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (pipeline: Pipeline) => api.deletePipeline(pipeline.pipeline_id),
    meta: { inlineErrors: true },
    onSuccess: async (_result, pipeline) => {
      setDeleting(null);
      toast.success(`Pipeline ${pipeline.name} deleted`);
      await refresh();
    },
    onError: (error) => setDeleteProblem(problemText(error)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameError("Give the pipeline a name");
      return;
    }
    setNameError(undefined);
    create.mutate(name.trim());
  }

  return (
    <Card title="Pipelines">
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Your pipelines</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className="numeric">
                Stages
              </th>
              <th scope="col" className="numeric">
                Leads
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pipelines.map((pipeline) => {
              const leads = pipeline.stages.reduce((sum, stage) => sum + stage.lead_count, 0);
              const current = pipeline.pipeline_id === selectedId;
              return (
                <tr key={pipeline.pipeline_id} aria-current={current || undefined} className={current ? "pipeline-current" : undefined}>
                  <td>
                    <span className="lead-name">{pipeline.name}</span> {pipeline.is_default && <span className="badge">Default</span>}
                  </td>
                  <td className="numeric">{pipeline.stages.length}</td>
                  <td className="numeric">{leads}</td>
                  <td>
                    <div className="cell-actions">
                      <Button
                        className="btn-small"
                        aria-label={`Edit stages of ${pipeline.name}`}
                        aria-pressed={current}
                        onClick={() => onSelect(pipeline.pipeline_id)}
                      >
                        Edit stages
                      </Button>
                      {!pipeline.is_default && (
                        <>
                          <Button
                            variant="ghost"
                            className="btn-small"
                            aria-label={`Make default, ${pipeline.name}`}
                            busy={makeDefault.isPending && makeDefault.variables?.pipeline_id === pipeline.pipeline_id}
                            onClick={() => makeDefault.mutate(pipeline)}
                          >
                            Make default
                          </Button>
                          <Button
                            variant="ghost"
                            className="btn-small"
                            aria-label={`Delete pipeline ${pipeline.name}`}
                            onClick={() => {
                              setDeleteProblem(null);
                              setDeleting(pipeline);
                            }}
                          >
                            Delete
                          </Button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <form className="new-pipeline" onSubmit={submit} noValidate>
        <TextField
          label="New pipeline name"
          value={name}
          maxLength={80}
          error={nameError}
          hint="It starts with the usual stages: New, Contacted, Qualified, Closed Won, Closed Lost."
          onChange={(event) => setName(event.target.value)}
        />
        <Button type="submit" variant="primary" busy={create.isPending}>
          Create pipeline
        </Button>
      </form>
      {deleting && (
        <ConfirmDialog
          open
          title={`Delete pipeline ${deleting.name}?`}
          confirmLabel="Delete pipeline"
          busy={remove.isPending}
          onConfirm={() => remove.mutate(deleting)}
          onCancel={() => setDeleting(null)}
        >
          <p>Its stages go with it. A pipeline that still holds leads cannot be deleted: move or delete them first.</p>
          {deleteProblem && <Alert>{deleteProblem}</Alert>}
        </ConfirmDialog>
      )}
    </Card>
  );
}

function PipelineEditor({ pipeline }: { pipeline: Pipeline }) {
  const api = usePipelinesApi();
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  const [name, setName] = useState(pipeline.name);
  const [nameError, setNameError] = useState<string | undefined>();
  // A name typed but not saved; Rename shows the new name in the cache at once, so it stops counting then.
  useUnsavedChanges(name.trim() !== pipeline.name);
  const update = useMutation({
    mutationFn: (body: PipelineUpdate) => api.updatePipeline(pipeline.pipeline_id, body),
    meta: { inlineErrors: true },
    onMutate: (body) => {
      queryClient.setQueryData<Pipeline[]>(pipelineKeys.pipelines, (old) =>
        // The page sends values only (never null), so the body reads as a partial pipeline.
        old?.map((item) =>
          item.pipeline_id === pipeline.pipeline_id
            ? { ...item, ...(body as Partial<Pipeline>), is_default: item.is_default }
            : item,
        ),
      );
    },
    onSuccess: (saved) => toast.success(`Pipeline ${saved.name} saved`),
    onError: (error) => {
      setNameError(problemText(error));
      toast.error(problemText(error));
    },
    onSettled: refresh,
  });

  function rename(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError("Give the pipeline a name");
      return;
    }
    setNameError(undefined);
    if (trimmed !== pipeline.name) update.mutate({ name: trimmed });
  }

  return (
    <Card title={`Stages of ${pipeline.name}`}>
      <form className="pipeline-rename" onSubmit={rename} noValidate>
        <TextField label="Pipeline name" value={name} maxLength={80} error={nameError} onChange={(event) => setName(event.target.value)} />
        <Button type="submit" busy={update.isPending && update.variables?.name !== undefined} disabled={name.trim() === pipeline.name}>
          Rename pipeline
        </Button>
      </form>
      <DefaultValueForm key={pipeline.default_value ?? "none"} pipeline={pipeline} />
      <fieldset className="pipeline-charts">
        <legend>Dashboard charts</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={pipeline.show_in_pie}
            onChange={(event) => update.mutate({ show_in_pie: event.target.checked })}
          />
          Show this pipeline in the pie chart
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={pipeline.show_in_funnel}
            onChange={(event) => update.mutate({ show_in_funnel: event.target.checked })}
          />
          Show this pipeline in the funnel
        </label>
      </fieldset>
      <StagesTable pipeline={pipeline} />
    </Card>
  );
}

/** The value a win of this pipeline's leads starts with when the lead itself is worth 0. */
function DefaultValueForm({ pipeline }: { pipeline: Pipeline }) {
  const api = usePipelinesApi();
  const refresh = useRefresh();
  const currency = useProfile().tenant?.currency || "USD";
  const saved = pipeline.default_value == null ? "" : amountText(pipeline.default_value);
  const [text, setText] = useState(saved);
  const [error, setError] = useState<string | undefined>();
  // The value as last saved: the pipelines are read again only after the save, and the form follows them then.
  const [savedValue, setSavedValue] = useState(pipeline.default_value ?? null);
  useUnsavedChanges(defaultValueChanged(text, savedValue));
  const save = useMutation({
    mutationFn: (value: string | null) => api.updatePipeline(pipeline.pipeline_id, { default_value: value }),
    meta: { inlineErrors: true },
    onSuccess: (next) => {
      setSavedValue(next.default_value ?? null);
      toast.success(next.default_value == null ? `${next.name} has no default deal value now` : `Default deal value of ${next.name} saved`);
    },
    onError: (failure) => setError(problemText(failure)),
    onSettled: refresh,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = defaultValueBody(text);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(undefined);
    save.mutate(result.value);
  }

  return (
    <form className="pipeline-rename" onSubmit={submit} noValidate>
      <TextField
        label={`Default deal value (${currency})`}
        inputMode="decimal"
        value={text}
        error={error}
        hint="Offered when a lead worth 0 is won; leave it empty for none."
        onChange={(event) => setText(event.target.value)}
      />
      <Button type="submit" busy={save.isPending} disabled={text.trim() === saved}>
        Save default value
      </Button>
    </form>
  );
}
