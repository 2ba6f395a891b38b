import { useState } from "react";
import { errorMessage } from "../../api/errors";
import { Alert, Button } from "../../components/ui";
import { ImportCounts } from "./ImportCounts";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ProgressBar } from "./ProgressBar";
import { plural, runHeadline, runProgress } from "./report";
import type { Import } from "./types";
import { useImportAction } from "./useImportAction";

/** Step 3 (queued, running, undoing): the progress and the live counts; a running import can be cancelled. */
export function RunStep({ item }: { item: Import }) {
  const cancel = useImportAction(item.import_id, "cancel");
  const [confirming, setConfirming] = useState(false);
  const undoing = item.status === "undoing";
  const progress = runProgress(item.counts);
  return (
    <section className="import-run" aria-label="Progress">
      <p className="import-run-headline" role="status">
        <span className="spinner spinner-small" aria-hidden="true" />
        <strong>{runHeadline(item.status, cancel.isSuccess)}</strong>
      </p>
      {undoing ? (
        <p className="muted">
          Deleting the {plural(item.counts.created, "contact", "contacts")} and {plural(item.counts.leads_created, "lead", "leads")} this
          import created. This page updates by itself.
        </p>
      ) : (
        <>
          <ProgressBar label="Rows read" value={progress.value} max={progress.max} text={progress.text} testId="import-progress" />
          <ImportCounts counts={item.counts} createsLeads={item.options?.creates === "leads"} />
          <p className="muted">The import runs on our side: you can leave this page and come back; its report waits here.</p>
          {cancel.isError && <Alert>{errorMessage(cancel.error)}</Alert>}
          <div className="settings-actions">
            <Button variant="danger" disabled={cancel.isSuccess} onClick={() => setConfirming(true)} data-testid="cancel-import">
              Cancel import
            </Button>
          </div>
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title="Cancel this import?"
        confirmLabel="Cancel import"
        confirmTestId="confirm-dialog"
        cancelLabel="Keep importing"
        busy={cancel.isPending}
        onConfirm={() => cancel.mutate(undefined, { onSettled: () => setConfirming(false) })}
        onCancel={() => setConfirming(false)}
      >
        <p>
          The import stops after the rows it is working on. What it has imported so far stays; the report then offers to undo
          it.
        </p>
      </ConfirmDialog>
    </section>
  );
}
