import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { Alert, Button, Card, Spinner, TextField } from "../../components/ui";
import { useUsers } from "../accounts/queries";
import type { User } from "../accounts/types";
import { usePipelines } from "../pipelines/queries";
import type { Pipeline } from "../pipelines/types";
import { useImportsApi } from "./api";
import { ColumnMapping } from "./ColumnMapping";
import {
  applyTemplate,
  appliedText,
  hasMappingProblems,
  initialMapping,
  mappingProblems,
  MISSING_IDENTITY,
  withColumn,
} from "./mapping";
import { DEFAULT_DRAFT, draftFromOptions, MAX_TEMPLATE_NAME, optionProblems, startBody, withDefaultPlace, type OptionsDraft } from "./options";
import { OptionsForm } from "./OptionsForm";
import { fileFacts } from "./preview";
import { NEW_IMPORT_PATH } from "./paths";
import { importKeys, useTargets, useTemplates } from "./queries";
import { NO_START_ERRORS, startErrors, type StartErrors } from "./startErrors";
import { TemplatePicker } from "./TemplatePicker";
import type { Import, ImportTemplate, Target } from "./types";

/** Step 2 (status ready): map each column to a field, choose the options, start. */
export function MappingStep({ item }: { item: Import }) {
  const targets = useTargets();
  const templates = useTemplates();
  const pipelines = usePipelines();
  const users = useUsers();
  if (targets.isPending) return <Spinner label="Loading the fields" />;
  if (targets.isError) {
    return (
      <Alert title="The fields could not be loaded" actions={<Button onClick={() => void targets.refetch()}>Try again</Button>}>
        {errorMessage(targets.error)}
      </Alert>
    );
  }
  const active = (users.data ?? []).filter((user) => user.status === "active").sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email));
  return (
    <MappingForm
      item={item}
      targets={targets.data}
      templates={templates.data ?? []}
      pipelines={pipelines.data ?? []}
      users={active}
    />
  );
}

function MappingForm({
  item,
  targets,
  templates,
  pipelines,
  users,
}: {
  item: Import;
  targets: Target[];
  templates: readonly ImportTemplate[];
  pipelines: readonly Pipeline[];
  users: readonly User[];
}) {
  const [mapping, setMapping] = useState(() => initialMapping(item.header, item.proposed, targets));
  const [draft, setDraft] = useState<OptionsDraft>(DEFAULT_DRAFT);
  const [saveAs, setSaveAs] = useState("");
  const [checked, setChecked] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [server, setServer] = useState<StartErrors>(NO_START_ERRORS);
  const start = useStart(item.import_id, setServer);

  const shown = useMemo(() => withDefaultPlace(draft, pipelines), [draft, pipelines]);
  const problems = mappingProblems(mapping, item.header, targets);
  const options = optionProblems(shown, saveAs);
  const columnErrors = { ...server.columns, ...problems.columns };
  const optionErrors = { ...(checked ? options : {}), ...server.options };

  function changeColumn(index: number, key: string) {
    setMapping((current) => withColumn(current, index, key));
    setServer((current) => {
      const columns = { ...current.columns };
      delete columns[index];
      return { ...current, columns };
    });
    setNote(null);
  }

  function changeOptions(patch: Partial<OptionsDraft>) {
    setDraft((current) => ({ ...withDefaultPlace(current, pipelines), ...patch }));
    setServer((current) => ({ ...current, options: {} }));
  }

  function apply(template: ImportTemplate) {
    const applied = applyTemplate(item.header, mapping, template, targets);
    setMapping(applied.mapping);
    setDraft((current) =>
      draftFromOptions(
        template.options,
        {
          pipeline: (id) => pipelines.some((p) => p.pipeline_id === id),
          stage: (pipelineId, stageId) => pipelines.some((p) => p.pipeline_id === pipelineId && p.stages.some((s) => s.stage_id === stageId)),
          user: (id) => users.some((user) => user.user_id === id),
        },
        current,
      ),
    );
    setNote(appliedText(template.name, applied, item.header.length));
  }

  function submit() {
    setChecked(true);
    if (hasMappingProblems(problems) || Object.keys(options).length > 0) {
      setServer({ ...NO_START_ERRORS, summary: "Some columns or options need a look before the import can start: see the messages below." });
      return;
    }
    setServer(NO_START_ERRORS);
    start.mutate(startBody(mapping, shown, saveAs));
  }

  return (
    <form
      className="import-map"
      noValidate
      aria-label="Map the columns and start the import"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {server.summary && (
        <Alert title="The import cannot start yet">
          <span data-testid="start-error">{server.summary}</span>
        </Alert>
      )}
      <Card title="Columns">
        <p className="muted import-file-facts">{fileFacts(item)}</p>
        <p className="settings-note">
          Each column goes to the field chosen here, or is left out. The choices are proposed from the column names (or from
          the newest saved mapping that names every column); check them against the first values.
        </p>
        <TemplatePicker templates={templates} onApply={apply} />
        {note && (
          <p className="import-template-note" role="status">
            {note}
          </p>
        )}
        {problems.missingIdentity && (
          <Alert tone="warning">
            <span data-testid="identity-warning">{MISSING_IDENTITY}</span>
          </Alert>
        )}
        <ColumnMapping item={item} targets={targets} mapping={mapping} errors={columnErrors} onChange={changeColumn} />
      </Card>
      <Card title="Options">
        <OptionsForm draft={shown} onChange={changeOptions} errors={optionErrors} pipelines={pipelines} users={users} />
      </Card>
      <div className="import-start">
        <TextField
          label="Save this mapping as (optional)"
          value={saveAs}
          maxLength={MAX_TEMPLATE_NAME}
          placeholder="HubSpot contacts export"
          hint="Saved with the options, to apply to the next file with the same columns."
          error={optionErrors.save_template}
          onChange={(event) => setSaveAs(event.target.value)}
        />
        <div className="form-actions">
          <Link className="btn btn-ghost" to={NEW_IMPORT_PATH}>
            Choose another file
          </Link>
          <Button type="submit" variant="primary" busy={start.isPending} data-testid="start-import">
            Start import
          </Button>
        </div>
      </div>
    </form>
  );
}

function useStart(importId: string, onErrors: (errors: StartErrors) => void) {
  const api = useImportsApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReturnType<typeof startBody>) => api.start(importId, body),
    meta: { inlineErrors: true },
    onSuccess: (started) => {
      queryClient.setQueryData(importKeys.one(importId), started);
      window.scrollTo({ top: 0 });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: importKeys.all }),
        queryClient.invalidateQueries({ queryKey: importKeys.templates }),
      ]);
    },
    onError: (error) => {
      onErrors(startErrors(error));
      // Started elsewhere meanwhile (409): the page follows the import where it is.
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: importKeys.one(importId) });
    },
  });
}
