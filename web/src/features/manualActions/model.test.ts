import { describe, expect, it } from "vitest";
import { buildUrl } from "../../api/client";
import type { User } from "../accounts/types";
import {
  assigneeOptions,
  describeAction,
  dialString,
  emptyTitle,
  filtersFromParams,
  hasFilters,
  outcomeLabel,
  paramsFromFilters,
  queueOwner,
  queueQuery,
  smsHref,
  telHref,
} from "./model";

describe("outcome labels", () => {
  it("names each call outcome and a sent text", () => {
    expect(outcomeLabel("connected")).toBe("Connected");
    expect(outcomeLabel("voicemail")).toBe("Left voicemail");
    expect(outcomeLabel("no_answer")).toBe("No answer");
    expect(outcomeLabel("wrong_number")).toBe("Wrong number");
    expect(outcomeLabel("sent")).toBe("Sent");
  });

  it("reads an outcome it does not know as its words, and nothing as nothing", () => {
    expect(outcomeLabel("call_back_later")).toBe("Call back later");
    expect(outcomeLabel(null)).toBe("");
  });

  it("puts an action in a sentence", () => {
    expect(describeAction({ action_type: "call", subject_name: "Ada Lovelace" })).toBe("the call to Ada Lovelace");
    expect(describeAction({ action_type: "sms", subject_name: "" })).toBe("the text to this contact");
  });
});

describe("the queue's filters", () => {
  it("reads them from the URL: open by default, the assignee only for work:assign", () => {
    const params = new URLSearchParams("workflow=wf-1&assignee=u-2&status=done");
    expect(filtersFromParams(params, true)).toEqual({ status: "done", workflowId: "wf-1", assigneeId: "u-2" });
    expect(filtersFromParams(params, false)).toEqual({ status: "done", workflowId: "wf-1" });
    expect(filtersFromParams(new URLSearchParams("status=bogus&workflow=a b"), true)).toEqual({ status: "open" });
  });

  it("writes them back to the URL, leaving the defaults out", () => {
    expect(paramsFromFilters({ status: "open" }).toString()).toBe("");
    const filters = { status: "done" as const, workflowId: "wf-1", assigneeId: "u-2" };
    expect(paramsFromFilters(filters).toString()).toBe("workflow=wf-1&assignee=u-2&status=done");
    expect(filtersFromParams(paramsFromFilters(filters), true)).toEqual(filters);
  });

  it("makes GET /manual-actions's query string, naming an assignee only for work:assign", () => {
    const filters = { status: "open" as const, workflowId: "wf-1", assigneeId: "u-2" };
    expect(buildUrl("http://api.test", "/manual-actions", { ...queueQuery(filters, true), cursor: "c2", limit: 25 })).toBe(
      "http://api.test/manual-actions?status=open&workflow_id=wf-1&assignee_id=u-2&cursor=c2&limit=25",
    );
    expect(buildUrl("http://api.test", "/manual-actions", { ...queueQuery(filters, false), cursor: null, limit: 25 })).toBe(
      "http://api.test/manual-actions?status=open&workflow_id=wf-1&limit=25",
    );
    expect(queueQuery({ status: "done" }, true)).toEqual({ status: "done" });
  });

  it("knows when a filter narrows the queue", () => {
    expect(hasFilters({ status: "done" })).toBe(false);
    expect(hasFilters({ status: "open", workflowId: "wf-1" })).toBe(true);
  });
});

describe("the empty queue", () => {
  const nameOf = (userId: string) => (userId === "u-2" ? "Rae Rep" : "Someone");

  it("names whose queue is empty", () => {
    expect(queueOwner({ status: "open" }, true, "u-1", nameOf)).toEqual({ kind: "team" });
    expect(queueOwner({ status: "open", assigneeId: "u-2" }, true, "u-1", nameOf)).toEqual({ kind: "person", name: "Rae Rep" });
    expect(queueOwner({ status: "open", assigneeId: "u-1" }, true, "u-1", nameOf)).toEqual({ kind: "me" });
    expect(queueOwner({ status: "open" }, false, "u-1", nameOf)).toEqual({ kind: "me" });
  });

  it("says nothing is left, for whom and in which workflow", () => {
    expect(emptyTitle("open", { kind: "team" })).toBe("No manual actions left for the team");
    expect(emptyTitle("open", { kind: "person", name: "Rae Rep" }, "Call new leads")).toBe(
      "No manual actions left for Rae Rep in Call new leads",
    );
    expect(emptyTitle("open", { kind: "me" })).toBe("No manual actions left for you");
    expect(emptyTitle("done", { kind: "team" })).toBe("No completed manual actions for the team");
  });
});

describe("the assignee filter", () => {
  const user = (user_id: string, name: string, role: string, status = "active"): User =>
    ({ user_id, name, role, status, email: `${user_id}@example.test`, created_at: "2026-01-01T00:00:00Z" }) as User;

  it("lists the people who can be given manual actions, by name, saying who has not joined or left", () => {
    const users = [
      user("u-1", "Zed Admin", "Admin"),
      user("u-2", "Ann Staff", "Staff"),
      user("u-3", "Bo Sales", "Sales", "invited"),
      user("u-4", "Cy Manager", "Manager", "deactivated"),
      user("u-5", "Al Affiliate", "Affiliate"),
    ];
    expect(assigneeOptions(users)).toEqual([
      { value: "u-3", label: "Bo Sales (invited)" },
      { value: "u-4", label: "Cy Manager (deactivated)" },
      { value: "u-1", label: "Zed Admin" },
    ]);
  });
});

describe("phone links", () => {
  it("dials the digits of the number as it was typed, keeping an international +", () => {
    expect(dialString("+1 (415) 555-0123")).toBe("+14155550123");
    expect(dialString("020 7946 0958")).toBe("02079460958");
    expect(dialString("ext.")).toBeNull();
    expect(dialString(null)).toBeNull();
  });

  it("starts a call", () => {
    expect(telHref("+1 415 555 0123")).toBe("tel:+14155550123");
    expect(telHref("")).toBeNull();
  });

  it("opens a text to the number with the text filled in", () => {
    expect(smsHref("+1 415 555 0123")).toBe("sms:+14155550123");
    expect(smsHref("+1 415 555 0123", "Hi Ada, it's Rae & the team: 10% off?")).toBe(
      "sms:+14155550123?body=Hi%20Ada%2C%20it's%20Rae%20%26%20the%20team%3A%2010%25%20off%3F",
    );
    expect(smsHref(null, "Hello")).toBeNull();
  });
});
