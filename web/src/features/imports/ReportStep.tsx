import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/errors";
import { Alert, Button, Card } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useImportsApi } from "./api";
import { ImportCounts } from "./ImportCounts";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { mappedColumns } from "./mapping";
import { CREATES_CHOICES, DUPLICATE_CHOICES } from "./options";
import { IMPORTS_PATH, NEW_IMPORT_PATH } from "./paths";
import { useTargets } from "./queries";
import {
  durationText,
  overLimitText,
  problemsLabel,
  reportTitle,
  runProgress,
  undoConfirmText,
  undoneText,
  undoState,
} from "./report";
import type { Import } from "./types";
import { useImportAction } from "./useImportAction";

/** A clock for "undo is possible until", moving every minute. */
function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Step 4 (done, cancelled, failed, undone): what the import did, the problems file, the mapping used, undo. */
export function ReportStep({ item }: { item: Import }) {
  return (
    <div className="import-report" data-testid="import-report">
      <Outcome item={item} />
      <Card title={reportTitle(item.status)}>
        <ImportCounts counts={item.counts} createsLeads={item.options?.creates === "leads"} />
        {overLimitText(item.counts) && <p className="muted">{overLimitText(item.counts)}</p>}
        <ReportFacts item={item} />
        <div className="settings-actions">
          {item.problem_rows > 0 && <ProblemsButton importId={item.import_id} rows={item.problem_rows} />}
          <Link className="btn btn-secondary" to={NEW_IMPORT_PATH}>
            Import another file
          </Link>
          <Link className="btn btn-ghost" to={IMPORTS_PATH}>
            All imports
          </Link>
        </div>
      </Card>
      <UndoCard item={item} />
      <MappingUsed item={item} />
    </div>
  );
}

function Outcome({ item }: { item: Import }) {
  if (item.status === "failed") {
    return (
      <Alert title="The import stopped before the end">
        {item.problem ?? "Something went wrong while importing."} The rows imported before it stopped stay.
      </Alert>
    );
  }
  if (item.status === "cancelled") {
    return (
      <Alert tone="info" title="The import was cancelled">
        The rows imported before it stopped stay.
      </Alert>
    );
  }
  if (item.status === "undone") {
    return (
      <Alert tone="info">
        <span data-testid="undone-note">{undoneText(item, formatDateTime)}</span>
      </Alert>
    );
  }
  return null;
}

function ReportFacts({ item }: { item: Import }) {
  const options = item.options;
  const rows: [string, string][] = [
    ["File", item.file_name],
    ["Run by", item.created_by_name ?? "Someone"],
    ["Started", formatDateTime(item.started_at)],
    ["Finished", formatDateTime(item.finished_at)],
    ["Took", durationText(item.duration_seconds)],
    ["Rows read", runProgress(item.counts).text],
  ];
  if (options) {
    rows.push(["Rows created", CREATES_CHOICES.find((choice) => choice.value === options.creates)?.label ?? ""]);
    rows.push(["Existing contacts", DUPLICATE_CHOICES.find((choice) => choice.value === options.duplicate_rule)?.label ?? ""]);
    if (options.tags?.length) rows.push(["Tags added", options.tags.join(", ")]);
  }
  return (
    <dl className="details import-facts">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label} className="detail-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

/** The link is presigned (10 minutes): asked for at the click, then opened as a download. */
function ProblemsButton({ importId, rows }: { importId: string; rows: number }) {
  const api = useImportsApi();
  const problems = useMutation({
    mutationFn: () => api.problems(importId),
    onSuccess: (file) => openDownload(file.url),
  });
  return (
    <Button busy={problems.isPending} onClick={() => problems.mutate()} data-testid="download-problems">
      {problemsLabel(rows)}
    </Button>
  );
}

function openDownload(url: string): void {
  const link = document.createElement("a");
  link.href = url;
  link.download = "";
  link.rel = "noopener";
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

function UndoCard({ item }: { item: Import }) {
  const now = useNow();
  const undo = useImportAction(item.import_id, "undo");
  const [confirming, setConfirming] = useState(false);
  const state = undoState(item, now);
  if (state.kind !== "available") return null;
  return (
    <Card title="Undo">
      <p className="muted">You can undo this import until {formatDateTime(state.until)}.</p>
      {undo.isError && <Alert>{errorMessage(undo.error)}</Alert>}
      <div className="settings-actions">
        <Button variant="danger" onClick={() => setConfirming(true)} data-testid="undo-import">
          Undo this import
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Undo this import?"
        confirmLabel="Undo import"
        confirmTestId="confirm-dialog"
        cancelLabel="Keep it"
        busy={undo.isPending}
        onConfirm={() => undo.mutate(undefined, { onSettled: () => setConfirming(false) })}
        onCancel={() => setConfirming(false)}
      >
        <p>{undoConfirmText(item.counts)}</p>
      </ConfirmDialog>
    </Card>
  );
}

function MappingUsed({ item }: { item: Import }) {
  const targets = useTargets(item.mapping.length > 0);
  if (item.mapping.length === 0) return null;
  const columns = mappedColumns(item.header, item.mapping, targets.data ?? []);
  return (
    <Card title="Mapping used">
      <div className="table-wrap">
        <table className="table import-mapping-used" data-testid="mapping-used">
          <caption className="visually-hidden">Each column of the file and the field it was imported into</caption>
          <thead>
            <tr>
              <th scope="col">Column in the file</th>
              <th scope="col">Imported into</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((column) => (
              <tr key={column.index}>
                <th scope="row">{column.header}</th>
                <td className={column.skipped ? "muted" : ""}>{column.target}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
