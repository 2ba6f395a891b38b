import { useId, type ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { errorMessage } from "../../api/errors";
import { Alert, Button, EmptyState, Spinner } from "../../components/ui";
import type { Metric } from "./definitions";
import { Term } from "./Term";
import type { ReportStateHandle } from "./useReportState";

export interface Stat {
  label: string;
  metric?: Metric;
  value: string;
}

/** The report's headline figures: each a group named by its label (with its definition). */
export function Stats({ stats }: { stats: readonly Stat[] }) {
  return (
    <div className="report-stats">
      {stats.map((stat) => (
        <StatItem key={stat.label} stat={stat} />
      ))}
    </div>
  );
}

function StatItem({ stat }: { stat: Stat }) {
  const id = useId();
  return (
    <div className="report-stat" role="group" aria-labelledby={id}>
      <div className="report-stat-label">
        <Term id={id} label={stat.label} metric={stat.metric} />
      </div>
      <div className="report-stat-value">{stat.value}</div>
    </div>
  );
}

/** Chart or table: two buttons, the one showing pressed. Every chart of the page follows it. */
export function ViewToggle({ handle }: { handle: ReportStateHandle }) {
  const table = handle.state.view === "table";
  return (
    <div className="report-view" role="group" aria-label="How to show the figures">
      <Button className="btn-small" aria-pressed={!table} variant={table ? "ghost" : "secondary"} onClick={() => handle.update({ view: undefined })}>
        Show chart
      </Button>
      <Button className="btn-small" aria-pressed={table} variant={table ? "secondary" : "ghost"} onClick={() => handle.update({ view: "table" })}>
        Show table
      </Button>
    </div>
  );
}

/** A card with a chart, or its figures as a table when the page shows tables. */
export function ChartCard({
  title,
  handle,
  chart,
  table,
  busy,
  note,
}: {
  title: string;
  handle: ReportStateHandle;
  chart: ReactNode;
  table: ReactNode;
  busy?: boolean;
  note?: ReactNode;
}) {
  const id = useId();
  return (
    <section className="card report-card" aria-labelledby={id} aria-busy={busy || undefined}>
      <div className="card-header">
        <h2 id={id}>{title}</h2>
        <ViewToggle handle={handle} />
      </div>
      {note}
      {handle.state.view === "table" ? table : chart}
    </section>
  );
}

/**
 * A report's loading and failed states (the first load; later loads keep the figures on screen),
 * else the report itself.
 */
export function ReportStatus<Data>({
  query,
  label,
  children,
}: {
  query: UseQueryResult<Data>;
  label: string;
  children: (data: Data) => ReactNode;
}) {
  if (query.isPending) return <Spinner label={`Loading ${label}`} />;
  if (query.isError) {
    return (
      <Alert title={`The ${label} could not be loaded`} actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Alert>
    );
  }
  return (
    <>
      {query.isFetching && (
        <p className="report-updating" role="status">
          Updating…
        </p>
      )}
      {children(query.data)}
    </>
  );
}

/** An empty report: what to do so that it fills, and a way out of filters that may hide figures. */
export function EmptyReport({ title, handle, children }: { title: string; handle: ReportStateHandle; children: ReactNode }) {
  const filtered = Boolean(handle.state.pipeline_id || handle.state.owner_id || handle.state.source);
  return (
    <EmptyState title={title}>
      {children}
      {filtered && (
        <p>
          Filters are on: <Button variant="ghost" onClick={() => handle.update({ pipeline_id: undefined, owner_id: undefined, source: undefined })}>Clear filters</Button>
        </p>
      )}
    </EmptyState>
  );
}
