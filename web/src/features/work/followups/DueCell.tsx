import { formatDateTime, formatDuration } from "../../../lib/format";
import type { FollowUp } from "../types";
import type { QueueGroup } from "./model";

/** When a follow-up is due, its snooze, and how late it is. */
export function DueCell({ item, group, now }: { item: FollowUp; group: QueueGroup | "done"; now: Date }) {
  const late = group === "overdue" ? (now.getTime() - new Date(item.attention_at).getTime()) / 1000 : null;
  return (
    <>
      <time dateTime={item.due_at}>{formatDateTime(item.due_at)}</time>
      {item.snoozed_until && item.status === "open" && (
        <span className="block muted">
          Snoozed until <time dateTime={item.snoozed_until}>{formatDateTime(item.snoozed_until)}</time>
        </span>
      )}
      {late !== null && late > 0 && <span className="block overdue-text">{formatDuration(late)} overdue</span>}
    </>
  );
}
