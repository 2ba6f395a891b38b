// The bell's logic: its label and badge, where a notification leads, notifications about one lead
// gathered into one entry, and read marks applied to the pages already loaded (so the list changes
// at once, before the API's answer is read again).

import type { InfiniteData } from "@tanstack/react-query";
import type { AppNotification, NotificationPage } from "./types";

export const UNREAD_POLL_MS = 20_000;

export const notificationKeys = {
  all: ["notifications"] as const,
  unread: ["notifications", "unread-count"] as const,
  list: ["notifications", "list"] as const,
};

export type NotificationPages = InfiniteData<NotificationPage, unknown>;

/** The bell button's accessible name: the count is part of it, since the badge is only drawn. */
export function bellLabel(unread: number): string {
  // The name says what the badge shows ("99+", not 150): what is heard matches what is seen.
  const badge = badgeText(unread);
  return badge ? `Notifications, ${badge} unread` : "Notifications";
}

/** The badge's text, or null for no badge. */
export function badgeText(unread: number): string | null {
  if (!Number.isFinite(unread) || unread <= 0) return null;
  return unread > 99 ? "99+" : String(unread);
}

/** Where clicking a notification goes: its lead, else the follow-up or task queue. */
export function notificationTarget(notification: Pick<AppNotification, "lead_id" | "followup_id" | "task_id">): string | null {
  if (notification.lead_id) return `/leads/${encodeURIComponent(notification.lead_id)}`;
  if (notification.followup_id) return "/followups";
  if (notification.task_id) return "/tasks";
  return null;
}

/** "just now", "5 min ago", "3 h ago", "2 d ago"; older ones by date. */
export function timeAgo(iso: string, now: number, formatDate: (iso: string) => string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = Math.max(0, (now - at) / 1000);
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  if (seconds < 7 * 86_400) return `${Math.floor(seconds / 86_400)} d ago`;
  return formatDate(iso);
}

function mapItems(data: NotificationPages, change: (item: AppNotification) => AppNotification): NotificationPages {
  return { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(change) })) };
}

/** One notification read, in the loaded pages. */
export function markReadInPages(data: NotificationPages, notificationId: string, at: string): NotificationPages {
  return mapItems(data, (item) =>
    item.notification_id === notificationId && !item.read ? { ...item, read: true, read_at: at } : item,
  );
}

/** Every loaded notification read. */
export function markAllReadInPages(data: NotificationPages, at: string): NotificationPages {
  return mapItems(data, (item) => (item.read ? item : { ...item, read: true, read_at: at }));
}

/** The loaded notifications in one list, newest first, each once. */
export function flattenPages(data: NotificationPages | undefined): AppNotification[] {
  const seen = new Set<string>();
  const items: AppNotification[] = [];
  for (const page of data?.pages ?? []) {
    for (const item of page.items) {
      if (seen.has(item.notification_id)) continue;
      seen.add(item.notification_id);
      items.push(item);
    }
  }
  return items;
}

/** One entry in the bell's list: a notification alone, or a run of them about one lead. */
export type BellEntry =
  | { kind: "single"; key: string; notification: AppNotification }
  | { kind: "lead"; key: string; leadId: string; notifications: AppNotification[]; unread: number };

/**
 * The list as the bell shows it: notifications about the same lead that follow one another (newest
 * first) become one entry, newest on top, so a busy lead takes one line; one without a lead, or
 * alone about its lead, stays as it is.
 */
export function groupByLead(items: readonly AppNotification[]): BellEntry[] {
  const entries: BellEntry[] = [];
  let run: AppNotification[] = [];
  const close = () => {
    const first = run[0];
    if (!first) return;
    if (run.length === 1 || !first.lead_id) {
      entries.push({ kind: "single", key: first.notification_id, notification: first });
    } else {
      const unread = run.filter((item) => !item.read).length;
      entries.push({ kind: "lead", key: first.notification_id, leadId: first.lead_id, notifications: run, unread });
    }
    run = [];
  };
  for (const item of items) {
    if (!item.lead_id || item.lead_id !== run[0]?.lead_id) close();
    run.push(item);
    if (!item.lead_id) close();
  }
  close();
  return entries;
}

/** A lead's entry's headline: "3 updates on Dana Reyes" (or "on one lead" for notifications written
 * before they carried the lead's name). */
export function leadEntryTitle(count: number, leadName?: string | null): string {
  return `${count} updates on ${leadName?.trim() || "one lead"}`;
}
