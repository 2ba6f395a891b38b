import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth, useProfile } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Alert, Button, EmptyState, PageHeader, SelectField, Spinner, TextField } from "../../components/ui";
import { FilterPanel } from "../../components/FilterPanel";
import { useLatestSearchParams } from "../../lib/searchParams";
import { useLookups } from "../../lib/lookups";
import type { User } from "../accounts/types";
import { useBoardScore } from "../ai/useBoardScore";
import { BoardBulkBar, BoardSelectToggle, BoardSelectTools } from "../bulk/BoardSelection";
import { useBoardSelection, type BoardSelection } from "../bulk/useBoardSelection";
import { mayMoveCard } from "./boardModel";
import { BoardView, type BoardActions } from "./BoardView";
import { closingKind, prefillValue, type ClosingKind } from "./closing";
import { ClosingDialog } from "./ClosingDialog";
import { usePipelines, usePipelineSettings } from "./queries";
import type { BoardCard, BoardColumn, Pipeline } from "./types";
import { useBoard } from "./useBoard";
import "./pipeline.css";

const SEARCH_DELAY_MS = 300;

function withParam(params: URLSearchParams, name: string, value: string | null): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) next.set(name, value);
  else next.delete(name);
  return next;
}

/** The chosen pipeline (else the default one), owner and search, kept in the URL. */
function useBoardParams(pipelines: Pipeline[] | undefined, seeAll: boolean) {
  const [params, setParams] = useLatestSearchParams();
  const chosen = params.get("pipeline");
  const fallback = pipelines?.find((p) => p.is_default) ?? pipelines?.[0];
  const pipelineId = pipelines?.find((p) => p.pipeline_id === chosen)?.pipeline_id ?? fallback?.pipeline_id ?? null;
  const setParam = useCallback(
    (name: string, value: string | null) => setParams((current) => withParam(current, name, value), { replace: true }),
    [setParams],
  );
  return {
    pipelineId,
    ownerId: seeAll ? params.get("owner") || null : null,
    q: params.get("q")?.trim() || null,
    setParam,
  };
}

/**
 * A move into a won or lost stage waiting for its dialog; `settle` tells the board the dialog is gone
 * and which stage the card is in now.
 */
interface AskedMove {
  card: BoardCard;
  stage: BoardColumn;
  kind: ClosingKind;
  settle: (stageId: string | null) => void;
}

/** The Kanban board: one column per stage of the chosen pipeline, cards moved by drag or "Move". */
export function PipelinePage() {
  const profile = useProfile();
  const { grants } = useAuth();
  const lookups = useLookups();
  const pipelines = usePipelines();
  usePipelineSettings(); // read ahead: the win and loss dialogs need them
  const seeAll = grants.can(Permission.leadsReadAll);
  const { pipelineId, ownerId, q, setParam } = useBoardParams(pipelines.data, seeAll);
  const score = useBoardScore(q);
  const { board, move, moveClosing, stageOf, loadMore, moving, loadingMore } = useBoard(pipelineId, ownerId, q, score.view);
  const [asked, setAsked] = useState<AskedMove | null>(null);
  // Told where the card is only once the dialog has left the page: while the modal dialog is open the
  // rest of the page is inert, and a card focused then would not keep the focus.
  const closed = useRef<AskedMove | null>(null);
  useEffect(() => {
    const done = closed.current;
    if (asked || !done) return;
    closed.current = null;
    done.settle(stageOf(done.card.lead_id));
  }, [asked, stageOf]);
  const pipeline = pipelines.data?.find((p) => p.pipeline_id === pipelineId);
  const selection = useBoardSelection(board.data, pipelineId, ownerId, q);

  const rules = useMemo(
    () => ({ mayWrite: grants.can(Permission.leadsWrite), mayActOnAll: seeAll, userId: profile.user.user_id }),
    [grants, seeAll, profile.user.user_id],
  );
  const actions: BoardActions = {
    currency: profile.tenant?.currency || "USD",
    ownerName: lookups.ownerName,
    mayMove: (card: BoardCard) => !board.isPlaceholderData && mayMoveCard(rules, card),
    moving,
    loadingMore,
    searching: score.searching,
    onMove: (card, stageId) => {
      const stage = board.data?.columns.find((column) => column.stage_id === stageId);
      const kind = closingKind(stage?.kind);
      if (!stage || !kind) return void move(card, stageId);
      return new Promise<string | null>((settle) => setAsked({ card, stage, kind, settle }));
    },
    onLoadMore: (stageId) => void loadMore(stageId),
    badge: score.badge,
  };

  const body = (
    <BoardBody
      loading={pipelines.isPending || (board.isPending && Boolean(pipelineId))}
      error={pipelines.isError ? { title: "The pipelines could not be loaded", error: pipelines.error } : null}
      pipelineId={pipelineId}
      board={board}
      actions={actions}
      selection={selection}
    />
  );

  return (
    <>
      <PageHeader
        title="Pipeline"
        subtitle={`${seeAll ? "" : "Your leads. "}Drag a card to another stage, or use its Move button.`}
        actions={
          <>
            <BoardSelectToggle state={selection} />
            {grants.can(Permission.leadsWrite) && (
              <Link className="btn btn-primary" to="/leads/new">
                New lead
              </Link>
            )}
          </>
        }
      />
      <BoardFilters
        pipelines={pipelines.data ?? []}
        pipelineId={pipelineId}
        ownerId={ownerId}
        q={q}
        users={seeAll ? lookups.users : []}
        setParam={setParam}
        extra={score.controls}
      />
      {q && board.data && (
        <p className="board-note muted" role="status">
          Showing the leads whose name, email or phone starts with “{q}” (up to 20 in each stage).
        </p>
      )}
      {body}
      <BoardBulkBar state={selection} pipeline={pipeline} />
      {asked && (
        <AskedMoveDialog
          key={`${asked.card.lead_id}:${asked.stage.stage_id}`}
          asked={asked}
          pipelineDefault={pipeline?.default_value}
          moveClosing={moveClosing}
          onClose={() => {
            closed.current = asked;
            setAsked(null);
          }}
        />
      )}
    </>
  );
}

/** The board's "Deal value" or "Why was it lost?" for a card moving to a won or lost stage. */
function AskedMoveDialog({
  asked,
  pipelineDefault,
  moveClosing,
  onClose,
}: {
  asked: AskedMove;
  pipelineDefault: number | null | undefined;
  moveClosing: ReturnType<typeof useBoard>["moveClosing"];
  onClose: () => void;
}) {
  const settings = usePipelineSettings();
  return (
    <ClosingDialog
      kind={asked.kind}
      leadName={asked.card.name || "Unnamed lead"}
      stageName={asked.stage.name}
      currency={asked.card.currency}
      initialValue={prefillValue(asked.card.value, pipelineDefault)}
      settings={settings.data}
      onConfirm={async (fields) => {
        const refused = await moveClosing(asked.card, asked.stage.stage_id, fields);
        if (!refused) onClose();
        return refused;
      }}
      onCancel={onClose}
    />
  );
}

function BoardFilters({
  pipelines,
  pipelineId,
  ownerId,
  q,
  users,
  setParam,
  extra,
}: {
  pipelines: Pipeline[];
  pipelineId: string | null;
  ownerId: string | null;
  q: string | null;
  users: User[];
  setParam: (name: string, value: string | null) => void;
  /** More controls after the filters (the AI score's sort and floor). */
  extra?: ReactNode;
}) {
  const [search, setSearch] = useState(q ?? "");
  useEffect(() => {
    const wanted = search.trim() || null;
    if (wanted === q) return;
    const timer = setTimeout(() => setParam("q", wanted), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, q, setParam]);

  return (
    <FilterPanel label="Board filters" className="board-filters" active={(q ? 1 : 0) + (ownerId ? 1 : 0)}>
      <SelectField
        label="Pipeline"
        options={pipelines.map((p) => ({ value: p.pipeline_id, label: p.name }))}
        value={pipelineId ?? ""}
        onChange={(event) => setParam("pipeline", event.target.value)}
      />
      <TextField
        label="Search cards"
        type="search"
        placeholder="Name, email or phone"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      {users.length > 0 && (
        <SelectField
          label="Owner"
          options={[{ value: "", label: "Everyone" }, ...users.map((user) => ({ value: user.user_id, label: user.name || user.email }))]}
          value={ownerId ?? ""}
          onChange={(event) => setParam("owner", event.target.value || null)}
        />
      )}
      {extra}
    </FilterPanel>
  );
}

function BoardBody({
  loading,
  error,
  pipelineId,
  board,
  actions,
  selection,
}: {
  loading: boolean;
  error: { title: string; error: unknown } | null;
  pipelineId: string | null;
  board: ReturnType<typeof useBoard>["board"];
  actions: BoardActions;
  selection: BoardSelection;
}) {
  if (loading) return <Spinner label="Loading the board" />;
  if (error) return <Alert title={error.title}>{errorMessage(error.error)}</Alert>;
  if (!pipelineId) return <EmptyState title="No pipeline yet" />;
  if (board.isError) {
    return (
      <Alert title="The board could not be loaded" actions={<Button onClick={() => void board.refetch()}>Try again</Button>}>
        {errorMessage(board.error)}
      </Alert>
    );
  }
  if (!board.data) return null;
  return (
    <>
      <BoardSelectTools state={selection} />
      <div className={board.isPlaceholderData ? "board-stale" : undefined} aria-busy={board.isFetching || undefined}>
        <BoardView board={board.data} actions={actions} selection={selection.rows} />
      </div>
    </>
  );
}
