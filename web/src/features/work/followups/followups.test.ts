import { describe, expect, it } from "vitest";
import type { User } from "../../accounts/types";
import type { FollowUp } from "../types";
import { apiDueTime, localInputValue, localIso, offsetText, startOfNextDay } from "./dueTime";
import { assignableUsers, groupOf, groupQueue, mayWork, snoozeRequest } from "./model";
import { paramsFromQueueView, queueQuery, queueViewFromParams } from "./queueQuery";

// A fixed clock in the viewer's own zone: noon on 1 May 2026.
const NOW = new Date(2026, 4, 1, 12, 0, 0);
const at = (day: number, hour: number, minute = 0) => new Date(2026, 4, day, hour, minute).toISOString();
const YESTERDAY_9 = new Date(2026, 3, 30, 9).toISOString();

function followUp(id: string, attentionAt: string, patch: Partial<FollowUp> = {}): FollowUp {
  return {
    followup_id: id,
    lead_id: `lead-${id}`,
    type: "call",
    due_at: attentionAt,
    snoozed_until: null,
    attention_at: attentionAt,
    note: null,
    assignee_id: "me",
    status: "open",
    created_at: at(1, 8),
    created_by: "me",
    updated_at: at(1, 8),
    completed_at: null,
    completed_by: null,
    version: 1,
    lead_name: `Lead ${id}`,
    lead_deleted: false,
    bucket: null,
    ...patch,
  };
}

describe("the queue's groups", () => {
  it("puts what needed attention before now in overdue", () => {
    expect(groupOf(at(1, 11, 59), NOW)).toBe("overdue");
    expect(groupOf(YESTERDAY_9, NOW)).toBe("overdue");
  });

  it("puts the rest of the viewer's day in today, and the next day on in upcoming", () => {
    expect(groupOf(NOW.toISOString(), NOW)).toBe("today");
    expect(groupOf(at(1, 23, 59), NOW)).toBe("today");
    expect(groupOf(at(2, 0, 0), NOW)).toBe("upcoming");
    expect(groupOf(at(9, 9), NOW)).toBe("upcoming");
  });

  it("groups open follow-ups, each group soonest first, by when they need attention", () => {
    const items = [
      followUp("tomorrow", at(2, 9)),
      followUp("late-today", at(1, 17)),
      followUp("yesterday", YESTERDAY_9),
      followUp("this-morning", at(1, 9)),
      followUp("snoozed", at(1, 9), { snoozed_until: at(1, 15), attention_at: at(1, 15) }),
      followUp("done", at(1, 8), { status: "done" }),
    ];
    const groups = groupQueue(items, NOW);
    expect(groups.overdue.map((item) => item.followup_id)).toEqual(["yesterday", "this-morning"]);
    expect(groups.today.map((item) => item.followup_id)).toEqual(["snoozed", "late-today"]);
    expect(groups.upcoming.map((item) => item.followup_id)).toEqual(["tomorrow"]);
  });

  it("shows a follow-up once when two pages both carry it", () => {
    const item = followUp("twice", at(1, 9));
    expect(groupQueue([item, item], NOW).overdue).toHaveLength(1);
  });

  it("moves an item from today to overdue as the clock passes it", () => {
    const item = followUp("soon", at(1, 12, 30));
    expect(groupQueue([item], NOW).today).toHaveLength(1);
    expect(groupQueue([item], new Date(2026, 4, 1, 12, 31)).overdue).toHaveLength(1);
  });
});

describe("snoozing", () => {
  it("snoozes for 15 minutes or an hour from now", () => {
    expect(snoozeRequest("15m", NOW)).toEqual({ minutes: 15 });
    expect(snoozeRequest("1h", NOW)).toEqual({ minutes: 60 });
  });

  it("snoozes until 9:00 tomorrow, the viewer's time, with the zone", () => {
    const request = snoozeRequest("tomorrow", NOW);
    expect("until" in request).toBe(true);
    const until = (request as { until: string }).until;
    expect(until).toMatch(/^2026-05-02T09:00:00[+-]\d{2}:\d{2}$/);
    expect(new Date(until).getTime()).toBe(new Date(2026, 4, 2, 9, 0).getTime());
  });

  it("snoozes until tomorrow also late in the evening and across a month's end", () => {
    const until = (snoozeRequest("tomorrow", new Date(2026, 4, 31, 23, 50)) as { until: string }).until;
    expect(until.startsWith("2026-06-01T09:00:00")).toBe(true);
  });
});

describe("due times", () => {
  it("writes a UTC offset as the API reads it", () => {
    expect(offsetText(0)).toBe("+00:00");
    expect(offsetText(120)).toBe("+02:00");
    expect(offsetText(-300)).toBe("-05:00");
    expect(offsetText(330)).toBe("+05:30");
    expect(offsetText(-570)).toBe("-09:30");
  });

  it("sends a datetime-local value as typed, with the viewer's offset", () => {
    const due = apiDueTime("2026-05-01T09:30")!;
    expect(due).toMatch(/^2026-05-01T09:30:00[+-]\d{2}:\d{2}$/);
    expect(new Date(due).getTime()).toBe(new Date(2026, 4, 1, 9, 30).getTime());
  });

  it("leaves an impossible date for the API to refuse, rather than rolling it over", () => {
    expect(apiDueTime("2026-02-30T10:00")!.startsWith("2026-02-30T10:00:00")).toBe(true);
  });

  it("has no due time for an empty or malformed input", () => {
    expect(apiDueTime("")).toBeNull();
    expect(apiDueTime("2026-05-01")).toBeNull();
    expect(apiDueTime("tomorrow")).toBeNull();
  });

  it("turns an API time into a datetime-local value and back", () => {
    const iso = new Date(2026, 10, 3, 7, 5).toISOString();
    expect(localInputValue(iso)).toBe("2026-11-03T07:05");
    expect(new Date(apiDueTime(localInputValue(iso))!).toISOString()).toBe(iso);
    expect(localInputValue(null)).toBe("");
    expect(localInputValue("not a date")).toBe("");
  });

  it("writes a local time with its offset", () => {
    const moment = new Date(2026, 0, 15, 8, 4, 9);
    expect(localIso(moment)).toMatch(/^2026-01-15T08:04:09[+-]\d{2}:\d{2}$/);
    expect(new Date(localIso(moment)).getTime()).toBe(moment.getTime());
  });

  it("knows when the viewer's next day starts", () => {
    expect(startOfNextDay(new Date(2026, 11, 31, 18)).getTime()).toBe(new Date(2027, 0, 1).getTime());
  });
});

describe("mine or the team's", () => {
  const manager = { team: true, own: true };
  const staff = { team: true, own: false };
  const sales = { team: false, own: true };
  const view = (query: string, access: typeof manager) => queueViewFromParams(new URLSearchParams(query), access);

  it("opens the user's own queue by default, and the team's for a role given none", () => {
    expect(view("", manager)).toEqual({ scope: "mine" });
    expect(view("", staff)).toEqual({ scope: "team" });
  });

  it("offers the team's queue only to roles that see every lead", () => {
    expect(view("scope=team", manager)).toEqual({ scope: "team" });
    expect(view("scope=team&assignee=u2", manager)).toEqual({ scope: "team", assigneeId: "u2" });
    expect(view("scope=team&assignee=u2", sales)).toEqual({ scope: "mine" });
  });

  it("keeps only what differs from the default in the URL", () => {
    expect(paramsFromQueueView({ scope: "mine" }, manager).toString()).toBe("");
    expect(paramsFromQueueView({ scope: "team", assigneeId: "u2" }, manager).toString()).toBe("scope=team&assignee=u2");
    expect(paramsFromQueueView({ scope: "mine" }, staff).toString()).toBe("scope=mine");
  });

  it("asks the API for open follow-ups in the viewer's zone", () => {
    expect(queueQuery({ scope: "mine" }, "Europe/Berlin")).toEqual({ scope: "mine", status: "open", tz: "Europe/Berlin" });
    expect(queueQuery({ scope: "team", assigneeId: "u2" }, undefined)).toEqual({
      scope: "team",
      status: "open",
      assignee_id: "u2",
    });
  });
});

describe("who works follow-ups", () => {
  const user = (id: string, role: User["role"], status = "active", name = id): User => ({
    user_id: id,
    email: `${id}@example.test`,
    name,
    role,
    status,
    created_at: "2026-01-01T00:00:00Z",
  });

  it("offers active Admins, Managers and Sales for follow-ups, and Staff too for tasks", () => {
    const users = [
      user("s", "Staff"),
      user("b", "Sales", "active", "Bea"),
      user("a", "Admin", "active", "Al"),
      user("x", "Sales", "disabled"),
      user("f", "Affiliate"),
    ];
    expect(assignableUsers(users, "followup").map((u) => u.user_id)).toEqual(["a", "b"]);
    expect(assignableUsers(users, "task").map((u) => u.user_id)).toEqual(["a", "b", "s"]);
  });

  it("lets a user work their own items, and anyone's with work:assign", () => {
    expect(mayWork({ assignee_id: "me" }, "me", true, false)).toBe(true);
    expect(mayWork({ assignee_id: "other" }, "me", true, false)).toBe(false);
    expect(mayWork({ assignee_id: "other" }, "me", true, true)).toBe(true);
    expect(mayWork({ assignee_id: "me" }, "me", false, true)).toBe(false);
  });
});
