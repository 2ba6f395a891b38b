import { Button } from "../../components/ui";
import { offersMatching, type Selection } from "./selection";

/**
 * Once the whole page is selected: "All 25 on this page are selected. Select all matching this
 * filter", which takes every record the list's filters match; then says so, with a way back.
 */
export function SelectAllBanner({
  selection,
  pageIds,
  where = "on this page",
  onSelectMatching,
  onClear,
}: {
  selection: Selection;
  pageIds: readonly string[];
  /** Where the rows are: "on this page", "on the board". */
  where?: string;
  onSelectMatching: () => void;
  onClear: () => void;
}) {
  const offer = offersMatching(selection, pageIds);
  if (!offer && !selection.matching) return null;
  return (
    <div className="bulk-banner" aria-live="polite">
      {selection.matching ? (
        <>
          <span>All matching records selected: every page, not only this one.</span>
          <Button variant="ghost" className="btn-small" onClick={onClear}>
            Clear selection
          </Button>
        </>
      ) : (
        <>
          <span>
            All {pageIds.length} {where} are selected.
          </span>
          <Button variant="ghost" className="btn-small bulk-banner-action" data-testid="select-all-matching" onClick={onSelectMatching}>
            Select all matching this filter
          </Button>
        </>
      )}
    </div>
  );
}
