import { describe, expect, it } from "vitest";
import {
  badgeText,
  bellLabel,
  flattenPages,
  groupByLead,
  leadEntryTitle,
  markAllReadInPages,
  markReadInPages,
  notificationTarget,
  timeAgo,
  type NotificationPages,
} from "./notificationsModel";
import type { AppNotification, NotificationPage } from "./types";

function notification(id: string, read = false, extra: Partial<AppNotification> = {}): AppNotification {
  return {
    notification_id: id,
    kind: "lead_moved",
    title: "Your lead moved",
    body: "Ann Lee: New to Qualified by Avery Admin",
    lead_id: "lead-1",
    actor_id: "u-admin",
    created_at: "2026-05-01T11:58:00Z",
    read,
    read_at: read ? "2026-05-01T11:59:00Z" : null,
    ...extra,
  };
}

function pages(...lists: AppNotification[][]): NotificationPages {
  const all: NotificationPage[] = lists.map((items, index) => ({
    items,
    next_cursor: index < lists.length - 1 ? `c${index + 1}` : null,
    unread_count: 3,
  }));
  return { pages: all, pageParams: [null, ...all.slice(1).map((_, index) => `c${index + 1}`)] };
}

describe("the bell", () => {
  it("names its unread count, which the badge only draws", () => {
    expect(bellLabel(0)).toBe("Notifications");
    expect(bellLabel(2)).toBe("Notifications, 2 unread");
    expect(bellLabel(150)).toBe("Notifications, 99+ unread");
    expect(badgeText(0)).toBeNull();
    expect(badgeText(-1)).toBeNull();
    expect(badgeText(5)).toBe("5");
    expect(badgeText(7)).toBe("7");
    expect(badgeText(99)).toBe("99");
    expect(badgeText(100)).toBe("99+");
    expect(badgeText(Number.NaN)).toBeNull();
  });

  it("opens the lead, else the follow-up or task queue", () => {
    expect(notificationTarget({ lead_id: "a b", followup_id: null, task_id: null })).toBe("/leads/a%20b");
    expect(notificationTarget({ lead_id: null, followup_id: "f1", task_id: null })).toBe("/followups");
    expect(notificationTarget({ lead_id: null, followup_id: null, task_id: "t1" })).toBe("/tasks");
    expect(notificationTarget({ lead_id: null, followup_id: null, task_id: null })).toBeNull();
  });

  it("says how long ago, then the date", () => {
    const now = Date.parse("2026-05-01T12:00:00Z");
    const date = () => "May 1";
    expect(timeAgo("2026-05-01T11:59:30Z", now, date)).toBe("just now");
    expect(timeAgo("2026-05-01T11:55:00Z", now, date)).toBe("5 min ago");
    expect(timeAgo("2026-05-01T09:00:00Z", now, date)).toBe("3 h ago");
    expect(timeAgo("2026-04-29T12:00:00Z", now, date)).toBe("2 d ago");
    expect(timeAgo("2026-03-01T12:00:00Z", now, date)).toBe("May 1");
    expect(timeAgo("garbage", now, date)).toBe("garbage");
  });
});

describe("read marks on the loaded pages", () => {
  it("marks one notification read, wherever its page", () => {
    const data = pages([notification("n3"), notification("n2")], [notification("n1")]);
    const after = markReadInPages(data, "n1", "2026-05-01T12:00:00Z");
    expect(flattenPages(after).map((n) => [n.notification_id, n.read])).toEqual([
      ["n3", false],
      ["n2", false],
      ["n1", true],
    ]);
    expect(flattenPages(after)[2]!.read_at).toBe("2026-05-01T12:00:00Z");
    expect(flattenPages(data)[2]!.read).toBe(false);
  });

  it("keeps the read time of one already read", () => {
    const data = pages([notification("n1", true)]);
    expect(flattenPages(markReadInPages(data, "n1", "later"))[0]!.read_at).toBe("2026-05-01T11:59:00Z");
    expect(flattenPages(markAllReadInPages(data, "later"))[0]!.read_at).toBe("2026-05-01T11:59:00Z");
  });

  it("marks all read", () => {
    const after = markAllReadInPages(pages([notification("n2")], [notification("n1")]), "now");
    expect(flattenPages(after).every((n) => n.read)).toBe(true);
  });

  it("lists each notification once, newest first as the pages come", () => {
    const data = pages([notification("n3"), notification("n2")], [notification("n2"), notification("n1")]);
    expect(flattenPages(data).map((n) => n.notification_id)).toEqual(["n3", "n2", "n1"]);
    expect(flattenPages(undefined)).toEqual([]);
  });
});

describe("notifications about one lead", () => {
  const about = (id: string, lead: string | null, read = false) =>
    notification(id, read, { lead_id: lead, followup_id: null, task_id: lead ? null : `t-${id}` });
  const shape = (items: AppNotification[]) =>
    groupByLead(items).map((entry) =>
      entry.kind === "single"
        ? entry.notification.notification_id
        : { lead: entry.leadId, ids: entry.notifications.map((n) => n.notification_id), unread: entry.unread },
    );

  it("become one entry when they follow one another, newest first, with how many are unread", () => {
    const items = [about("n5", "dana"), about("n4", "dana"), about("n3", "dana", true), about("n2", "ann")];
    expect(shape(items)).toEqual([{ lead: "dana", ids: ["n5", "n4", "n3"], unread: 2 }, "n2"]);
    const [entry] = groupByLead(items);
    expect(entry?.kind === "lead" && entry.key).toBe("n5");
  });

  it("leave a notification without a lead, or alone about its lead, as it is", () => {
    expect(shape([about("n4", null), about("n3", null), about("n2", "ann"), about("n1", "dana")])).toEqual([
      "n4",
      "n3",
      "n2",
      "n1",
    ]);
    expect(shape([])).toEqual([]);
  });

  it("start a new entry when another lead, or one without a lead, comes between", () => {
    const items = [
      about("n7", "dana"),
      about("n6", "dana"),
      about("n5", null),
      about("n4", "dana"),
      about("n3", "ann"),
      about("n2", "dana"),
      about("n1", "dana"),
    ];
    expect(shape(items)).toEqual([
      { lead: "dana", ids: ["n7", "n6"], unread: 2 },
      "n5",
      "n4",
      "n3",
      { lead: "dana", ids: ["n2", "n1"], unread: 2 },
    ]);
  });

  it("say how many updates", () => {
    expect(leadEntryTitle(3)).toBe("3 updates on one lead");
    expect(leadEntryTitle(3, "Dana Reyes")).toBe("3 updates on Dana Reyes");
    expect(leadEntryTitle(2, " ")).toBe("2 updates on one lead");
  });
});
