// The follow-up queue's logic: which group an item is in, snooze times, labels, who may act.

import type { Role, User } from "../../accounts/types";
import type { FollowUp, FollowUpSnooze, FollowUpType } from "../types";
import { localIso, startOfNextDay } from "./dueTime";

export const FOLLOWUP_TYPES: readonly { value: FollowUpType; label: string }[] = [
  { value: "call", label: "Call" },
  { value: "email", label: "Email" },
  { value: "sms", label: "SMS" },
  { value: "meeting", label: "Meeting" },
];

export function typeLabel(type: FollowUpType): string {
  return FOLLOWUP_TYPES.find((option) => option.value === type)?.label ?? type;
}

export type QueueGroup = "overdue" | "today" | "upcoming";

export const QUEUE_GROUPS: readonly { group: QueueGroup; title: string; empty: string }[] = [
  { group: "overdue", title: "Overdue", empty: "Nothing overdue." },
  { group: "today", title: "Today", empty: "Nothing else due today." },
  { group: "upcoming", title: "Upcoming", empty: "Nothing scheduled after today." },
];

/**
 * Where an open follow-up stands: overdue once its attention time (the snooze's end, else the due
 * time) has passed, today until the end of the viewer's day, upcoming after that.
 */
export function groupOf(attentionAt: string, now: Date): QueueGroup {
  const at = new Date(attentionAt).getTime();
  if (at < now.getTime()) return "overdue";
  return at < startOfNextDay(now).getTime() ? "today" : "upcoming";
}

/** Open follow-ups by group, each group soonest first (overdue: the longest overdue first). */
export function groupQueue(items: readonly FollowUp[], now: Date): Record<QueueGroup, FollowUp[]> {
  const groups: Record<QueueGroup, FollowUp[]> = { overdue: [], today: [], upcoming: [] };
  const seen = new Set<string>();
  for (const item of items) {
    if (item.status !== "open" || seen.has(item.followup_id)) continue;
    seen.add(item.followup_id);
    groups[groupOf(item.attention_at, now)].push(item);
  }
  const byAttention = (a: FollowUp, b: FollowUp) =>
    new Date(a.attention_at).getTime() - new Date(b.attention_at).getTime();
  for (const group of Object.values(groups)) group.sort(byAttention);
  return groups;
}

export type SnoozeChoice = "15m" | "1h" | "tomorrow";

export const SNOOZE_CHOICES: readonly { choice: SnoozeChoice; label: string }[] = [
  { choice: "15m", label: "15 minutes" },
  { choice: "1h", label: "1 hour" },
  { choice: "tomorrow", label: "Tomorrow 9:00" },
];

/** Tomorrow morning begins at this hour of the viewer's day. */
export const MORNING_HOUR = 9;

/** The POST .../snooze body for a choice: minutes from now, or tomorrow at 9:00 the viewer's time. */
export function snoozeRequest(choice: SnoozeChoice, now: Date): FollowUpSnooze {
  if (choice === "15m") return { minutes: 15 };
  if (choice === "1h") return { minutes: 60 };
  const tomorrow = startOfNextDay(now);
  tomorrow.setHours(MORNING_HOUR, 0, 0, 0);
  return { until: localIso(tomorrow) };
}

/** Roles that work follow-ups (Staff read them, but are given none); a user's `role` is its name. */
const FOLLOWUP_ROLES: ReadonlySet<string> = new Set<Role>(["Admin", "Manager", "Sales"]);
const TASK_ROLES: ReadonlySet<string> = new Set<Role>(["Admin", "Manager", "Sales", "Staff"]);

/** Active users who can be given this kind of work, by name. */
export function assignableUsers(users: readonly User[], work: "followup" | "task"): User[] {
  const roles = work === "followup" ? FOLLOWUP_ROLES : TASK_ROLES;
  return users
    .filter((user) => user.status === "active" && roles.has(user.role))
    .sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email));
}

/** A user may change their own work; with `work:assign`, anyone's. */
export function mayWork(
  item: { assignee_id: string },
  me: string,
  canWrite: boolean,
  canAssign: boolean,
): boolean {
  return canWrite && (item.assignee_id === me || canAssign);
}
