import { errorMessage } from "../../api/errors";
import { Alert, Button, Spinner } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { BulkModal } from "./BulkModal";
import { startedBy, StatusBadge } from "./BulkLogTable";
import { BulkSummary } from "./BulkSummary";
import { paramsWords, typeLabel } from "./labels";
import { isFinished } from "./progress";
import { ProgressPanel } from "./ProgressPanel";
import { useBulkAction } from "./queries";
import type { BulkAction } from "./types";

/** One bulk action in full: what, on which records, by whom, when; its progress or its outcome with the records not changed. */
export function BulkDetailDialog({ bulkId, userName, onClose }: { bulkId: string; userName: (userId: string) => string; onClose: () => void }) {
  const query = useBulkAction(bulkId);
  return (
    <BulkModal title={query.data ? typeLabel(query.data.object, query.data.action) : "Bulk action"} wide onClose={onClose}>
      <div className="dialog-body">
        {query.isPending && <Spinner label="Loading the bulk action" />}
        {query.isError && <Alert title="The bulk action could not be loaded">{errorMessage(query.error)}</Alert>}
        {query.data && <Details action={query.data} userName={userName} />}
      </div>
      <div className="dialog-actions">
        <Button variant="primary" onClick={onClose}>
          Close
        </Button>
      </div>
    </BulkModal>
  );
}

function Details({ action, userName }: { action: BulkAction; userName: (userId: string) => string }) {
  const params = paramsWords(action.action, action.params, userName);
  return (
    <>
      <dl className="bulk-facts">
        <dt>Records</dt>
        <dd>{action.scope}</dd>
        {params && (
          <>
            <dt>Details</dt>
            <dd>{params}</dd>
          </>
        )}
        <dt>Started by</dt>
        <dd>{startedBy(action, userName)}</dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge action={action} />
        </dd>
        <dt>Created</dt>
        <dd>{formatDateTime(action.created_at)}</dd>
        <dt>Completed</dt>
        <dd>{action.completed_at ? formatDateTime(action.completed_at) : "Not yet"}</dd>
      </dl>
      {isFinished(action.status) ? <BulkSummary action={action} problems /> : <ProgressPanel action={action} />}
    </>
  );
}
