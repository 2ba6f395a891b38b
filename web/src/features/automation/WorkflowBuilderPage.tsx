import { useMemo, useState, type FormEvent } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Alert, Button, EmptyState, Spinner, TextField } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useUnsavedChanges } from "../../lib/useUnsavedChanges";
import { Tabs } from "../contacts/Tabs";
import { AutomationLocked } from "./AutomationLock";
import { BuilderContext, useBuilder, type Builder } from "./builderContext";
import { definitionOf, stepNumbers, TOP } from "./definition";
import { HistoryPanel } from "./HistoryPanel";
import { WebhookDeliveriesPanel } from "./WebhookDeliveriesPanel";
import { WebhookTriggerPanel } from "./WebhookTriggerPanel";
import { WORKFLOWS_PATH } from "./paths";
import { useWorkflow } from "./queries";
import { WorkflowStatusBadge } from "./StatusBadges";
import { StepList } from "./StepList";
import { TestRunDialog } from "./TestRunDialog";
import type { Workflow } from "./types";
import { useBuilderChoices } from "./useBuilderChoices";
import { liveIds, useWorkflowEditor } from "./useWorkflowEditor";
import { FiltersCard, SettingsCard, TriggerCard } from "./WorkflowCards";
import "../contacts/contacts.css";
import "./automation.css";

const BACK = (
  <Link to={WORKFLOWS_PATH} className="back-link">
    ← All workflows
  </Link>
);

/** Settings > Automation > a workflow: its builder and its history. */
export function WorkflowBuilderPage() {
  const { workflowId = "" } = useParams();
  const workflow = useWorkflow(workflowId);
  if (workflow.isPending) return <Spinner label="Loading the workflow" />;
  if (workflow.isError) {
    if (workflow.error instanceof ApiError && workflow.error.status === 404) {
      return (
        <EmptyState title="Workflow not found">
          <p>It may have been deleted, or the link is wrong. {BACK}</p>
        </EmptyState>
      );
    }
    return (
      <Alert title="The workflow could not be loaded" actions={<Button onClick={() => void workflow.refetch()}>Try again</Button>}>
        {errorMessage(workflow.error)}
      </Alert>
    );
  }
  return <WorkflowBuilder key={workflowId} initial={workflow.data} latest={workflow.data} />;
}

const TABS = [
  { key: "builder", label: "Builder" },
  { key: "history", label: "History" },
  { key: "deliveries", label: "Deliveries" },
] as const;

type TabKey = (typeof TABS)[number]["key"];

/**
 * `initial` is what the editor starts from (kept while editing); `latest` is the workflow as last
 * read, whose published version's counts the step cards show.
 */
function WorkflowBuilder({ initial, latest }: { initial: Workflow; latest: Workflow }) {
  const choices = useBuilderChoices(initial.workflow_id);
  const editor = useWorkflowEditor(initial, choices.fields);
  const [params, setParams] = useSearchParams();
  const tab: TabKey = TABS.find((entry) => entry.key === params.get("tab"))?.key ?? "builder";
  const [testing, setTesting] = useState(false);
  const steps = editor.draft.definition.steps;
  const numbers = useMemo(() => stepNumbers(steps ?? []), [steps]);
  const savedDraft = editor.saved.draft;
  const savedNumbers = useMemo(() => stepNumbers(definitionOf(savedDraft).steps ?? []), [savedDraft]);
  const live = useMemo(() => (latest.live_version ? new Set(liveIds(latest)) : null), [latest]);
  const builder: Builder = { editor, choices, numbers, counts: live ? (latest.step_counts ?? {}) : null, live };
  // While the draft differs from the one saved, leaving it (a link, Back, closing the tab) asks first.
  useUnsavedChanges(editor.dirty);

  return (
    <BuilderContext.Provider value={builder}>
      <div className="workflow-builder">
        <BuilderHeader onTest={() => setTesting(true)} />
        <BuilderNotices />
        <Tabs label="Workflow" tabs={TABS} selected={tab} onSelect={(key) => setParams(key === "builder" ? {} : { tab: key }, { replace: true })}>
          {tab === "builder" ? (
            <>
              <TriggerCard />
              {editor.draft.definition.trigger.type === "webhook" && (
                <section className="card" aria-labelledby="workflow-hook-heading">
                  <h2 id="workflow-hook-heading">Inbound webhook</h2>
                  <WebhookTriggerPanel workflowId={editor.saved.workflow_id} hookId={savedHookId(savedDraft)} />
                </section>
              )}
              <FiltersCard />
              <section className="card" aria-labelledby="workflow-steps-heading">
                <h2 id="workflow-steps-heading">Steps</h2>
                {editor.problems.steps && <p className="field-error">{editor.problems.steps}</p>}
                <StepList steps={steps ?? []} place={TOP} />
              </section>
              <SettingsCard />
            </>
          ) : tab === "history" ? (
            <HistoryPanel workflowId={editor.saved.workflow_id} numbers={savedNumbers} />
          ) : (
            <WebhookDeliveriesPanel workflowId={editor.saved.workflow_id} />
          )}
        </Tabs>
      </div>
      {testing && <TestRunDialog workflowId={editor.saved.workflow_id} dirty={editor.dirty} numbers={savedNumbers} onClose={() => setTesting(false)} />}
    </BuilderContext.Provider>
  );
}

/** The saved draft's webhook trigger's hook id (the API fills it in when the trigger is saved). */
function savedHookId(draft: Workflow["draft"]): string | null {
  const trigger = definitionOf(draft).trigger;
  return trigger.type === "webhook" ? (trigger.hook_id ?? null) : null;
}

function publishText(saved: Workflow): { title: string; body: string } {
  const next = saved.live_version + 1;
  if (saved.live_version === 0) {
    return {
      title: `Publish ${saved.name}?`,
      body: "From now on, everyone the trigger starts it for is enrolled and runs its steps (version 1).",
    };
  }
  const resume = saved.status === "paused" ? " It takes new enrolments again." : "";
  return {
    title: `Publish version ${next} of ${saved.name}?`,
    body: `New enrolments run version ${next}. The ${saved.active} already in it finish on the version they started on (v${saved.live_version}).${resume}`,
  };
}

/** Why Publish cannot be pressed now, or null when it can. */
function publishBlock(saved: Workflow, dirty: boolean, steps: number): string | null {
  if (dirty) return "save the draft first";
  if (steps === 0) return "add a step first";
  if (saved.status === "published" && !saved.changed_since_publish) return `change the draft first (it is version ${saved.live_version} as published)`;
  return null;
}

function BuilderHeader({ onTest }: { onTest: () => void }) {
  const { editor } = useBuilder();
  const { saved, dirty, busy } = editor;
  const [confirming, setConfirming] = useState(false);
  const savedSteps = definitionOf(saved.draft).steps?.length ?? 0;
  const why = publishBlock(saved, dirty, savedSteps);
  const text = publishText(saved);

  function submit(event: FormEvent) {
    event.preventDefault();
    void editor.save();
  }

  return (
    <form className="workflow-header" onSubmit={submit} noValidate aria-label="Workflow">
      {BACK}
      <div className="workflow-title-row">
        <h2>{saved.name}</h2>
        <WorkflowStatusBadge workflow={saved} />
        {saved.changed_since_publish && <span className="muted">Changed since version {saved.live_version} was published</span>}
        {dirty && <span className="unsaved">Unsaved changes</span>}
      </div>
      <p className="muted workflow-saved-at">Last saved {formatDateTime(saved.updated_at)}</p>
      <div className="workflow-header-row">
        <TextField
          label="Workflow name"
          className="workflow-name"
          maxLength={120}
          value={editor.draft.name}
          error={editor.problems.name}
          onChange={(event) => editor.edit({ type: "name", name: event.target.value })}
        />
        <div className="workflow-actions">
          <Button onClick={onTest}>Test run</Button>
          <Button type="submit" busy={busy === "save"} disabled={busy !== null && busy !== "save"}>
            Save draft
          </Button>
          {!editor.lock && (
            <Button variant="primary" busy={busy === "publish"} disabled={why !== null || busy !== null} title={why ? `To publish: ${why}` : undefined} onClick={() => setConfirming(true)}>
              Publish
            </Button>
          )}
          {saved.status === "published" && (
            <Button busy={busy === "pause"} disabled={busy !== null} onClick={() => void editor.pause()}>
              Pause
            </Button>
          )}
        </div>
      </div>
      {why && !editor.lock && <p className="field-hint workflow-publish-hint">To publish: {why}.</p>}
      <ConfirmDialog
        open={confirming}
        title={text.title}
        confirmLabel="Publish"
        tone="primary"
        busy={busy === "publish"}
        onConfirm={() => {
          setConfirming(false);
          void editor.publish();
        }}
        onCancel={() => setConfirming(false)}
      >
        <p>{text.body}</p>
      </ConfirmDialog>
    </form>
  );
}

function BuilderNotices() {
  const { editor } = useBuilder();
  return (
    <>
      {editor.lock && <AutomationLocked lock={editor.lock} />}
      {editor.conflict && (
        <Alert
          tone="warning"
          title="Someone else changed this workflow"
          actions={
            <Button variant="primary" busy={editor.busy === "reload"} onClick={() => void editor.reload()}>
              Reload
            </Button>
          }
        >
          Your changes were not saved. Reload to see their version, then make your changes again.
        </Alert>
      )}
      {editor.summary && <Alert title={editor.summary.title}>{editor.summary.message}</Alert>}
      {editor.saved.status === "paused" && (
        <Alert tone="info">Paused: no one new is enrolled, and those in it go on to its end. Publish it to take new enrolments again.</Alert>
      )}
    </>
  );
}
