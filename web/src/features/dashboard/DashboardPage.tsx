import { useEffect, useRef, useState, type RefObject } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth, useProfile } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Alert, Button, EmptyState, PageHeader, Spinner } from "../../components/ui";
import { rangeText } from "./figures";
import { GettingStarted, useGettingStarted } from "./GettingStarted";
import { isEmptyWorkspace, tilesBesideChecklist } from "./gettingStarted";
import {
  completeLayout,
  defaultLayout,
  isChart,
  moveTile,
  pinnedTiles,
  positionMessage,
  sameLayout,
  setTileHidden,
  TILE_TITLES,
  visibleTiles,
} from "./layout";
import { useDashboard, useSaveLayout } from "./queries";
import { DashboardTile, PinnedTile } from "./tiles";
import type { Dashboard, DashboardLayout, TileId } from "./types";
import "./dashboard.css";

/** The signed-in home page: the tiles the user chose, in their order, and an edit mode to arrange them. */
export function DashboardPage() {
  const profile = useProfile();
  const { grants } = useAuth();
  const dashboard = useDashboard();
  const checklist = useGettingStarted();
  const [draft, setDraft] = useState<DashboardLayout | null>(null);
  const customizeRef = useRef<HTMLButtonElement>(null);
  const editBarRef = useRef<HTMLDivElement>(null);
  const wasEditing = useRef(false);
  const firstName = profile.user.name.split(" ")[0] || profile.user.name;
  const editing = draft !== null;

  // Entering edit mode takes focus to its toolbar; leaving it returns focus to "Customize".
  useEffect(() => {
    if (editing) editBarRef.current?.focus();
    else if (wasEditing.current) customizeRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const actions = (
    <>
      {dashboard.data && !editing && (
        <button
          type="button"
          ref={customizeRef}
          className="btn btn-secondary"
          onClick={() => setDraft(completeLayout(dashboard.data.layout))}
        >
          Customize
        </button>
      )}
      {grants.can(Permission.leadsWrite) && (
        <Link className="btn btn-primary" to="/leads/new">
          New lead
        </Link>
      )}
    </>
  );

  return (
    <>
      <PageHeader
        title="Dashboard"
        subtitle={`Welcome back, ${firstName}. Here is ${profile.tenant?.name ?? "your account"} at a glance.`}
        actions={actions}
      />
      {!grants.can(Permission.analyticsRead) && (
        <Alert tone="info" title="No figures to show">
          Your role does not include the dashboard&apos;s figures. An admin can give you access to analytics.
        </Alert>
      )}
      {checklist.shown && !editing && (
        <GettingStarted checklist={checklist} onHidden={() => customizeRef.current?.focus()} />
      )}
      {dashboard.isLoading && <Spinner label="Loading your dashboard" />}
      {dashboard.isError && (
        <Alert
          title="The dashboard could not be loaded"
          actions={<Button onClick={() => void dashboard.refetch()}>Try again</Button>}
        >
          {errorMessage(dashboard.error)}
        </Alert>
      )}
      {dashboard.data &&
        (draft ? (
          <LayoutEditor
            data={dashboard.data}
            draft={draft}
            onChange={setDraft}
            onDone={() => setDraft(null)}
            barRef={editBarRef}
          />
        ) : (
          <Tiles
            data={dashboard.data}
            withoutCharts={checklist.shown && isEmptyWorkspace(dashboard.data)}
            onCustomize={() => setDraft(completeLayout(dashboard.data.layout))}
          />
        ))}
    </>
  );
}

/**
 * The tiles the user chose. While the workspace has no leads yet the checklist above takes the place of
 * the chart tiles (`withoutCharts`), which would only say there is nothing to draw.
 */
function Tiles({
  data,
  withoutCharts,
  onCustomize,
}: {
  data: Dashboard;
  withoutCharts: boolean;
  onCustomize: () => void;
}) {
  const { grants } = useAuth();
  const chosen = visibleTiles(completeLayout(data.layout));
  const tiles = withoutCharts ? tilesBesideChecklist(chosen, isChart) : chosen;
  const pinned = pinnedTiles((permission) => grants.can(permission));
  return (
    <>
      {pinned.length > 0 && (
        <div className="dash-pinned">
          {pinned.map((tile) => (
            <PinnedTile key={tile} tile={tile} />
          ))}
        </div>
      )}
      <p className="dash-range">
        Last 30 days: {rangeText(data.range)} ({data.range.timezone})
      </p>
      {chosen.length === 0 && (
        <EmptyState title="Every tile is hidden">
          <p>Choose the tiles to show on your dashboard.</p>
          <Button variant="primary" onClick={onCustomize}>
            Customize
          </Button>
        </EmptyState>
      )}
      {tiles.length > 0 && (
        <div className="dash-grid">
          {tiles.map((tile) => (
            <DashboardTile key={tile} tile={tile} data={data} />
          ))}
        </div>
      )}
    </>
  );
}

const moveButtonId = (tile: TileId, step: -1 | 1) => `dash-move-${tile}-${step < 0 ? "up" : "down"}`;

function LayoutEditor({
  data,
  draft,
  onChange,
  onDone,
  barRef,
}: {
  data: Dashboard;
  draft: DashboardLayout;
  onChange: (layout: DashboardLayout) => void;
  onDone: () => void;
  barRef: RefObject<HTMLDivElement | null>;
}) {
  const save = useSaveLayout(onDone);
  const [announcement, setAnnouncement] = useState("");
  const moved = useRef<{ tile: TileId; step: -1 | 1 } | null>(null);
  const hidden = new Set(draft.hidden);
  const saved = completeLayout(data.layout);

  // A moved tile's button keeps the focus; at the top or bottom, where it turns disabled, the
  // other direction's button takes it so the keyboard user is not sent back to the page's start.
  useEffect(() => {
    const last = moved.current;
    if (!last) return;
    moved.current = null;
    const same = document.getElementById(moveButtonId(last.tile, last.step)) as HTMLButtonElement | null;
    const other = document.getElementById(moveButtonId(last.tile, last.step < 0 ? 1 : -1));
    (same && !same.disabled ? same : other)?.focus();
  }, [draft]);

  const move = (tile: TileId, step: -1 | 1) => {
    const order = moveTile(draft.order, tile, step);
    moved.current = { tile, step };
    onChange({ ...draft, order });
    setAnnouncement(positionMessage(order, tile));
  };

  return (
    <>
      <div className="dash-edit-bar" ref={barRef} tabIndex={-1} role="region" aria-label="Customize the dashboard">
        <p>Move the tiles up or down and choose which ones show. Only you see this layout.</p>
        <div className="dash-edit-actions">
          <Button
            variant="ghost"
            onClick={() => {
              onChange(defaultLayout());
              setAnnouncement("Default layout restored; save to keep it");
            }}
          >
            Restore default
          </Button>
          <Button onClick={onDone} disabled={save.isPending}>
            Cancel
          </Button>
          <Button
            variant="primary"
            busy={save.isPending}
            disabled={sameLayout(draft, saved)}
            onClick={() => save.mutate(draft)}
          >
            Save layout
          </Button>
        </div>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <div className="dash-grid dash-grid-editing">
        {draft.order.map((tile, index) => (
          <DashboardTile
            key={tile}
            tile={tile}
            data={data}
            hidden={hidden.has(tile)}
            editor={
              <TileEditor
                tile={tile}
                first={index === 0}
                last={index === draft.order.length - 1}
                hidden={hidden.has(tile)}
                onMove={move}
                onHidden={(next) => onChange(setTileHidden(draft, tile, next))}
              />
            }
          />
        ))}
      </div>
    </>
  );
}

function TileEditor({
  tile,
  first,
  last,
  hidden,
  onMove,
  onHidden,
}: {
  tile: TileId;
  first: boolean;
  last: boolean;
  hidden: boolean;
  onMove: (tile: TileId, step: -1 | 1) => void;
  onHidden: (hidden: boolean) => void;
}) {
  const title = TILE_TITLES[tile];
  return (
    <div className="dash-editor">
      <Button id={moveButtonId(tile, -1)} className="btn-small" disabled={first} onClick={() => onMove(tile, -1)}>
        <span aria-hidden="true">↑ </span>Move<span className="visually-hidden"> {title}</span> up
      </Button>
      <Button id={moveButtonId(tile, 1)} className="btn-small" disabled={last} onClick={() => onMove(tile, 1)}>
        <span aria-hidden="true">↓ </span>Move<span className="visually-hidden"> {title}</span> down
      </Button>
      <label className="dash-show">
        <input type="checkbox" checked={!hidden} onChange={(event) => onHidden(!event.target.checked)} />
        Show<span className="visually-hidden"> {title}</span>
      </label>
      {hidden && <span className="dash-hidden-note">Hidden from your dashboard</span>}
    </div>
  );
}
