import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type UseInfiniteQueryResult,
} from "@tanstack/react-query";
import { useId, useMemo, useState, type InputHTMLAttributes, type ReactNode } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { errorMessage } from "../../../api/errors";
import { useAuth, useProfile } from "../../../auth/AuthProvider";
import { Permission } from "../../../auth/permissions";
import { toast } from "../../../components/toasts";
import { Alert, Button, EmptyState, PageHeader, SelectField, Spinner, TextField } from "../../../components/ui";
import { formatDateTime } from "../../../lib/format";
import { type Lookups, useLookups } from "../../../lib/lookups";
import { useWorkApi } from "../api";
import { viewerTimeZone } from "../followups/dueTime";
import { assignableUsers, mayWork } from "../followups/model";
import type { Task, TaskPage, TaskStatus } from "../types";
import { TaskDialog, taskKeys } from "./TaskDialog";
import {
  bulkCompleteMessage,
  dueRangeError,
  hasTaskFilters,
  paramsFromTaskFilters,
  priorityLabel,
  TASK_PRIORITIES,
  TASK_SORTS,
  TASK_STATUSES,
  taskFiltersFromParams,
  taskQuery,
  type TaskFilters,
} from "./taskQuery";
import "../followups/followups.css";
import "./tasks.css";

const PAGE_SIZE = 50;

/** The task queue: filters and sort in the URL, inline status, bulk complete, create and edit. */
export function TasksPage() {
  const api = useWorkApi();
  const { grants } = useAuth();
  const profile = useProfile();
  const lookups = useLookups();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const { taskId } = useParams();
  const navigate = useNavigate();
  const paramsKey = params.toString();
  const filters = useMemo(() => taskFiltersFromParams(new URLSearchParams(paramsKey)), [paramsKey]);
  const setFilters = (next: TaskFilters) => setParams(paramsFromTaskFilters(next), { replace: true });
  const canWrite = grants.can(Permission.tasksWrite);
  const canAssign = grants.can(Permission.workAssign);
  const rangeError = dueRangeError(filters);
  const query = taskQuery(filters, { canAssign, timeZone: viewerTimeZone() });
  const [editing, setEditing] = useState<Task | "new" | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const tasks = useInfiniteQuery({
    queryKey: [...taskKeys.all, "list", query],
    queryFn: ({ pageParam, signal }) => api.tasks(query, pageParam, PAGE_SIZE, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: rangeError === null,
    meta: { inlineErrors: true },
  });
  const items = useMemo(() => tasks.data?.pages.flatMap((page) => page.items) ?? [], [tasks.data]);
  const me = profile.user.user_id;
  const selectable = items.filter((task) => task.status !== "done" && mayWork(task, me, canWrite, canAssign));
  const chosen = selectable.filter((task) => selected.has(task.task_id));

  const bulk = useMutation({
    mutationFn: (taskIds: string[]) => api.bulkCompleteTasks(taskIds),
    onSuccess: async (result) => {
      const message = bulkCompleteMessage(result);
      toast[message.tone](message.text);
      setSelected(new Set());
      await queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
  });

  return (
    <>
      <PageHeader
        title="Tasks"
        subtitle={canAssign ? "Your team's work items, with due dates, priority and status" : "Your work items, with due dates, priority and status"}
        actions={
          canWrite && (
            <Button variant="primary" onClick={() => setEditing("new")}>
              New task
            </Button>
          )
        }
      />
      <TaskFiltersBar filters={filters} lookups={lookups} canAssign={canAssign} rangeError={rangeError} onChange={setFilters} />
      {canWrite && <BulkBar chosen={chosen} busy={bulk.isPending} onComplete={(ids) => bulk.mutate(ids)} />}
      {rangeError === null && (
        <TaskResults
          tasks={tasks}
          items={items}
          filtered={hasTaskFilters(filters)}
          onClearFilters={() => setFilters({ sort: filters.sort })}
          table={
            <TaskTable
              items={items}
              selectable={selectable}
              selected={selected}
              onSelect={setSelected}
              showAssignee={canAssign}
              lookups={lookups}
              onOpen={(task) => setEditing(task)}
            />
          }
        />
      )}
      {editing && <TaskDialog task={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
      {taskId && !editing && <LinkedTask taskId={taskId} onClose={() => navigate({ pathname: "/tasks", search: paramsKey })} />}
    </>
  );
}

function BulkBar({ chosen, busy, onComplete }: { chosen: Task[]; busy: boolean; onComplete: (taskIds: string[]) => void }) {
  return (
    <div className="bulk-bar">
      <span className="muted" aria-live="polite">
        {chosen.length === 0 ? "Select tasks to complete several at once." : `${chosen.length} selected`}
      </span>
      <Button
        variant="primary"
        disabled={chosen.length === 0}
        busy={busy}
        onClick={() => onComplete(chosen.map((task) => task.task_id))}
      >
        Complete selected
      </Button>
    </div>
  );
}

function TaskResults({
  tasks,
  items,
  filtered,
  onClearFilters,
  table,
}: {
  tasks: UseInfiniteQueryResult<InfiniteData<TaskPage>>;
  items: Task[];
  filtered: boolean;
  onClearFilters: () => void;
  table: ReactNode;
}) {
  const { grants } = useAuth();
  if (tasks.isPending) return <Spinner label="Loading tasks" />;
  if (tasks.isError) {
    return (
      <Alert title="The tasks could not be loaded" actions={<Button onClick={() => void tasks.refetch()}>Try again</Button>}>
        {errorMessage(tasks.error)}
      </Alert>
    );
  }
  if (items.length === 0) {
    return (
      <EmptyState title={filtered ? "No task matches these filters" : "No open tasks"}>
        {filtered ? (
          <Button onClick={onClearFilters}>Clear filters</Button>
        ) : (
          grants.can(Permission.tasksWrite) && <p>Create one with New task.</p>
        )}
      </EmptyState>
    );
  }
  return (
    <>
      {table}
      {tasks.hasNextPage && (
        <div className="queue-more">
          <Button busy={tasks.isFetchingNextPage} onClick={() => void tasks.fetchNextPage()}>
            Load more tasks
          </Button>
        </div>
      )}
    </>
  );
}

/** /tasks/{id} (a reminder email's link): the task opened over the queue. */
function LinkedTask({ taskId, onClose }: { taskId: string; onClose: () => void }) {
  const api = useWorkApi();
  const task = useQuery({
    queryKey: [...taskKeys.all, "one", taskId],
    queryFn: () => api.getTask(taskId),
    meta: { inlineErrors: true },
  });
  if (task.isPending) return null;
  if (task.isError) {
    return (
      <Alert title="This task could not be opened" actions={<Button onClick={onClose}>Close</Button>}>
        {errorMessage(task.error)}
      </Alert>
    );
  }
  return <TaskDialog key={task.data.version} task={task.data} onClose={onClose} />;
}

function TaskFiltersBar({
  filters,
  lookups,
  canAssign,
  rangeError,
  onChange,
}: {
  filters: TaskFilters;
  lookups: Lookups;
  canAssign: boolean;
  rangeError: string | null;
  onChange: (filters: TaskFilters) => void;
}) {
  const set = (patch: Partial<Record<keyof TaskFilters, string | boolean>>) => {
    const next: Record<string, unknown> = { ...filters, ...patch };
    for (const key of Object.keys(next)) if (next[key] === "" || next[key] === false) delete next[key];
    onChange(next as unknown as TaskFilters);
  };
  return (
    <form className="filters task-filters" role="search" aria-label="Filter tasks" onSubmit={(event) => event.preventDefault()}>
      {canAssign && (
        <SelectField
          label="Assignee"
          options={[
            { value: "", label: "Everyone" },
            ...assignableUsers(lookups.users, "task").map((user) => ({ value: user.user_id, label: user.name || user.email })),
          ]}
          value={filters.assignee ?? ""}
          onChange={(event) => set({ assignee: event.target.value })}
        />
      )}
      <SelectField
        label="Status"
        options={[{ value: "", label: "Open and in progress" }, ...TASK_STATUSES]}
        value={filters.status ?? ""}
        onChange={(event) => {
          const status = event.target.value;
          set(status === "done" ? { status, overdue: false } : { status });
        }}
      />
      <SelectField
        label="Priority"
        options={[{ value: "", label: "Any priority" }, ...TASK_PRIORITIES]}
        value={filters.priority ?? ""}
        onChange={(event) => set({ priority: event.target.value })}
      />
      <TextField label="Due from" type="date" value={filters.dueFrom ?? ""} onChange={(event) => set({ dueFrom: event.target.value })} />
      <TextField
        label="Due to"
        type="date"
        value={filters.dueTo ?? ""}
        error={rangeError ?? undefined}
        onChange={(event) => set({ dueTo: event.target.value })}
      />
      <CheckboxField
        label="Overdue only"
        checked={Boolean(filters.overdue)}
        disabled={filters.status === "done"}
        onChange={(event) => set({ overdue: event.target.checked })}
      />
      <SelectField
        label="Sort"
        options={TASK_SORTS}
        value={filters.sort}
        onChange={(event) => set({ sort: event.target.value })}
      />
      {hasTaskFilters(filters) && (
        <Button variant="ghost" className="filters-clear" onClick={() => onChange({ sort: filters.sort })}>
          Clear filters
        </Button>
      )}
    </form>
  );
}

function CheckboxField({ label, ...input }: { label: string } & Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  const id = useId();
  return (
    <div className="field checkbox-field">
      <input id={id} type="checkbox" {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

function TaskTable({
  items,
  selectable,
  selected,
  onSelect,
  showAssignee,
  lookups,
  onOpen,
}: {
  items: Task[];
  selectable: Task[];
  selected: ReadonlySet<string>;
  onSelect: (selected: ReadonlySet<string>) => void;
  showAssignee: boolean;
  lookups: Lookups;
  onOpen: (task: Task) => void;
}) {
  const { grants } = useAuth();
  const profile = useProfile();
  const canWrite = grants.can(Permission.tasksWrite);
  const canAssign = grants.can(Permission.workAssign);
  const selectableIds = new Set(selectable.map((task) => task.task_id));
  const allSelected = selectable.length > 0 && selectable.every((task) => selected.has(task.task_id));
  const toggle = (taskId: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(taskId);
    else next.delete(taskId);
    onSelect(next);
  };

  return (
    <div className="table-wrap">
      <table className="table task-table">
        <caption className="visually-hidden">Tasks</caption>
        <thead>
          <tr>
            {canWrite && (
              <th scope="col" className="select-cell">
                <input
                  type="checkbox"
                  aria-label="Select all tasks shown"
                  checked={allSelected}
                  disabled={selectable.length === 0}
                  onChange={(event) => onSelect(event.target.checked ? new Set(selectableIds) : new Set())}
                />
              </th>
            )}
            <th scope="col">Task</th>
            <th scope="col">Lead</th>
            <th scope="col">Due</th>
            <th scope="col">Priority</th>
            <th scope="col">Status</th>
            {showAssignee && <th scope="col">Assignee</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((task) => {
            const workable = mayWork(task, profile.user.user_id, canWrite, canAssign);
            return (
              <tr key={task.task_id} className={task.status === "done" ? "task-done" : undefined}>
                {canWrite && (
                  <td className="select-cell">
                    <input
                      type="checkbox"
                      aria-label={`Select ${task.title}`}
                      checked={selected.has(task.task_id)}
                      disabled={!selectableIds.has(task.task_id)}
                      onChange={(event) => toggle(task.task_id, event.target.checked)}
                    />
                  </td>
                )}
                <td>
                  {workable ? (
                    <button type="button" className="link-button task-title" onClick={() => onOpen(task)}>
                      {task.title}
                    </button>
                  ) : (
                    <span className="task-title">{task.title}</span>
                  )}
                  {task.description && <span className="block muted task-description">{task.description}</span>}
                </td>
                <td>
                  {task.lead_id ? (
                    <Link to={`/leads/${encodeURIComponent(task.lead_id)}`}>{task.lead_name || "Unnamed lead"}</Link>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="nowrap">
                  <time dateTime={task.due_at}>{formatDateTime(task.due_at)}</time>
                  {task.overdue && <span className="block overdue-text">Overdue</span>}
                </td>
                <td>
                  <span className={`badge priority-${task.priority}`}>{priorityLabel(task.priority)}</span>
                </td>
                <td>
                  <StatusCell task={task} editable={workable} />
                </td>
                {showAssignee && <td>{lookups.ownerName(task.assignee_id)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function StatusCell({ task, editable }: { task: Task; editable: boolean }) {
  const api = useWorkApi();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (status: TaskStatus) => api.updateTask(task.task_id, { status, version: task.version }),
    onSuccess: (saved) => {
      toast.success(`“${saved.title}” is ${TASK_STATUSES.find((s) => s.value === saved.status)?.label.toLowerCase()}`);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });
  const label = TASK_STATUSES.find((status) => status.value === task.status)?.label ?? task.status;
  if (!editable) return <span className={`badge status-${task.status}`}>{label}</span>;
  return (
    <select
      className="status-select"
      aria-label={`Status of ${task.title}`}
      value={change.isPending && change.variables ? change.variables : task.status}
      disabled={change.isPending}
      onChange={(event) => change.mutate(event.target.value as TaskStatus)}
    >
      {TASK_STATUSES.map((status) => (
        <option key={status.value} value={status.value}>
          {status.label}
        </option>
      ))}
    </select>
  );
}
