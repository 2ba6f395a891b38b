import { describe, expect, it } from "vitest";
import type { Task } from "../types";
import { createBody, emptyTaskForm, taskToForm, updateBody } from "./taskForm";
import {
  bulkCompleteMessage,
  dueRangeError,
  hasTaskFilters,
  paramsFromTaskFilters,
  taskFiltersFromParams,
  taskQuery,
} from "./taskQuery";

const filtersOf = (query: string) => taskFiltersFromParams(new URLSearchParams(query));

describe("the task queue's filters", () => {
  it("reads every filter and the sort from the URL", () => {
    expect(
      filtersOf("assignee=u2&status=in_progress&priority=high&due_from=2026-05-01&due_to=2026-05-31&overdue=1&sort=-priority"),
    ).toEqual({
      assignee: "u2",
      status: "in_progress",
      priority: "high",
      dueFrom: "2026-05-01",
      dueTo: "2026-05-31",
      overdue: true,
      sort: "-priority",
    });
  });

  it("drops values the API would refuse", () => {
    expect(filtersOf("status=closed&priority=asap&due_from=May 1&sort=created&overdue=yes")).toEqual({ sort: "due_at" });
  });

  it("never asks for overdue done tasks", () => {
    expect(filtersOf("status=done&overdue=1")).toEqual({ status: "done", sort: "due_at" });
    expect(paramsFromTaskFilters({ status: "done", overdue: true, sort: "due_at" }).toString()).toBe("status=done");
  });

  it("writes the filters back to the URL, leaving the default sort out", () => {
    const query = "assignee=u2&status=open&due_to=2026-05-31&overdue=1&sort=priority";
    expect(paramsFromTaskFilters(filtersOf(query)).toString()).toBe(query);
    expect(paramsFromTaskFilters({ sort: "due_at" }).toString()).toBe("");
  });

  it("knows when anything filters the list (the sort does not)", () => {
    expect(hasTaskFilters({ sort: "-due_at" })).toBe(false);
    expect(hasTaskFilters({ sort: "due_at", overdue: true })).toBe(true);
  });

  it("refuses a due range that ends before it starts", () => {
    expect(dueRangeError({ sort: "due_at", dueFrom: "2026-05-10", dueTo: "2026-05-01" })).toMatch(/on or after/);
    expect(dueRangeError({ sort: "due_at", dueFrom: "2026-05-10", dueTo: "2026-05-10" })).toBeNull();
    expect(dueRangeError({ sort: "due_at", dueTo: "2026-05-01" })).toBeNull();
  });
});

describe("GET /tasks's query", () => {
  const filters = filtersOf("assignee=u2&status=open&priority=urgent&due_from=2026-05-01&due_to=2026-05-31&overdue=1&sort=-due_at");

  it("sends every filter, the sort and the viewer's zone", () => {
    expect(taskQuery(filters, { canAssign: true, timeZone: "America/New_York" })).toEqual({
      assignee_id: "u2",
      status: "open",
      priority: "urgent",
      due_from: "2026-05-01",
      due_to: "2026-05-31",
      overdue: true,
      sort: "-due_at",
      tz: "America/New_York",
    });
  });

  it("names an assignee only for a role that sees everyone's tasks", () => {
    expect(taskQuery(filters, { canAssign: false })).not.toHaveProperty("assignee_id");
  });

  it("sends only the sort when nothing filters", () => {
    expect(taskQuery({ sort: "due_at" }, { canAssign: true })).toEqual({ sort: "due_at" });
  });
});

describe("bulk complete's answer", () => {
  const result = (completed: number, alreadyDone = 0, forbidden = 0, notFound = 0) => ({
    completed: Array.from({ length: completed }, (_, i) => `c${i}`),
    already_done: Array.from({ length: alreadyDone }, (_, i) => `d${i}`),
    forbidden: Array.from({ length: forbidden }, (_, i) => `f${i}`),
    not_found: Array.from({ length: notFound }, (_, i) => `n${i}`),
  });

  it("says how many were completed", () => {
    expect(bulkCompleteMessage(result(2))).toEqual({ tone: "success", text: "2 tasks completed." });
    expect(bulkCompleteMessage(result(1))).toEqual({ tone: "success", text: "1 task completed." });
  });

  it("says what was left and why", () => {
    expect(bulkCompleteMessage(result(1, 1, 2, 1)).text).toBe(
      "1 task completed, 1 was already done, 2 are assigned to someone else, 1 no longer exists.",
    );
    expect(bulkCompleteMessage(result(0, 2))).toEqual({ tone: "info", text: "2 were already done." });
    expect(bulkCompleteMessage(result(0, 0, 1)).tone).toBe("error");
  });
});

describe("the task form", () => {
  const task: Task = {
    task_id: "t1",
    title: "Send the quote",
    description: null,
    due_at: new Date(2026, 4, 4, 10, 0).toISOString(),
    priority: "normal",
    status: "open",
    assignee_id: "me",
    lead_id: "l1",
    lead_name: "Rosa Diaz",
    created_at: "2026-05-01T08:00:00.000Z",
    created_by: "me",
    updated_at: "2026-05-01T08:00:00.000Z",
    completed_at: null,
    completed_by: null,
    version: 3,
    overdue: false,
    bucket: "upcoming",
  };

  it("needs a title and a due time", () => {
    expect(createBody(emptyTaskForm("me"), true)).toEqual({
      ok: false,
      fields: { title: "Give the task a title", due_at: "Choose a date and time" },
    });
  });

  it("creates with the fields filled in, the assignee only for a role that hands out work", () => {
    const form = { ...emptyTaskForm("me"), title: " Call back ", due: "2026-05-04T10:00", assigneeId: "u2", priority: "high" as const };
    const created = createBody(form, true);
    expect(created.ok && created.body).toMatchObject({ title: "Call back", priority: "high", status: "open", assignee_id: "u2" });
    expect(created.ok && new Date(created.body.due_at).getTime()).toBe(new Date(2026, 4, 4, 10).getTime());
    expect(created.ok && created.body.description).toBeNull();
    const own = createBody(form, false);
    expect(own.ok && "assignee_id" in own.body).toBe(false);
  });

  it("sends only what changed, with the version it started from", () => {
    const form = { ...taskToForm(task), status: "in_progress" as const };
    expect(updateBody(task, form, true)).toEqual({ ok: true, body: { status: "in_progress", version: 3 } });
    expect(updateBody(task, taskToForm(task), true)).toEqual({ ok: true, body: { version: 3 } });
  });

  it("unlinks the lead with null and reschedules with the new time", () => {
    const form = { ...taskToForm(task), lead: null, due: "2026-05-05T10:00" };
    const update = updateBody(task, form, true);
    expect(update.ok && update.body.lead_id).toBeNull();
    expect(update.ok && new Date(update.body.due_at!).getTime()).toBe(new Date(2026, 4, 5, 10).getTime());
  });
});
