import { Button } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { statusLabel, typeLabel } from "./labels";
import { isFinished, progressOf } from "./progress";
import type { BulkAction } from "./types";

export function StatusBadge({ action }: { action: BulkAction }) {
  return <span className={`bulk-status bulk-status-${action.status}`}>{statusLabel(action.status)}</span>;
}

/** Who started it: the name the API kept, else the person's name today. */
export function startedBy(action: BulkAction, userName: (userId: string) => string): string {
  return action.created_by_name || userName(action.created_by);
}

/** The log: newest first, one row per bulk action with its outcome's numbers and its details. */
export function BulkLogTable({
  actions,
  userName,
  onOpen,
}: {
  actions: readonly BulkAction[];
  userName: (userId: string) => string;
  onOpen: (bulkId: string) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="table bulk-log">
        <caption className="visually-hidden">Bulk actions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Records</th>
            <th scope="col">Started by</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Completed</th>
            <th scope="col" className="numeric">
              Succeeded
            </th>
            <th scope="col" className="numeric">
              Skipped
            </th>
            <th scope="col" className="numeric">
              Failed
            </th>
            <th scope="col" className="numeric">
              Forbidden
            </th>
            <th scope="col">
              <span className="visually-hidden">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {actions.map((action) => (
            <LogRow key={action.bulk_id} action={action} userName={userName} onOpen={onOpen} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LogRow({ action, userName, onOpen }: { action: BulkAction; userName: (userId: string) => string; onOpen: (bulkId: string) => void }) {
  const type = typeLabel(action.object, action.action);
  return (
    <tr>
      <td>{type}</td>
      <td>{action.scope}</td>
      <td>{startedBy(action, userName)}</td>
      <td>
        <StatusBadge action={action} />
        {!isFinished(action.status) && <span className="muted block">{progressOf(action).text}</span>}
      </td>
      <td>
        <time dateTime={action.created_at}>{formatDateTime(action.created_at)}</time>
      </td>
      <td>{action.completed_at ? <time dateTime={action.completed_at}>{formatDateTime(action.completed_at)}</time> : <span className="muted">—</span>}</td>
      <td className="numeric bulk-counts">{action.succeeded}</td>
      <td className="numeric bulk-counts">{action.skipped}</td>
      <td className="numeric bulk-counts">{action.failed}</td>
      <td className="numeric bulk-counts">{action.forbidden}</td>
      <td>
        <Button className="btn-small" aria-label={`Details of ${type}, ${formatDateTime(action.created_at)}`} onClick={() => onOpen(action.bulk_id)}>
          Details
        </Button>
      </td>
    </tr>
  );
}
