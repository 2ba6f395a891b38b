import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { Alert, Button, Spinner } from "../../components/ui";
import { FileStep } from "./FileStep";
import { MappingStep } from "./MappingStep";
import { IMPORTS_PATH, NEW_IMPORT_PATH } from "./paths";
import { useImport } from "./queries";
import { ReportStep } from "./ReportStep";
import { RunStep } from "./RunStep";
import { stepOf, type WizardStep } from "./status";
import { StatusBadge } from "./StatusBadge";
import type { Import } from "./types";
import "./imports.css";

const STEPS = [
  { label: "Choose a file", steps: ["checking", "rejected"] },
  { label: "Map the columns", steps: ["map"] },
  { label: "Import", steps: ["run"] },
  { label: "Report", steps: ["report"] },
] as const satisfies readonly { label: string; steps: readonly WizardStep[] }[];

function StepList({ current }: { current: WizardStep | "file" }) {
  const index = current === "file" ? 0 : STEPS.findIndex((step) => (step.steps as readonly WizardStep[]).includes(current));
  return (
    <ol className="import-steps" aria-label="Import steps">
      {STEPS.map((step, position) => (
        <li
          key={step.label}
          className={position === index ? "import-step-current" : position < index ? "import-step-done" : ""}
          aria-current={position === index ? "step" : undefined}
        >
          <span className="import-step-number" aria-hidden="true">
            {position + 1}
          </span>
          {step.label}
        </li>
      ))}
    </ol>
  );
}

function WizardFrame({ title, status, step, children }: { title: string; status?: string; step: WizardStep | "file"; children: ReactNode }) {
  return (
    <section className="import-wizard" aria-labelledby="import-title">
      <Link className="back-link" to={IMPORTS_PATH}>
        ← All imports
      </Link>
      <div className="import-title-row">
        <h2 id="import-title" className="import-title">
          {title}
        </h2>
        {status && <StatusBadge status={status} />}
      </div>
      <StepList current={step} />
      {children}
    </section>
  );
}

/** /settings/imports/new: the file step, until the server has checked the file. */
export function NewImportPage() {
  return (
    <WizardFrame title="Import a file" step="file">
      <FileStep />
    </WizardFrame>
  );
}

/** /settings/imports/:importId: the import at whatever step it is (a reload, or coming back later, lands there). */
export function ImportWizardPage() {
  const { importId = "" } = useParams();
  const query = useImport(importId);
  if (query.isPending) return <Spinner label="Loading the import" />;
  if (query.isError && !query.data) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Alert
        title={missing ? "This import cannot be found" : "The import could not be loaded"}
        actions={
          missing ? (
            <Link className="btn btn-secondary" to={IMPORTS_PATH}>
              All imports
            </Link>
          ) : (
            <Button onClick={() => void query.refetch()}>Try again</Button>
          )
        }
      >
        {errorMessage(query.error)}
      </Alert>
    );
  }
  const item = query.data;
  const step = stepOf(item.status);
  return (
    <WizardFrame title={item.file_name} status={item.status} step={step}>
      <StepView item={item} step={step} />
    </WizardFrame>
  );
}

function StepView({ item, step }: { item: Import; step: WizardStep }) {
  switch (step) {
    case "checking":
      return <CheckingView item={item} />;
    case "rejected":
      return <RejectedView item={item} />;
    case "map":
      return <MappingStep key={item.import_id} item={item} />;
    case "run":
      return <RunStep item={item} />;
    default:
      return <ReportStep item={item} />;
  }
}

function ChooseAnother() {
  return (
    <Link className="btn btn-primary" to={NEW_IMPORT_PATH}>
      Choose another file
    </Link>
  );
}

function CheckingView({ item }: { item: Import }) {
  if (item.status === "inspecting") return <Spinner label="Checking the file" />;
  return (
    <>
      <Spinner label="Waiting for the file to arrive" />
      <p className="muted">
        If the page was left or reloaded before the upload finished, the file never arrived: choose it again.
      </p>
      <div className="settings-actions">
        <ChooseAnother />
      </div>
    </>
  );
}

function RejectedView({ item }: { item: Import }) {
  return (
    <div className="import-rejected" data-testid="import-rejected">
      <Alert title="This file cannot be imported" actions={<ChooseAnother />}>
        {item.problem ?? "The file could not be read."}
      </Alert>
    </div>
  );
}
