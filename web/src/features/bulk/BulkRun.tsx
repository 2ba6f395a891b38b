import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link } from "react-router";
import { Button } from "../../components/ui";
import { BulkSummary } from "./BulkSummary";
import { isFinished } from "./progress";
import { ProgressPanel } from "./ProgressPanel";
import { afterBulkAction, useBulkAction } from "./queries";
import type { BulkAction } from "./types";

export const LOG_PATH = "/settings/bulk-actions";

/**
 * A started action: its progress, read again every 1.5 s while it runs, then its outcome. The lists it
 * changed are read again once it is over.
 */
export function BulkRun({ started, onClose }: { started: BulkAction; onClose: () => void }) {
  const queryClient = useQueryClient();
  const current = useBulkAction(started.bulk_id);
  const action = current.data ?? started;
  const finished = isFinished(action.status);
  const refreshed = useRef(false);
  useEffect(() => {
    if (!finished || refreshed.current) return;
    refreshed.current = true;
    void afterBulkAction(queryClient, action.object);
  }, [finished, queryClient, action.object]);

  return (
    <>
      <div className="dialog-body">
        {finished ? (
          <BulkSummary action={action} />
        ) : (
          <>
            <ProgressPanel action={action} />
            <p className="muted">You can close this: the action goes on, and Settings › Bulk actions shows how it ends.</p>
          </>
        )}
      </div>
      <div className="dialog-actions bulk-run-actions">
        <Link to={`${LOG_PATH}?bulk=${encodeURIComponent(action.bulk_id)}`} className="bulk-log-link">
          See all bulk actions
        </Link>
        <Button variant={finished ? "primary" : "secondary"} onClick={onClose}>
          Close
        </Button>
      </div>
    </>
  );
}
