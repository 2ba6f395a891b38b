import { useCallback, useId, useState, type DragEvent, type ReactNode } from "react";
import { Link } from "react-router";
import { Button } from "../../components/ui";
import { formatDateTime, formatMoney, sourceLabel } from "../../lib/format";
import { RowCheckbox, type RowSelection } from "../bulk/SelectionCells";
import { canDropOn, formatAge, formatCardValue, leadCount, moveTargets } from "./boardModel";
import { MoveMenu } from "./MoveMenu";
import type { Board, BoardCard, BoardColumn } from "./types";

const DRAG_TYPE = "application/x-convertly-lead";

interface Refocus {
  leadId: string;
  stageId: string | null;
}

export interface BoardActions {
  currency: string;
  ownerName: (ownerId: string | null) => string;
  mayMove: (card: BoardCard) => boolean;
  moving: ReadonlySet<string>;
  loadingMore: ReadonlySet<string>;
  searching: boolean;
  /**
   * A move that asks first (a win's value, a loss's reason) returns a promise settled when its dialog
   * is gone, with the stage the card is in then.
   */
  onMove: (card: BoardCard, toStageId: string) => Promise<string | null> | void;
  onLoadMore: (stageId: string) => void;
  /** Something more on each card (its AI score, while the board is sorted by score). */
  badge?: (card: BoardCard) => ReactNode;
}

/** The columns side by side; cards are dragged between them (HTML5 drag and drop) or moved with "Move". */
export function BoardView({ board, actions, selection }: { board: Board; actions: BoardActions; selection?: RowSelection }) {
  const [dragging, setDragging] = useState<BoardCard | null>(null);
  const [over, setOver] = useState<string | null>(null);
  // A card moved from its menu keeps the keyboard focus in its new column; after a move that asked
  // first, once its dialog is gone, the card takes the focus where it is then (anywhere: `stageId` null).
  const [refocus, setRefocus] = useState<Refocus | null>(null);
  const clearRefocus = useCallback(() => setRefocus(null), []);
  const menuActions: BoardActions = {
    ...actions,
    onMove: (card, stageId) => {
      setRefocus({ leadId: card.lead_id, stageId });
      const asked = actions.onMove(card, stageId);
      // A frame later: the browser gives the focus back to the page when the modal dialog goes.
      if (asked) void asked.then((where) => requestAnimationFrame(() => setRefocus({ leadId: card.lead_id, stageId: where })));
    },
  };

  function dropOn(column: BoardColumn, event: DragEvent) {
    event.preventDefault();
    setOver(null);
    const leadId = event.dataTransfer.getData(DRAG_TYPE) || dragging?.lead_id;
    const card = board.columns.flatMap((c) => c.items).find((item) => item.lead_id === leadId);
    setDragging(null);
    if (card && canDropOn(board, card.lead_id, column.stage_id)) void actions.onMove(card, column.stage_id);
  }

  return (
    <div className="board" aria-label={`${board.name} board`} role="group">
      {board.columns.map((column) => (
        <ColumnView
          key={column.stage_id}
          board={board}
          column={column}
          actions={menuActions}
          selection={selection}
          refocus={refocus}
          onRefocused={clearRefocus}
          highlighted={over === column.stage_id}
          onDragOver={(event) => {
            if (!dragging || !canDropOn(board, dragging.lead_id, column.stage_id)) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = "move";
            if (over !== column.stage_id) setOver(column.stage_id);
          }}
          onDragLeave={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null) && over === column.stage_id) setOver(null);
          }}
          onDrop={(event) => dropOn(column, event)}
          onCardDrag={(card, event) => {
            event.dataTransfer.setData(DRAG_TYPE, card.lead_id);
            event.dataTransfer.setData("text/plain", card.name);
            event.dataTransfer.effectAllowed = "move";
            setDragging(card);
          }}
          onCardDragEnd={() => {
            setDragging(null);
            setOver(null);
          }}
        />
      ))}
    </div>
  );
}

function ColumnView({
  board,
  column,
  actions,
  selection,
  refocus,
  onRefocused,
  highlighted,
  onDragOver,
  onDragLeave,
  onDrop,
  onCardDrag,
  onCardDragEnd,
}: {
  board: Board;
  column: BoardColumn;
  actions: BoardActions;
  selection: RowSelection | undefined;
  refocus: Refocus | null;
  onRefocused: () => void;
  highlighted: boolean;
  onDragOver: (event: DragEvent<HTMLElement>) => void;
  onDragLeave: (event: DragEvent<HTMLElement>) => void;
  onDrop: (event: DragEvent<HTMLElement>) => void;
  onCardDrag: (card: BoardCard, event: DragEvent<HTMLElement>) => void;
  onCardDragEnd: () => void;
}) {
  const headingId = useId();
  const hiddenCount = Math.max(0, column.lead_count - column.items.length);
  return (
    <section
      className={`board-column kind-${column.kind} ${highlighted ? "drop-target" : ""}`}
      aria-labelledby={headingId}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <header className="board-column-header">
        <h2 id={headingId}>{column.name}</h2>
        {column.status === "deleting" && <span className="badge">Being deleted</span>}
        <p className="board-column-stats">
          <span>{leadCount(column.lead_count)}</span>
          <span aria-hidden="true"> · </span>
          <span>{formatMoney(column.lead_value, actions.currency)}</span>
          {actions.searching && <span className="board-matches">{column.items.length} matching</span>}
        </p>
      </header>
      {column.items.length === 0 ? (
        <p className="board-empty muted">{actions.searching ? "No matches" : "No leads"}</p>
      ) : (
        <ul className="board-cards" aria-label={`${column.name} leads`}>
          {column.items.map((card) => (
            <li key={card.lead_id}>
              <CardView
                board={board}
                card={card}
                actions={actions}
                selection={selection}
                focusMenu={refocus?.leadId === card.lead_id && (refocus.stageId === null || refocus.stageId === card.stage_id)}
                onFocused={onRefocused}
                onDragStart={(event) => onCardDrag(card, event)}
                onDragEnd={onCardDragEnd}
              />
            </li>
          ))}
        </ul>
      )}
      {column.next_cursor && (
        <Button
          className="btn-small board-more"
          busy={actions.loadingMore.has(column.stage_id)}
          aria-label={`Load more leads in ${column.name}`}
          onClick={() => actions.onLoadMore(column.stage_id)}
        >
          Load more{hiddenCount > 0 ? ` (${hiddenCount} more)` : ""}
        </Button>
      )}
    </section>
  );
}

function CardView({
  board,
  card,
  actions,
  selection,
  focusMenu,
  onFocused,
  onDragStart,
  onDragEnd,
}: {
  board: Board;
  card: BoardCard;
  actions: BoardActions;
  /** While the board is in "Select" mode: a checkbox on the card. */
  selection: RowSelection | undefined;
  focusMenu: boolean;
  onFocused: () => void;
  onDragStart: (event: DragEvent<HTMLElement>) => void;
  onDragEnd: () => void;
}) {
  const movable = actions.mayMove(card);
  const busy = actions.moving.has(card.lead_id);
  const name = card.name || "Unnamed lead";
  return (
    <article
      className={`board-card ${movable ? "movable" : ""} ${busy ? "busy" : ""} ${selection?.isSelected(card.lead_id) ? "selected" : ""}`}
      aria-label={name}
      aria-busy={busy || undefined}
      draggable={movable && !busy}
      onDragStart={movable ? onDragStart : undefined}
      onDragEnd={onDragEnd}
    >
      <p className="board-card-name">
        {selection && (
          <RowCheckbox
            id={card.lead_id}
            name={name}
            checked={selection.isSelected(card.lead_id)}
            onChange={(on) => selection.onToggle(card.lead_id, on)}
          />
        )}
        <Link to={`/leads/${encodeURIComponent(card.lead_id)}`} draggable={false}>
          {name}
        </Link>
      </p>
      {card.company && <p className="board-card-company muted">{card.company}</p>}
      {actions.badge?.(card)}
      <dl className="board-card-facts">
        <div>
          <dt>Value</dt>
          <dd className="board-card-value">{formatCardValue(card.value, card.currency)}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{actions.ownerName(card.owner_id)}</dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>{sourceLabel(card.source)}</dd>
        </div>
        <div>
          <dt>In stage</dt>
          <dd>
            <time dateTime={card.stage_entered_at} title={`Since ${formatDateTime(card.stage_entered_at)}`}>
              {formatAge(card.seconds_in_stage)}
            </time>
          </dd>
        </div>
      </dl>
      {movable && (
        <MoveMenu
          leadName={name}
          targets={moveTargets(board, card)}
          disabled={busy}
          focusNow={focusMenu}
          onFocused={onFocused}
          onMove={(stageId) => actions.onMove(card, stageId)}
        />
      )}
    </article>
  );
}
