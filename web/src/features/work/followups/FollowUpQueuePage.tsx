import { useInfiniteQuery } from "@tanstack/react-query";
import { useId, useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { errorMessage } from "../../../api/errors";
import { useAuth, useProfile } from "../../../auth/AuthProvider";
import { Permission } from "../../../auth/permissions";
import { Alert, Button, PageHeader, SelectField, Spinner } from "../../../components/ui";
import { formatDate } from "../../../lib/format";
import { type Lookups, useLookups } from "../../../lib/lookups";
import { useWorkApi } from "../api";
import type { FollowUp } from "../types";
import { DueCell } from "./DueCell";
import { viewerTimeZone } from "./dueTime";
import { FollowUpActions } from "./FollowUpActions";
import { assignableUsers, groupQueue, mayWork, QUEUE_GROUPS, type QueueGroup } from "./model";
import { followUpKeys, useFollowUpActions, useNow, type FollowUpActions as Actions } from "./queries";
import { paramsFromQueueView, queueQuery, queueViewFromParams, type QueueAccess, type QueueView } from "./queueQuery";
import { TypeBadge } from "./TypeIcon";
import "./followups.css";

const PAGE_SIZE = 100;

/** The follow-up queue: mine or the team's, overdue first, then today, then upcoming. */
export function FollowUpQueuePage() {
  const api = useWorkApi();
  const { grants } = useAuth();
  const [params, setParams] = useSearchParams();
  const access: QueueAccess = { team: grants.can(Permission.leadsReadAll), own: grants.can(Permission.followupsWrite) };
  const view = queueViewFromParams(params, access);
  const timeZone = viewerTimeZone();
  const query = queueQuery(view, timeZone);
  const setView = (next: QueueView) => setParams(paramsFromQueueView(next, access), { replace: true });
  const now = useNow();
  const lookups = useLookups();
  const actions = useFollowUpActions();

  const queue = useInfiniteQuery({
    queryKey: followUpKeys.queue(query),
    queryFn: ({ pageParam, signal }) => api.followUpQueue(query, pageParam, PAGE_SIZE, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: 60_000,
  });
  const items = useMemo(() => queue.data?.pages.flatMap((page) => page.items) ?? [], [queue.data]);
  const groups = useMemo(() => groupQueue(items, now), [items, now]);

  return (
    <>
      <PageHeader
        title="Follow-ups"
        subtitle="Calls, emails, texts and meetings owed to your leads: overdue first, then today, then upcoming"
        actions={
          <Button busy={queue.isRefetching && !queue.isFetchingNextPage} onClick={() => void queue.refetch()}>
            Refresh
          </Button>
        }
      />
      <QueueToolbar view={view} access={access} lookups={lookups} onView={setView} />
      {queue.isPending ? (
        <Spinner label="Loading follow-ups" />
      ) : queue.isError ? (
        <Alert title="The follow-ups could not be loaded" actions={<Button onClick={() => void queue.refetch()}>Try again</Button>}>
          {errorMessage(queue.error)}
        </Alert>
      ) : (
        <>
          {QUEUE_GROUPS.map(({ group, title, empty }) => (
            <QueueSection
              key={group}
              group={group}
              title={title}
              empty={empty}
              items={groups[group]}
              now={now}
              team={view.scope === "team"}
              lookups={lookups}
              actions={actions}
            />
          ))}
          {queue.hasNextPage && (
            <div className="queue-more">
              <Button busy={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()}>
                Load more follow-ups
              </Button>
            </div>
          )}
        </>
      )}
    </>
  );
}

function QueueToolbar({
  view,
  access,
  lookups,
  onView,
}: {
  view: QueueView;
  access: QueueAccess;
  lookups: Lookups;
  onView: (view: QueueView) => void;
}) {
  const people = assignableUsers(lookups.users, "followup");
  return (
    <div className="queue-toolbar">
      {access.team && (
        <div className="segmented" role="group" aria-label="Whose follow-ups">
          <button type="button" aria-pressed={view.scope === "mine"} onClick={() => onView({ scope: "mine" })}>
            Mine
          </button>
          <button type="button" aria-pressed={view.scope === "team"} onClick={() => onView({ scope: "team" })}>
            Team
          </button>
        </div>
      )}
      {view.scope === "team" && (
        <SelectField
          label="Assignee"
          className="queue-assignee"
          options={[{ value: "", label: "Everyone" }, ...people.map((user) => ({ value: user.user_id, label: user.name || user.email }))]}
          value={view.assigneeId ?? ""}
          onChange={(event) => onView({ scope: "team", ...(event.target.value ? { assigneeId: event.target.value } : {}) })}
        />
      )}
    </div>
  );
}

function QueueSection({
  group,
  title,
  empty,
  items,
  now,
  team,
  lookups,
  actions,
}: {
  group: QueueGroup;
  title: string;
  empty: string;
  items: FollowUp[];
  now: Date;
  team: boolean;
  lookups: Lookups;
  actions: Actions;
}) {
  const headingId = useId();
  const profile = useProfile();
  const { grants } = useAuth();
  const canWrite = grants.can(Permission.followupsWrite);
  const canAssign = grants.can(Permission.workAssign);
  return (
    <section className={`queue-section queue-${group}`} aria-labelledby={headingId}>
      <div className="queue-heading">
        <h2 id={headingId}>{title}</h2>
        <span className="badge" aria-label={`${items.length} ${items.length === 1 ? "follow-up" : "follow-ups"}`}>
          {items.length}
        </span>
      </div>
      {items.length === 0 ? (
        <p className="muted queue-empty">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table queue-table">
            <caption className="visually-hidden">{`${title} follow-ups`}</caption>
            <thead>
              <tr>
                <th scope="col">Lead</th>
                <th scope="col">Type</th>
                <th scope="col">Due</th>
                {team && <th scope="col">Assignee</th>}
                <th scope="col">Note</th>
                <th scope="col">Added</th>
                {canWrite && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.followup_id}>
                  <td>
                    <Link className="lead-name" to={`/leads/${encodeURIComponent(item.lead_id)}`}>
                      {item.lead_name || "Unnamed lead"}
                    </Link>
                    {item.lead_deleted && <span className="muted"> (deleted)</span>}
                  </td>
                  <td>
                    <TypeBadge type={item.type} />
                  </td>
                  <td className="nowrap">
                    <DueCell item={item} group={group} now={now} />
                  </td>
                  {team && <td>{lookups.ownerName(item.assignee_id)}</td>}
                  <td className="queue-note">{item.note || <span className="muted">—</span>}</td>
                  <td className="nowrap muted">{formatDate(item.created_at)}</td>
                  {canWrite && (
                    <td>
                      {mayWork(item, profile.user.user_id, canWrite, canAssign) ? (
                        <FollowUpActions item={item} actions={actions} />
                      ) : (
                        <span className="muted">Assigned to {lookups.ownerName(item.assignee_id)}</span>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
