import type { UseQueryResult } from "@tanstack/react-query";
import { useCallback, useId, useMemo, useState, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth, useProfile } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Pager } from "../../components/Pager";
import { Alert, Button, EmptyState, PageHeader, SelectField, Spinner, type Option } from "../../components/ui";
import { formatDate, formatDateTime, getDisplayLocale } from "../../lib/format";
import { useCursorPages } from "../../lib/useCursorPages";
import { useUsers } from "../accounts/queries";
import { TypeBadge } from "../work/followups/TypeIcon";
import { useManualActionsApi } from "./api";
import { DeleteActionDialog } from "./DeleteActionDialog";
import {
  actionPath,
  assigneeOptions,
  describeAction,
  emptyTitle,
  filtersFromParams,
  hasFilters,
  outcomeLabel,
  paramsFromFilters,
  queueOwner,
  queueQuery,
  type QueueFilters,
} from "./model";
import { manualActionKeys, usePublishedWorkflows } from "./queries";
import { SubjectLink } from "./SubjectLink";
import type { FromQueue, ManualAction, ManualActionPage, ManualActionQuery } from "./types";
import "../work/followups/followups.css";
import "./manualActions.css";

export const QUEUE_PAGE_SIZE = 25;

/** The manual actions queue: one's own, or the team's with work:assign; by workflow, person and status. */
export function ManualActionsPage() {
  const { grants } = useAuth();
  const profile = useProfile();
  const canAssign = grants.can(Permission.workAssign);
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(paramsKey), canAssign), [paramsKey, canAssign]);
  const setFilters = (next: QueueFilters) => setParams(paramsFromFilters(next), { replace: true });
  const users = useUsers();
  const workflows = usePublishedWorkflows();
  const workflowOptions = workflows.data?.map((workflow) => ({ value: workflow.workflow_id, label: workflow.name }));
  const people = useMemo(() => (canAssign ? assigneeOptions(users.data ?? []) : []), [canAssign, users.data]);
  const nameOf = (userId: string) => people.find((person) => person.value === userId)?.label ?? "this person";
  const owner = queueOwner(filters, canAssign, profile.user.user_id, nameOf);

  return (
    <>
      <PageHeader
        title="Manual actions"
        subtitle={`The calls and texts your workflows hand to ${canAssign ? "the team" : "you"}: each workflow waits until its action is done`}
      />
      <QueueFilterBar
        filters={filters}
        workflows={workflowOptions}
        people={canAssign ? people : null}
        me={profile.user.user_id}
        onChange={setFilters}
      />
      <QueueResults
        filters={filters}
        query={queueQuery(filters, canAssign)}
        showAssignee={canAssign}
        emptyFor={(workflowName) => emptyTitle(filters.status, owner, workflowName)}
        onClear={() => setFilters({ status: filters.status })}
        workflowName={workflows.data?.find((workflow) => workflow.workflow_id === filters.workflowId)?.name}
        queueSearch={paramsKey ? `?${paramsKey}` : ""}
      />
    </>
  );
}

function QueueFilterBar({
  filters,
  workflows,
  people,
  me,
  onChange,
}: {
  filters: QueueFilters;
  /** The published workflows; undefined while they load. */
  workflows: Option[] | undefined;
  /** The assignee filter's people; null without work:assign (one's own queue only). */
  people: Option[] | null;
  me: string;
  onChange: (filters: QueueFilters) => void;
}) {
  const set = (patch: Partial<QueueFilters>) => {
    const next: QueueFilters = { ...filters, ...patch };
    if (!next.workflowId) delete next.workflowId;
    if (!next.assigneeId) delete next.assigneeId;
    onChange(next);
  };
  const statusLabel = useId();
  // A workflow paused since (no longer published) still filters the link that names it.
  const selected = filters.workflowId;
  const workflowOptions =
    selected && !workflows?.some((option) => option.value === selected)
      ? [...(workflows ?? []), { value: selected, label: workflows ? "A workflow no longer published" : "Loading…" }]
      : (workflows ?? []);
  return (
    <form className="filters manual-filters" role="search" aria-label="Filter manual actions" onSubmit={(event) => event.preventDefault()}>
      <SelectField
        label="Workflow"
        options={[{ value: "", label: "Every workflow" }, ...workflowOptions]}
        value={filters.workflowId ?? ""}
        onChange={(event) => set({ workflowId: event.target.value })}
      />
      {people && (
        <SelectField
          label="Assignee"
          options={[
            { value: "", label: "The whole team" },
            ...people.map((person) => (person.value === me ? { ...person, label: `${person.label} (you)` } : person)),
          ]}
          value={filters.assigneeId ?? ""}
          onChange={(event) => set({ assigneeId: event.target.value })}
        />
      )}
      <div className="field manual-status">
        <span className="manual-status-label" id={statusLabel}>
          Status
        </span>
        <div className="segmented" role="group" aria-labelledby={statusLabel}>
          <button type="button" aria-pressed={filters.status === "open"} onClick={() => set({ status: "open" })}>
            Open
          </button>
          <button type="button" aria-pressed={filters.status === "done"} onClick={() => set({ status: "done" })}>
            Done
          </button>
        </div>
      </div>
      {hasFilters(filters) && (
        <Button variant="ghost" className="filters-clear" onClick={() => onChange({ status: filters.status })}>
          Clear filters
        </Button>
      )}
    </form>
  );
}

function QueueResults({
  filters,
  query,
  showAssignee,
  emptyFor,
  onClear,
  workflowName,
  queueSearch,
}: {
  filters: QueueFilters;
  query: ManualActionQuery;
  showAssignee: boolean;
  emptyFor: (workflowName: string | undefined) => string;
  onClear: () => void;
  workflowName: string | undefined;
  queueSearch: string;
}) {
  const api = useManualActionsApi();
  const fetchPage = useCallback(
    (q: ManualActionQuery, cursor: string | null, signal: AbortSignal) => api.list(q, cursor, QUEUE_PAGE_SIZE, signal),
    [api],
  );
  const pages = useCursorPages(query, manualActionKeys.page, fetchPage);
  const [deleting, setDeleting] = useState<ManualAction | null>(null);
  const { query: page } = pages;
  return (
    <>
      <QueueBody
        page={page}
        pageNumber={pages.page}
        empty={
          <EmptyState title={emptyFor(workflowName ?? (filters.workflowId ? "this workflow" : undefined))}>
            {hasFilters(filters) ? (
              <Button onClick={onClear}>Clear filters</Button>
            ) : (
              filters.status === "open" && <p>When a workflow reaches a call or text step, the action waits here until someone does it.</p>
            )}
          </EmptyState>
        }
      >
        {(data) => (
          <>
            {filters.status === "open" && (
              <p className="manual-count" aria-live="polite">
                {data.open_count === 1 ? "1 open manual action" : `${data.open_count.toLocaleString(getDisplayLocale())} open manual actions`}
              </p>
            )}
            <QueueTable items={data.items} status={filters.status} showAssignee={showAssignee} queueSearch={queueSearch} onDelete={setDeleting} />
            <Pager
              page={pages.page}
              count={data.items.length}
              hasPrevious={pages.hasPrevious}
              hasNext={pages.hasNext}
              onPrevious={pages.previous}
              onNext={pages.next}
              busy={page.isFetching}
              noun={["manual action", "manual actions"]}
            />
          </>
        )}
      </QueueBody>
      <DeleteActionDialog action={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}

/** The loading, error and empty states of a page of the queue, else the page itself. */
function QueueBody({
  page,
  pageNumber,
  empty,
  children,
}: {
  page: UseQueryResult<ManualActionPage>;
  pageNumber: number | null;
  empty: ReactNode;
  children: (data: ManualActionPage) => ReactNode;
}) {
  if (page.isPending) return <Spinner label="Loading manual actions" />;
  if (page.isError) {
    return (
      <Alert title="The manual actions could not be loaded" actions={<Button onClick={() => void page.refetch()}>Try again</Button>}>
        {errorMessage(page.error)}
      </Alert>
    );
  }
  if (page.data.items.length === 0 && pageNumber === 1) return empty;
  return children(page.data);
}

function QueueTable({
  items,
  status,
  showAssignee,
  queueSearch,
  onDelete,
}: {
  items: readonly ManualAction[];
  status: QueueFilters["status"];
  showAssignee: boolean;
  queueSearch: string;
  onDelete: (action: ManualAction) => void;
}) {
  const done = status === "done";
  const from: FromQueue = { queueSearch };
  return (
    <div className="table-wrap">
      <table className="table manual-table">
        <caption className="visually-hidden">{done ? "Completed manual actions, latest first" : "Open manual actions, oldest first"}</caption>
        <thead>
          <tr>
            <th scope="col">Contact</th>
            <th scope="col">Workflow</th>
            <th scope="col">Added</th>
            {showAssignee && <th scope="col">Assignee</th>}
            <th scope="col">Type</th>
            {done && <th scope="col">Outcome</th>}
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {items.map((action) => {
            const what = describeAction(action);
            return (
              <tr key={action.action_id}>
                <td>
                  <SubjectLink action={action} />
                </td>
                <td>{action.workflow_name}</td>
                <td className="nowrap">
                  <time dateTime={action.created_at} title={formatDateTime(action.created_at)}>
                    {formatDate(action.created_at)}
                  </time>
                </td>
                {showAssignee && <td>{action.assignee_name ?? "A former user"}</td>}
                <td>
                  <TypeBadge type={action.action_type} />
                </td>
                {done && (
                  <td>
                    {outcomeLabel(action.outcome)}
                    <span className="block muted">{formatDateTime(action.completed_at)}</span>
                  </td>
                )}
                <td>
                  <div className="cell-actions">
                    <Link className={`btn btn-small ${done ? "btn-secondary" : "btn-primary"}`} to={actionPath(action.action_id)} state={from}>
                      {done ? "View" : "Start"}
                      <span className="visually-hidden"> {what}</span>
                    </Link>
                    {!done && (
                      <Button className="btn-small" variant="ghost" onClick={() => onDelete(action)}>
                        Delete<span className="visually-hidden"> {what}</span>
                      </Button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
