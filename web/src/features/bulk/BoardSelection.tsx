import { Button } from "../../components/ui";
import type { Pipeline } from "../pipelines/types";
import { BulkBar } from "./BulkBar";
import { SelectAllBanner } from "./SelectAllBanner";
import { PageCheckbox } from "./SelectionCells";
import type { BoardSelection } from "./useBoardSelection";
import "./bulk.css";

/** "Select": shows a checkbox on every card (pressed again, hides them and clears the selection). */
export function BoardSelectToggle({ state }: { state: BoardSelection }) {
  if (!state.available) return null;
  return (
    <Button aria-pressed={state.selecting} data-testid="board-select" onClick={state.toggle}>
      {state.selecting ? "Done selecting" : "Select"}
    </Button>
  );
}

/** While selecting: every card shown at once, and then every lead matching the board's filters. */
export function BoardSelectTools({ state }: { state: BoardSelection }) {
  if (!state.available || !state.selecting || !state.rows) return null;
  const rows = state.rows;
  return (
    <>
      <div className="board-select-bar">
        <label>
          <PageCheckbox state={rows.page} label={rows.pageLabel} onChange={rows.onTogglePage} />
          <span aria-hidden="true">Select every card shown ({state.cardIds.length})</span>
        </label>
      </div>
      <SelectAllBanner
        selection={state.bulk.selection}
        pageIds={state.cardIds}
        where="on the board"
        onSelectMatching={state.bulk.selectMatching}
        onClear={state.bulk.clear}
      />
    </>
  );
}

/** The bulk bar under the board, while selecting; a move offers the stages of the board's pipeline. */
export function BoardBulkBar({ state, pipeline }: { state: BoardSelection; pipeline: Pipeline | undefined }) {
  if (!state.available || !state.selecting) return null;
  return <BulkBar selection={state.bulk.selection} matching={state.matching} onClear={state.bulk.clear} pipeline={pipeline} />;
}
