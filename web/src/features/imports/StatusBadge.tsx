import { statusLabel, statusTone } from "./status";

/** An import's status as the list and the wizard's header show it. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge import-status import-status-${statusTone(status)}`} data-testid="import-status">
      {statusLabel(status)}
    </span>
  );
}
