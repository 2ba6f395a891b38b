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
  markAllReadInPages,
  markReadInPages,
  notificationKeys,
  notificationTarget,
  timeAgo,
  UNREAD_POLL_MS,
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
    const target = notificationTarget(notification);
    if (target) {
      onClose();
      navigate(target);
    }
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
          {items.map((notification) => (
            <li key={notification.notification_id}>
              <button
                type="button"
                className={`bell-item ${notification.read ? "" : "unread"}`}
                onClick={() => open(notification)}
              >
                {!notification.read && <span className="visually-hidden">Unread: </span>}
                <span className="bell-item-title">{notification.title}</span>
                <span className="bell-item-body">{notification.body}</span>
                <time className="bell-item-time" dateTime={notification.created_at} title={formatDateTime(notification.created_at)}>
                  {timeAgo(notification.created_at, now, formatDate)}
                </time>
              </button>
            </li>
          ))}
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
