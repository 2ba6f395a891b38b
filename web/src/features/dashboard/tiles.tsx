// The dashboard's tiles: each a card with its figure (or chart), a hint when there is nothing to show
// yet, and a link to the page or report behind it. In edit mode a tile also carries its editor.

import { lazy, Suspense, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Card } from "../../components/ui";
import { formatDate, getDisplayLocale } from "../../lib/format";
import {
  count,
  funnelRows,
  funnelSummary,
  isAllClear,
  modelLabel,
  money,
  percent,
  sourceRows,
  sourcesSummary,
  stageRows,
  stagesSummary,
} from "./figures";
import { useOpenManualActionCount } from "../manualActions/queries";
import { isWide, TILE_TITLES, tileTitle, type PinnedTileId } from "./layout";
import type { Dashboard, DueCount, TileId } from "./types";

// Recharts is large: the figures show first and the drawings follow.
const FunnelBars = lazy(() => import("./charts").then((module) => ({ default: module.FunnelBars })));
const StagesPie = lazy(() => import("./charts").then((module) => ({ default: module.StagesPie })));
const SourceBars = lazy(() => import("./charts").then((module) => ({ default: module.SourceBars })));

export interface TileProps {
  data: Dashboard;
  /** The move and show controls, in edit mode. */
  editor?: ReactNode;
  /** Hidden in the layout (only edit mode shows such a tile). */
  hidden?: boolean;
}

interface TileLink {
  to: string;
  label: string;
}

function TileFrame({
  tile,
  editor,
  hidden,
  link,
  actions,
  children,
}: Omit<TileProps, "data"> & { tile: TileId | PinnedTileId; link: TileLink; actions?: ReactNode; children: ReactNode }) {
  const classes = ["dash-tile", isWide(tile) ? "dash-tile-wide" : "", hidden ? "dash-tile-hidden" : ""];
  return (
    <Card title={tileTitle(tile)} className={classes.join(" ")} actions={actions}>
      {editor}
      <div className="dash-tile-body">{children}</div>
      <Link className="dash-tile-link" to={link.to}>
        {link.label}
        <span aria-hidden="true"> →</span>
      </Link>
    </Card>
  );
}

function Figure({ value, caption, hint }: { value: string; caption: string; hint?: ReactNode }) {
  return (
    <>
      <p className="dash-figure">{value}</p>
      <p className="dash-caption">{caption}</p>
      {hint && <p className="dash-hint">{hint}</p>}
    </>
  );
}

function OpportunitiesTile({ data, ...frame }: TileProps) {
  return (
    <TileFrame tile="opportunities" link={{ to: "/leads", label: "View leads" }} {...frame}>
      <Figure
        value={data.opportunities.toLocaleString(getDisplayLocale())}
        caption="Open leads in the pipeline"
        hint={data.opportunities === 0 && "No open leads yet — add a lead or connect a form to start your pipeline."}
      />
    </TileFrame>
  );
}

function PipelineValueTile({ data, ...frame }: TileProps) {
  return (
    <TileFrame tile="pipeline_value" link={{ to: "/pipeline", label: "Open the pipeline" }} {...frame}>
      <Figure
        value={money(data.pipeline_value_minor, data.range.currency)}
        caption="The value of the open leads"
        hint={data.pipeline_value_minor === 0 && "Give your open leads a value to see what the pipeline is worth."}
      />
    </TileFrame>
  );
}

function ConversionRateTile({ data, ...frame }: TileProps) {
  return (
    <TileFrame tile="conversion_rate" link={{ to: "/reports/funnel", label: "Funnel report" }} {...frame}>
      <Figure
        value={percent(data.conversion_rate)}
        caption="Of the leads created in the last 30 days, the share won"
        hint={data.conversion_rate === null && "No leads in the last 30 days yet — the rate shows once some come in."}
      />
    </TileFrame>
  );
}

function WonThisMonthTile({ data, ...frame }: TileProps) {
  const monthStart = `${data.range.date_to.slice(0, 8)}01T12:00:00`;
  return (
    <TileFrame
      tile="won_this_month"
      link={{ to: "/reports/revenue-over-time", label: "Revenue over time" }}
      {...frame}
    >
      <Figure
        value={money(data.won_this_month_minor, data.range.currency)}
        caption={`Won since ${formatDate(monthStart)}`}
        hint={data.won_this_month_minor === 0 && "No won revenue yet this month — win a lead on the pipeline."}
      />
    </TileFrame>
  );
}

function DueFigures({ due }: { due: DueCount }) {
  return (
    <>
      <dl className="dash-due">
        <div>
          <dt>Due today</dt>
          <dd>{due.due_today.toLocaleString(getDisplayLocale())}</dd>
        </div>
        <div className={due.overdue > 0 ? "dash-due-late" : ""}>
          <dt>Overdue</dt>
          <dd>{due.overdue.toLocaleString(getDisplayLocale())}</dd>
        </div>
      </dl>
      {isAllClear(due) && <p className="dash-hint">Nothing due — you are all caught up.</p>}
    </>
  );
}

function TasksDueTile({ data, ...frame }: TileProps) {
  return (
    <TileFrame tile="tasks_due" link={{ to: "/tasks", label: "View tasks" }} {...frame}>
      <DueFigures due={data.tasks} />
    </TileFrame>
  );
}

function FollowUpsDueTile({ data, ...frame }: TileProps) {
  return (
    <TileFrame tile="followups_due" link={{ to: "/followups", label: "View follow-ups" }} {...frame}>
      <DueFigures due={data.followups} />
    </TileFrame>
  );
}

/** The open manual actions (the team's with work:assign, else one's own), linked to the queue. */
function ManualActionsTile() {
  const { grants } = useAuth();
  const open = useOpenManualActionCount();
  const team = grants.can(Permission.workAssign);
  let hint: ReactNode = null;
  if (open.isError) hint = "The count could not be loaded: it is read again in a minute.";
  else if (open.data === 0) hint = "Nothing waiting: calls and texts show up here when a workflow hands one out.";
  return (
    <TileFrame tile="manual_actions" link={{ to: "/manual-actions", label: "Open the queue" }}>
      <Figure
        value={open.data?.toLocaleString(getDisplayLocale()) ?? (open.isError ? "—" : "…")}
        caption={team ? "Calls and texts waiting for the team" : "Calls and texts waiting for you"}
        hint={hint}
      />
    </TileFrame>
  );
}

/** A chart tile: the drawing, or on request the same figures as a table. */
function ChartFrame({
  tile,
  summary,
  chart,
  table,
  caption,
  ...frame
}: Omit<TileProps, "data"> & {
  tile: TileId;
  link: TileLink;
  summary: string;
  chart: ReactNode;
  table: ReactNode;
  caption: ReactNode;
}) {
  const [asTable, setAsTable] = useState(false);
  const toggle = (
    <button type="button" className="btn btn-ghost dash-table-toggle" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
      Show table<span className="visually-hidden"> of {TILE_TITLES[tile]}</span>
    </button>
  );
  return (
    <TileFrame tile={tile} actions={toggle} {...frame}>
      <p className="dash-caption">{caption}</p>
      {asTable ? (
        <div className="dash-table">{table}</div>
      ) : (
        <div className="dash-chart" role="img" aria-label={summary}>
          <Suspense fallback={<div className="dash-chart-loading">Drawing the chart…</div>}>{chart}</Suspense>
        </div>
      )}
    </TileFrame>
  );
}

/** What to do when a chart has no leads to show: add one, or let a form bring them in. */
function NoLeadsHint({ lead, rest }: { lead: string; rest: string }) {
  const { grants } = useAuth();
  return (
    <p className="dash-hint">
      {lead}{" "}
      {grants.can(Permission.leadsWrite) ? <Link to="/leads/new">Add a lead</Link> : "Add a lead"} or{" "}
      {grants.can(Permission.formsRead) ? <Link to="/forms">connect a form</Link> : "connect a form"} {rest}
    </p>
  );
}

/** The chart is switched off on the pipeline: where to switch it on. */
function SwitchedOffHint({ chart, setting }: { chart: string; setting: string }) {
  const { grants } = useAuth();
  return (
    <p className="dash-hint">
      The {chart} is switched off for your default pipeline.{" "}
      {grants.can(Permission.pipelinesManage) ? (
        <>
          Turn on “{setting}” in <Link to="/settings/pipelines">pipeline settings</Link> to see it here.
        </>
      ) : (
        "An admin can turn it on in the pipeline settings."
      )}
    </p>
  );
}

function FunnelTile({ data, ...frame }: TileProps) {
  const link = { to: "/reports/funnel", label: "Funnel report" };
  const funnel = data.funnel;
  if (!funnel) {
    return (
      <TileFrame tile="funnel" link={link} {...frame}>
        <SwitchedOffHint chart="funnel" setting="Show this pipeline in the funnel" />
      </TileFrame>
    );
  }
  if (funnel.cohort === 0) {
    return (
      <TileFrame tile="funnel" link={link} {...frame}>
        <NoLeadsHint lead="No leads in the last 30 days." rest="to see how your leads move through the stages." />
      </TileFrame>
    );
  }
  const rows = funnelRows(funnel);
  const table = (
    <table className="table">
      <caption className="visually-hidden">Funnel of {funnel.pipeline_name}</caption>
      <thead>
        <tr>
          <th scope="col">Stage</th>
          <th scope="col">Leads reached</th>
          <th scope="col">Share of the leads</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.stageId}>
            <th scope="row">{row.name}</th>
            <td>{row.reached.toLocaleString(getDisplayLocale())}</td>
            <td>{percent(row.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFrame
      tile="funnel"
      link={link}
      summary={funnelSummary(funnel)}
      caption={`${count(funnel.cohort, "lead", "leads")} created in the last 30 days, ${funnel.won.toLocaleString(getDisplayLocale())} won · ${funnel.pipeline_name}`}
      chart={<FunnelBars rows={rows} />}
      table={table}
      {...frame}
    />
  );
}

function StagesTile({ data, ...frame }: TileProps) {
  const link = { to: "/pipeline", label: "Open the pipeline" };
  if (data.stages.length === 0) {
    return (
      <TileFrame tile="stages" link={link} {...frame}>
        <SwitchedOffHint chart="stages chart" setting="Show this pipeline in the pie chart" />
      </TileFrame>
    );
  }
  const rows = stageRows(data.stages);
  if (rows.every((row) => row.leads === 0)) {
    return (
      <TileFrame tile="stages" link={link} {...frame}>
        <NoLeadsHint lead="The pipeline has no leads yet." rest="to see how they spread over the stages." />
      </TileFrame>
    );
  }
  const currency = data.range.currency;
  const table = (
    <table className="table">
      <caption className="visually-hidden">Leads per stage</caption>
      <thead>
        <tr>
          <th scope="col">Stage</th>
          <th scope="col">Leads</th>
          <th scope="col">Share</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.stageId}>
            <th scope="row">{row.name}</th>
            <td>{row.leads.toLocaleString(getDisplayLocale())}</td>
            <td>{percent(row.share)}</td>
            <td>{money(row.valueMinor, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFrame
      tile="stages"
      link={link}
      summary={stagesSummary(data.stages)}
      caption="Leads in each stage of your default pipeline, now"
      chart={<StagesPie rows={rows} />}
      table={table}
      {...frame}
    />
  );
}

function TopSourcesTile({ data, ...frame }: TileProps) {
  const link = { to: "/reports/revenue?group_by=source", label: "Revenue report" };
  const currency = data.range.currency;
  if (data.top_sources.length === 0) {
    return (
      <TileFrame tile="top_sources" link={link} {...frame}>
        <p className="dash-hint">
          No won revenue in the last 30 days yet — win a lead on the pipeline to see which sources pay off.
        </p>
      </TileFrame>
    );
  }
  const rows = sourceRows(data.top_sources);
  const table = (
    <table className="table">
      <caption className="visually-hidden">Won revenue by source</caption>
      <thead>
        <tr>
          <th scope="col">Source</th>
          <th scope="col">Won leads</th>
          <th scope="col">Revenue</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.source}>
            <th scope="row">{row.label}</th>
            <td>{row.won.toLocaleString(getDisplayLocale())}</td>
            <td>{money(row.revenueMinor, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <ChartFrame
      tile="top_sources"
      link={link}
      summary={sourcesSummary(data.top_sources, currency)}
      caption={`Top sources of the last 30 days, credited by ${modelLabel(data.model)}`}
      chart={<SourceBars rows={rows} currency={currency} />}
      table={table}
      {...frame}
    />
  );
}

const TILES: Record<TileId, (props: TileProps) => ReactNode> = {
  opportunities: OpportunitiesTile,
  pipeline_value: PipelineValueTile,
  conversion_rate: ConversionRateTile,
  won_this_month: WonThisMonthTile,
  funnel: FunnelTile,
  stages: StagesTile,
  top_sources: TopSourcesTile,
  tasks_due: TasksDueTile,
  followups_due: FollowUpsDueTile,
};

export function DashboardTile({ tile, ...props }: TileProps & { tile: TileId }) {
  const Tile = TILES[tile];
  return <Tile {...props} />;
}

const PINNED: Record<PinnedTileId, () => ReactNode> = {
  manual_actions: ManualActionsTile,
};

/** A tile pinned above the layout (layout.ts's PINNED_TILES): it reads its own figure. */
export function PinnedTile({ tile }: { tile: PinnedTileId }) {
  const Tile = PINNED[tile];
  return <Tile />;
}
