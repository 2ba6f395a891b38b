import { countItems, formatCount } from "./report";
import type { ImportCounts as Counts } from "./types";

/** The live counts (run step) and the final ones (report): one tile per count. */
export function ImportCounts({ counts, createsLeads }: { counts: Counts; createsLeads: boolean }) {
  return (
    <dl className="import-counts" data-testid="import-counts" aria-live="polite">
      {countItems(counts, createsLeads).map((item) => (
        <div key={item.key} className={`import-count import-count-${item.key}`} data-testid={item.testId}>
          <dt>{item.label}</dt>
          <dd>{formatCount(item.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
