import { progressOf } from "./progress";
import type { BulkAction } from "./types";

/**
 * A running action's progress: processed of total once the run has found every record (the bar's
 * maximum), and until then how many it has found, with no maximum and no percentage.
 */
export function ProgressPanel({ action }: { action: BulkAction }) {
  const progress = progressOf(action);
  return (
    <div className="bulk-progress">
      <div
        className={`bulk-progress-bar ${progress.known ? "" : "bulk-progress-indeterminate"}`}
        role="progressbar"
        aria-label="Progress of the bulk action"
        aria-valuemin={0}
        aria-valuemax={progress.max ?? undefined}
        aria-valuenow={progress.known ? progress.value : undefined}
        aria-valuetext={progress.text}
        data-testid="bulk-progress"
      >
        <div className="bulk-progress-fill" style={progress.percent === null ? undefined : { width: `${progress.percent}%` }} />
      </div>
      <p className="bulk-progress-text" aria-live="polite">
        {progress.text}
        {progress.percent !== null && <span className="muted"> · {progress.percent}%</span>}
      </p>
    </div>
  );
}
