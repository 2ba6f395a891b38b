import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Alert, Button, Spinner } from "../../components/ui";
import { formatDate, formatDateTime } from "../../lib/format";
import { useNotificationsApi } from "./api";
import {
  badgeText,
  bellLabel,
  flattenPages,
  groupByLead,
  leadEntryTitle,
  markAllReadInPages,
  markReadInPages,
  notificationKeys,
  notificationTarget,
  timeAgo,
  UNREAD_POLL_MS,
  type BellEntry,
  type NotificationPages,
} from "./notificationsModel";
import type { AppNotification, UnreadCount } from "./types";
import "./notifications.css";

const PAGE = 10;

/** The bell in the top bar, for roles with in-app notifications. */
export function NotificationBell() {
  const { grants } = useAuth();
  return grants.can(Permission.notificationsRead) ? <Bell /> : null;
}

function useUnreadCount() {
  const api = useNotificationsApi();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: notificationKeys.unread,
    // A count that cannot be read keeps the last one rather than raising an error every poll.
    queryFn: async (): Promise<UnreadCount> => {
      try {
        return await api.unreadCount();
      } catch (error) {
        const last = queryClient.getQueryData<UnreadCount>(notificationKeys.unread);
        if ((error instanceof ApiError && error.isSessionError) || !last) throw error;
        return last;
      }
    },
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: "always",
    staleTime: 5_000,
    meta: { inlineErrors: true },
  });
}

function Bell() {
  const [open, setOpen] = useState(false);
  const count = useUnreadCount();
  const unread = count.data?.unread_count ?? 0;
  const badge = badgeText(unread);
  const popoverId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onMouseDown = (event: MouseEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("mousedown", onMouseDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onMouseDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div className="bell" ref={wrapper}>
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-label={bellLabel(unread)}
        aria-expanded={open}
        aria-controls={open ? popoverId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path
            d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15zM10 20a2 2 0 0 0 4 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        {/* Beside the icon, at its top right, so it never hides the bell itself. */}
        {badge && (
          <span className="bell-badge" aria-hidden="true">
            {badge}
          </span>
        )}
      </button>
      {open && <NotificationPopover id={popoverId} unread={unread} onClose={() => setOpen(false)} />}
    </div>
  );
}

function NotificationPopover({ id, unread, onClose }: { id: string; unread: number; onClose: () => void }) {
  const api = useNotificationsApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const titleId = useId();
  const list = useInfiniteQuery({
    queryKey: notificationKeys.list,
    queryFn: ({ pageParam }) => api.notifications(pageParam, PAGE),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    staleTime: 0,
  });
  const firstPage = list.data?.pages[0];
  useEffect(() => {
    if (firstPage) queryClient.setQueryData<UnreadCount>(notificationKeys.unread, { unread_count: firstPage.unread_count });
  }, [firstPage, queryClient]);

  const setUnread = (change: (count: number) => number) =>
    queryClient.setQueryData<UnreadCount>(notificationKeys.unread, (old) => ({
      unread_count: Math.max(0, change(old?.unread_count ?? 0)),
    }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });

  const markRead = useMutation({
    mutationFn: (notification: AppNotification) => api.markNotificationRead(notification.notification_id),
    onMutate: (notification) => {
      queryClient.setQueryData<NotificationPages>(notificationKeys.list, (data) =>
        data ? markReadInPages(data, notification.notification_id, new Date().toISOString()) : data,
      );
      setUnread((count) => count - 1);
    },
    onSettled: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => api.markAllNotificationsRead(),
    onSuccess: (result) => {
      queryClient.setQueryData<NotificationPages>(notificationKeys.list, (data) =>
        data ? markAllReadInPages(data, new Date().toISOString()) : data,
      );
      queryClient.setQueryData<UnreadCount>(notificationKeys.unread, result);
    },
    onSettled: refresh,
  });

  function open(notification: AppNotification) {
    if (!notification.read) markRead.mutate(notification);
    go(notificationTarget(notification));
  }

  function openLead(entry: Extract<BellEntry, { kind: "lead" }>) {
    for (const notification of entry.notifications) if (!notification.read) markRead.mutate(notification);
    go(notificationTarget({ lead_id: entry.leadId, followup_id: null, task_id: null }));
  }

  function go(target: string | null) {
    if (!target) return;
    onClose();
    navigate(target);
  }

  const items = flattenPages(list.data);
  const now = Date.now();
  return (
    <div id={id} className="bell-popover" role="dialog" aria-labelledby={titleId}>
      <div className="bell-popover-header">
        <h2 id={titleId}>Notifications</h2>
        <Button
          variant="ghost"
          className="btn-small"
          busy={markAll.isPending}
          disabled={unread === 0 && !items.some((item) => !item.read)}
          onClick={() => markAll.mutate()}
        >
          Mark all read
        </Button>
      </div>
      {list.isPending ? (
        <Spinner label="Loading your notifications" />
      ) : list.isError ? (
        <Alert title="Your notifications could not be loaded" actions={<Button onClick={() => void list.refetch()}>Try again</Button>}>
          {errorMessage(list.error)}
        </Alert>
      ) : items.length === 0 ? (
        <p className="muted bell-empty">You have no notifications.</p>
      ) : (
        <ul className="bell-list" aria-label="Your notifications">
          {groupByLead(items).map((entry) =>
            entry.kind === "single" ? (
              <li key={entry.key}>
                <NotificationItem notification={entry.notification} now={now} onOpen={open} />
              </li>
            ) : (
              <LeadEntry key={entry.key} entry={entry} now={now} onOpenLead={openLead} onOpen={open} />
            ),
          )}
        </ul>
      )}
      {list.hasNextPage && (
        <Button className="btn-small bell-more" busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          Load more notifications
        </Button>
      )}
    </div>
  );
}

function NotificationItem({
  notification,
  now,
  onOpen,
}: {
  notification: AppNotification;
  now: number;
  onOpen: (notification: AppNotification) => void;
}) {
  return (
    <button
      type="button"
      className={`bell-item ${notification.read ? "" : "unread"}`}
      onClick={() => onOpen(notification)}
    >
      {!notification.read && <span className="visually-hidden">Unread: </span>}
      <span className="bell-item-title">{notification.title}</span>
      <span className="bell-item-body">{notification.body}</span>
      <NotificationTime at={notification.created_at} now={now} />
    </button>
  );
}

function NotificationTime({ at, now }: { at: string; now: number }) {
  return (
    <time className="bell-item-time" dateTime={at} title={formatDateTime(at)}>
      {timeAgo(at, now, formatDate)}
    </time>
  );
}

/** Notifications in a row about one lead: one line that opens the lead (and marks them all read),
 * and a toggle that lists each of them. */
function LeadEntry({
  entry,
  now,
  onOpenLead,
  onOpen,
}: {
  entry: Extract<BellEntry, { kind: "lead" }>;
  now: number;
  onOpenLead: (entry: Extract<BellEntry, { kind: "lead" }>) => void;
  onOpen: (notification: AppNotification) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  const newest = entry.notifications[0]!;
  const count = entry.notifications.length;
  return (
    <li className="bell-group">
      <div className="bell-group-head">
        <button
          type="button"
          className={`bell-item ${entry.unread > 0 ? "unread" : ""}`}
          onClick={() => onOpenLead(entry)}
        >
          {entry.unread > 0 && <span className="visually-hidden">Unread: </span>}
          <span className="bell-item-title">
            {leadEntryTitle(count, newest.lead_name)}
            {entry.unread > 0 && entry.unread < count && <span className="bell-group-unread"> · {entry.unread} unread</span>}
          </span>
          <span className="bell-item-body">
            {newest.title} — {newest.body}
          </span>
          <NotificationTime at={newest.created_at} now={now} />
        </button>
        <button
          type="button"
          className="bell-group-toggle"
          aria-label="Show each update"
          aria-expanded={expanded}
          aria-controls={expanded ? listId : undefined}
          onClick={() => setExpanded((value) => !value)}
        >
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
            <path d="M6 9l6 6 6-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
      </div>
      {expanded && (
        <ul id={listId} className="bell-list bell-group-list" aria-label={leadEntryTitle(count, newest.lead_name)}>
          {entry.notifications.map((notification) => (
            <li key={notification.notification_id}>
              <NotificationItem notification={notification} now={now} onOpen={onOpen} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
