import { Link } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Alert, SelectField, Spinner } from "../../components/ui";
import type { PublishedWorkflow } from "../enrolments/types";

/**
 * The published workflow to add the records to. With none published there is nothing to choose, so
 * it says who can publish one (the dialog cannot be confirmed then).
 */
export function WorkflowField({
  workflows,
  problem,
  chosen,
  error,
  onChoose,
}: {
  /** Undefined while they load. */
  workflows: readonly PublishedWorkflow[] | undefined;
  /** Why they could not be loaded. */
  problem: string | null;
  chosen: string;
  error: string | undefined;
  onChoose: (workflowId: string) => void;
}) {
  const manages = useAuth().grants.can(Permission.automationManage);
  if (problem) return <Alert title="The published workflows could not be loaded">{problem}</Alert>;
  if (!workflows) return <Spinner label="Loading the published workflows" />;
  if (workflows.length === 0) {
    return (
      <Alert tone="info" title="No workflow is published yet">
        {manages ? (
          <>
            Publish one in <Link to="/settings/automation">Settings › Automation</Link>, then add these records to it.
          </>
        ) : (
          "Ask an Admin or a Manager to publish one, then add these records to it."
        )}
      </Alert>
    );
  }
  return (
    <SelectField
      label="Workflow"
      options={[{ value: "", label: "Choose a workflow" }, ...workflows.map((workflow) => ({ value: workflow.workflow_id, label: workflow.name }))]}
      value={chosen}
      error={error}
      hint="Records already in it are skipped, unless the workflow allows re-enrolment."
      onChange={(event) => onChoose(event.target.value)}
    />
  );
}
