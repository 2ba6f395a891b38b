import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { toast } from "../../components/toasts";
import { Alert, Button, EmptyState, Spinner } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useAutomationApi } from "./api";
import { AutomationLocked, useAutomationPlan } from "./AutomationLock";
import { triggerLabel, WORKFLOW_STATUS_LABELS } from "./labels";
import { NewWorkflowDialog } from "./NewWorkflowDialog";
import { WEBHOOKS_SETTINGS_PATH, workflowPath } from "./paths";
import { automationKeys, useWorkflows } from "./queries";
import { WorkflowStatusBadge } from "./StatusBadges";
import type { Workflow, WorkflowStatus } from "./types";
import "../work/followups/followups.css";
import "./automation.css";

const FILTERS: readonly { value: WorkflowStatus | null; label: string }[] = [
  { value: null, label: "All" },
  ...(Object.keys(WORKFLOW_STATUS_LABELS) as WorkflowStatus[]).map((status) => ({ value: status, label: WORKFLOW_STATUS_LABELS[status] })),
];

function statusParam(value: string | null): WorkflowStatus | null {
  return value === "draft" || value === "published" || value === "paused" ? value : null;
}

/** Settings > Automation: the workflows by status, a new one, and what can be done to each. */
export function WorkflowsPage() {
  const [params, setParams] = useSearchParams();
  const status = statusParam(params.get("status"));
  const plan = useAutomationPlan();
  const [creating, setCreating] = useState(false);
  const { grants } = useAuth();

  return (
    <>
      <div className="automation-intro">
        <div>
          <h2>Automation</h2>
          <p className="settings-intro">
            Workflows start when something happens to a lead or contact (a form is sent, a stage changes, a tag is added) and
            then run their steps for it: emails, tasks, owners, waits and branches.
          </p>
        </div>
        <div className="automation-intro-actions">
          {plan.allowed && grants.can(Permission.automationWebhookSecret) && (
            <Link to={WEBHOOKS_SETTINGS_PATH} className="btn btn-secondary">
              Webhook signing secret
            </Link>
          )}
          {plan.allowed && (
            <Button variant="primary" onClick={() => setCreating(true)}>
              New workflow
            </Button>
          )}
        </div>
      </div>
      {plan.lock && <AutomationLocked lock={plan.lock} />}
      <div className="segmented automation-filter" role="group" aria-label="Show workflows">
        {FILTERS.map((filter) => (
          <button
            key={filter.label}
            type="button"
            aria-pressed={status === filter.value}
            onClick={() => setParams(filter.value ? { status: filter.value } : {}, { replace: true })}
          >
            {filter.label}
          </button>
        ))}
      </div>
      <WorkflowResults status={status} mayCreate={plan.allowed} onCreate={() => setCreating(true)} />
      {creating && <NewWorkflowDialog onClose={() => setCreating(false)} />}
    </>
  );
}

function WorkflowResults({ status, mayCreate, onCreate }: { status: WorkflowStatus | null; mayCreate: boolean; onCreate: () => void }) {
  const workflows = useWorkflows(status);
  if (workflows.isPending) return <Spinner label="Loading the workflows" />;
  if (workflows.isError) {
    return (
      <Alert title="The workflows could not be loaded" actions={<Button onClick={() => void workflows.refetch()}>Try again</Button>}>
        {errorMessage(workflows.error)}
      </Alert>
    );
  }
  if (workflows.data.length === 0) {
    return status ? (
      <EmptyState title={`No ${WORKFLOW_STATUS_LABELS[status].toLowerCase()} workflows`} />
    ) : (
      <EmptyState title="No workflows yet">
        {mayCreate && (
          <>
            <p>Start with one that welcomes every new lead: an email, then a task to call them.</p>
            <Button variant="primary" onClick={onCreate}>
              Create a workflow
            </Button>
          </>
        )}
      </EmptyState>
    );
  }
  return <WorkflowsTable workflows={workflows.data} mayCreate={mayCreate} />;
}

type Action = "clone" | "pause" | "delete";

function useWorkflowActions(onDeleted: () => void) {
  const api = useAutomationApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ workflow, action }: { workflow: Workflow; action: Action }): Promise<Workflow | null> => {
      if (action === "clone") return api.cloneWorkflow(workflow.workflow_id);
      if (action === "pause") return api.pauseWorkflow(workflow.workflow_id, workflow.version);
      return api.deleteWorkflow(workflow.workflow_id);
    },
    onSuccess: async (result, { workflow, action }) => {
      if (action === "delete") {
        onDeleted();
        queryClient.removeQueries({ queryKey: automationKeys.workflow(workflow.workflow_id) });
      } else if (result) {
        queryClient.setQueryData(automationKeys.workflow(result.workflow_id), result);
      }
      await queryClient.invalidateQueries({ queryKey: automationKeys.workflows });
      const messages: Record<Action, string> = {
        clone: `Copied ${workflow.name} as a new draft`,
        pause: `${workflow.name} is paused: no one new is enrolled, and those in it go on to its end`,
        delete: `${workflow.name} was deleted`,
      };
      toast.success(messages[action]);
      if (action === "clone" && result) navigate(workflowPath(result.workflow_id));
    },
    onError: (_error, { action }) => {
      if (action === "delete") onDeleted();
      // A refusal (someone paused or changed it meanwhile) shows its message; the list catches up.
      void queryClient.invalidateQueries({ queryKey: automationKeys.workflows });
    },
  });
}

function WorkflowsTable({ workflows, mayCreate }: { workflows: readonly Workflow[]; mayCreate: boolean }) {
  const [deleting, setDeleting] = useState<Workflow | null>(null);
  const act = useWorkflowActions(() => setDeleting(null));
  const busy = (workflow: Workflow, action: Action) =>
    act.isPending && act.variables?.workflow.workflow_id === workflow.workflow_id && act.variables.action === action;

  return (
    <>
      <div className="table-wrap">
        <table className="table workflows-table">
          <caption className="visually-hidden">Workflows, newest change first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Trigger</th>
              <th scope="col" className="numeric">
                Enrolled
              </th>
              <th scope="col" className="numeric">
                Active now
              </th>
              <th scope="col">Last updated</th>
              <th scope="col">Created</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {workflows.map((workflow) => (
              <tr key={workflow.workflow_id}>
                <td>
                  <Link to={workflowPath(workflow.workflow_id)} className="lead-name">
                    {workflow.name}
                  </Link>
                  {workflow.changed_since_publish && <span className="muted block">Changed since it was published</span>}
                </td>
                <td>
                  <WorkflowStatusBadge workflow={workflow} />
                </td>
                <td>{triggerLabel(workflow.trigger_type)}</td>
                <td className="numeric">{workflow.enrolled}</td>
                <td className="numeric">{workflow.active}</td>
                <td className="nowrap">
                  <time dateTime={workflow.updated_at}>{formatDateTime(workflow.updated_at)}</time>
                </td>
                <td className="nowrap">
                  <time dateTime={workflow.created_at}>{formatDateTime(workflow.created_at)}</time>
                </td>
                <td>
                  <div className="cell-actions workflow-actions">
                    <Link className="btn btn-secondary btn-small" to={workflowPath(workflow.workflow_id)} aria-label={`Edit ${workflow.name}`}>
                      Edit
                    </Link>
                    {mayCreate && (
                      <Button className="btn-small" aria-label={`Clone ${workflow.name}`} busy={busy(workflow, "clone")} onClick={() => act.mutate({ workflow, action: "clone" })}>
                        Clone
                      </Button>
                    )}
                    {workflow.status === "published" && (
                      <Button className="btn-small" aria-label={`Pause ${workflow.name}`} busy={busy(workflow, "pause")} onClick={() => act.mutate({ workflow, action: "pause" })}>
                        Pause
                      </Button>
                    )}
                    {workflow.status !== "published" && (
                      <Button variant="ghost" className="btn-small" aria-label={`Delete ${workflow.name}`} onClick={() => setDeleting(workflow)}>
                        Delete
                      </Button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? "this workflow"}?`}
        confirmLabel="Delete workflow"
        busy={act.isPending && act.variables?.action === "delete"}
        onConfirm={() => deleting && act.mutate({ workflow: deleting, action: "delete" })}
        onCancel={() => setDeleting(null)}
      >
        <p>The workflow and its history go. Contacts and leads it changed keep those changes.</p>
      </ConfirmDialog>
    </>
  );
}
