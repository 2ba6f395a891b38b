// Notification preferences: the kinds a user is told about, and the channel for each.

import type { NotificationChannel } from "../types";

export const CHANNELS: readonly { value: NotificationChannel; label: string }[] = [
  { value: "in_app", label: "In-app" },
  { value: "email", label: "Email" },
  { value: "both", label: "Both" },
  { value: "none", label: "None" },
];

/** The kinds the API knows, in the order a person reads them; a kind it adds later shows by its name. */
export const KINDS: readonly { kind: string; label: string; description: string }[] = [
  { kind: "lead_assigned", label: "Lead assigned to you", description: "A lead is given to you" },
  { kind: "lead_moved", label: "Lead moved", description: "One of your leads changes stage" },
  { kind: "lead_won", label: "Lead won", description: "One of your leads is won" },
  { kind: "followup_due", label: "Follow-up due", description: "A follow-up of yours falls due" },
  { kind: "followup_overdue", label: "Follow-up overdue", description: "A follow-up of yours is still open after it was due" },
  { kind: "task_due", label: "Task due", description: "A task of yours falls due" },
  { kind: "task_overdue", label: "Task overdue", description: "A task of yours is still open after it was due" },
];

const isChannel = (value: unknown): value is NotificationChannel => CHANNELS.some((c) => c.value === value);

/** Every kind the API answered, known ones first in their order, with a label. */
export function preferenceRows(channels: Record<string, NotificationChannel>) {
  const known = KINDS.filter((entry) => entry.kind in channels);
  const extra = Object.keys(channels)
    .filter((kind) => !KINDS.some((entry) => entry.kind === kind))
    .sort()
    .map((kind) => ({ kind, label: kind.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()), description: "" }));
  return [...known, ...extra];
}

/** The kinds whose channel differs from what is saved: what PUT sends. */
export function changedChannels(
  saved: Record<string, NotificationChannel>,
  chosen: Record<string, NotificationChannel>,
): Record<string, NotificationChannel> {
  const changes: Record<string, NotificationChannel> = {};
  for (const [kind, channel] of Object.entries(chosen)) {
    if (isChannel(channel) && saved[kind] !== channel) changes[kind] = channel;
  }
  return changes;
}
