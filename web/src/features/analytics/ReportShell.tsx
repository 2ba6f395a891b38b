import { useCallback, useMemo, useState, type ReactNode } from "react";
import { NavLink } from "react-router";
import { BrowserSessionStore } from "../../api/client";
import { errorMessage } from "../../api/errors";
import { toast } from "../../components/toasts";
import { Button, PageHeader, SelectField, TextField, type Option } from "../../components/ui";
import { useServices } from "../../context";
import { downloadText } from "../../lib/download";
import { sourceLabel } from "../../lib/format";
import { useUsers } from "../accounts/queries";
import { usePipelines } from "../pipelines/queries";
import { csvFileName, fetchCsv } from "./exportCsv";
import {
  activePreset,
  clearFilters,
  exportQuery,
  isPlausibleDay,
  isFiltered,
  presetRange,
  PRESETS,
  rangeOf,
  sharedSearch,
  type ReportState,
} from "./filters";
import { LEAD_SOURCES, reportInfo, REPORTS, type ReportInfo } from "./labels";
import { formatRange } from "./reportFormat";
import type { Interval, ReportRange } from "./types";
import type { ReportStateHandle } from "./useReportState";

/**
 * A report page's frame: its title and "Download CSV", the links to the other reports, the filters
 * (with the report's own choices in `controls`), and the range the figures cover.
 */
export function ReportShell({
  slug,
  handle,
  range,
  interval = "day",
  controls,
  pipelineChoice = "all",
  downloadable = true,
  children,
}: {
  slug: string;
  handle: ReportStateHandle;
  /** The range of the figures on screen (from the API), once there are some. */
  range: ReportRange | undefined;
  interval?: Interval;
  controls?: ReactNode;
  /** Reports of one pipeline (funnel, velocity) read the default one unless another is picked. */
  pipelineChoice?: "all" | "one";
  /** A report locked by the plan has no CSV either. */
  downloadable?: boolean;
  children: ReactNode;
}) {
  const report = reportInfo(slug);
  return (
    <>
      <PageHeader
        title={report.title}
        subtitle={report.summary}
        actions={downloadable && <DownloadCsvButton report={report} handle={handle} range={range} interval={interval} />}
      />
      <ReportTabs handle={handle} />
      <ReportFilters handle={handle} pipelineChoice={pipelineChoice}>
        {controls}
      </ReportFilters>
      {range && <p className="report-range">{formatRange(range.date_from, range.date_to, range.timezone)}</p>}
      {children}
    </>
  );
}

/** The reports as tabs; each link keeps the range, the filters and the model. */
function ReportTabs({ handle }: { handle: ReportStateHandle }) {
  const search = sharedSearch(handle.state);
  const reports = REPORTS.filter((report) => handle.seesAll || !report.teamOnly);
  return (
    <nav className="report-tabs" aria-label="Reports">
      <ul>
        {reports.map((report) => (
          <li key={report.slug}>
            <NavLink to={{ pathname: `/reports/${report.slug}`, search }}>
              {report.title}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ReportFilters({
  handle,
  pipelineChoice,
  children,
}: {
  handle: ReportStateHandle;
  pipelineChoice: "all" | "one";
  children: ReactNode;
}) {
  const { state, update, replace, seesAll, today } = handle;
  const range = rangeOf(state, today);
  const preset = activePreset(state, today);
  const pipelines = usePipelines().data ?? [];
  const users = useUsers();
  const pipelineOptions: Option[] = [
    { value: "", label: pipelineChoice === "one" ? "Default pipeline" : "All pipelines" },
    ...pipelines.map((pipeline) => ({ value: pipeline.pipeline_id, label: pipeline.name })),
  ];
  const ownerOptions: Option[] = [
    { value: "", label: "Everyone" },
    ...(users.data ?? []).map((user) => ({ value: user.user_id, label: user.name || user.email })),
  ];
  const sourceOptions: Option[] = [{ value: "", label: "All sources" }, ...LEAD_SOURCES.map((source) => ({ value: source, label: sourceLabel(source) }))];

  return (
    <form className="report-filters" role="search" aria-label="Filter the report" onSubmit={(event) => event.preventDefault()}>
      <fieldset className="report-range-fields">
        <legend>Date range</legend>
        <div className="report-presets" role="group" aria-label="Quick ranges">
          {PRESETS.map(({ key, label }) => (
            <Button
              key={key}
              className="btn-small"
              variant={preset === key ? "primary" : "secondary"}
              aria-pressed={preset === key}
              onClick={() => update(presetRange(key, today))}
            >
              {label}
            </Button>
          ))}
        </div>
        <div className="report-days">
          {/* A first day after the last moves the last along (and the other way round): the range stays one. */}
          <DayField label="From" value={range.date_from} onCommit={(day) => update({ date_from: day, date_to: day > range.date_to ? day : range.date_to })} />
          <DayField label="To" value={range.date_to} onCommit={(day) => update({ date_from: day < range.date_from ? day : range.date_from, date_to: day })} />
        </div>
      </fieldset>
      <div className="report-selects">
        {(pipelines.length > 1 || state.pipeline_id) && (
          <SelectField
            label="Pipeline"
            options={pipelineOptions}
            value={state.pipeline_id ?? ""}
            onChange={(event) => update({ pipeline_id: event.target.value })}
          />
        )}
        {/* Without the team's figures the API shows the user's own leads only: no owner to pick. */}
        {seesAll && (
          <SelectField label="Owner" options={ownerOptions} value={state.owner_id ?? ""} onChange={(event) => update({ owner_id: event.target.value })} />
        )}
        <SelectField label="Source" options={sourceOptions} value={state.source ?? ""} onChange={(event) => update({ source: event.target.value })} />
        {children}
        {isFiltered(state) && (
          <Button variant="ghost" className="report-clear" onClick={() => replace(clearFilters(state))}>
            Clear filters
          </Button>
        )}
      </div>
    </form>
  );
}

/**
 * A day input that changes the report only with a whole, plausible day: typing a year passes through
 * days such as 0002-01-05, which would each be a request for a range the API refuses.
 */
function DayField({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: string;
  onCommit: (day: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setDraft(value);
  }
  return (
    <TextField
      label={label}
      type="date"
      value={draft}
      onChange={(event) => {
        setDraft(event.target.value);
        if (isPlausibleDay(event.target.value)) onCommit(event.target.value);
      }}
      onBlur={() => setDraft(value)}
    />
  );
}

function useCsvDownload() {
  const { config, client } = useServices();
  // The same session the app's client keeps (main.tsx makes its store with the same key).
  const store = useMemo(() => new BrowserSessionStore(), []);
  return useCallback(
    async (report: ReportInfo, state: ReportState, interval: Interval, days: { date_from: string; date_to: string }) => {
      const source = { baseUrl: config.apiUrl, store, refresh: () => client.refresh() };
      const file = await fetchCsv(source, `/analytics/export/${report.exportKey}`, exportQuery(state, interval));
      downloadText(csvFileName(report.exportKey, days.date_from, days.date_to, file.disposition), file.text);
    },
    [client, config.apiUrl, store],
  );
}

function DownloadCsvButton({
  report,
  handle,
  range,
  interval,
}: {
  report: ReportInfo;
  handle: ReportStateHandle;
  range: ReportRange | undefined;
  interval: Interval;
}) {
  const download = useCsvDownload();
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    try {
      await download(report, handle.state, interval, range ?? rangeOf(handle.state, handle.today));
    } catch (error) {
      toast.error(`The CSV could not be downloaded: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button onClick={() => void run()} busy={busy}>
      Download CSV
    </Button>
  );
}
