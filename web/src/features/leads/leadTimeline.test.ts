import { describe, expect, it } from "vitest";
import { formatMoney } from "../../lib/format";
import type { TimelineEntry } from "../pipelines/types";
import { readAnswers } from "./answers";
import { leadTimelineLines, type LeadTimelineNames } from "./leadTimeline";

const names: LeadTimelineNames = {
  stageName: (id) => ({ s1: "New", s2: "Qualified" })[id] ?? "Unknown stage",
  userName: (id) => ({ u1: "Avery Admin", u2: "Sam Sales" })[id] ?? "Someone",
  currency: "USD",
  customFields: [{ field_id: "F1", key: "roof", label: "Roof type", type: "dropdown", placeholder: null, required: false, options: ["Tile", "Metal"] }],
};

const at = (minute: number) => `2026-05-01T12:${String(minute).padStart(2, "0")}:00Z`;

describe("a lead's timeline", () => {
  it("tells of an edit with each field's old and new value, the value as money", () => {
    const [line] = leadTimelineLines(
      [
        {
          at: at(1),
          kind: "updated",
          actor_id: "u1",
          actor_name: "Avery Admin",
          event_id: "ev1",
          changes: [
            { field: "value", old: 10000, new: 25000 },
            { field: "tags", old: [], new: ["roof"] },
            { field: "custom_fields", old: {}, new: { roof: "Metal" } },
          ],
        },
      ],
      names,
    );
    expect(line).toMatchObject({ kind: "updated", title: "Edited", meta: "by Avery Admin" });
    expect(line?.changes.map((change) => `${change.label}: ${change.from.text} → ${change.to.text}`)).toEqual([
      `Value: ${formatMoney(100, "USD")} → ${formatMoney(250, "USD")}`,
      "Tags: — → roof",
      "Roof type: — → Metal",
    ]);
  });

  it("puts who was told of a change in its entry", () => {
    const [line] = leadTimelineLines(
      [
        {
          at: at(2),
          kind: "updated",
          actor_id: "u1",
          event_id: "ev2",
          changes: [{ field: "owner_id", old: null, new: "u2" }],
          notified: [{ notification_id: "ev2", recipient_id: "u2", notification_kind: "lead_assigned", title: "New lead assigned to you" }],
        },
      ],
      names,
    );
    expect(line?.meta).toBe("by Avery Admin");
    expect(line?.changes[0]).toMatchObject({ label: "Owner", from: { text: "Unassigned" }, to: { text: "Sam Sales" } });
    expect(line?.notified).toEqual(["Notified Sam Sales: New lead assigned to you"]);
  });

  it("tells of an email sent about the lead: what, to whom, and who sent it", () => {
    const [line] = leadTimelineLines(
      [
        {
          at: at(3),
          kind: "emailed",
          actor_id: "u2",
          actor_name: "Sam Sales",
          event_id: "M1",
          cause: { subject: "Your quote, Ada", to: "ada@example.test", template_id: "T1", lead_id: "L1", attachments: ["quote.pdf"] },
        },
      ],
      names,
    );
    expect(line).toMatchObject({ kind: "emailed", title: "Emailed “Your quote, Ada” to ada@example.test", meta: "by Sam Sales", changes: [] });
  });

  it("tells of a text sent about the lead: to whom, what, who sent it and what became of it", () => {
    const lines = leadTimelineLines(
      [
        {
          at: at(4),
          kind: "texted",
          actor_id: "workflow:W1:0",
          actor_name: "Workflow: Welcome",
          event_id: "S1",
          cause: { to: "+14155550123", body: "Hi Ada!", segments: 1, status: "sent", workflow: "Welcome", lead_id: "L1" },
        },
        {
          at: at(5),
          kind: "texted",
          actor_id: "u2",
          actor_name: "Sam Sales",
          event_id: "S2",
          cause: { to: "+14155550123", body: "Still there?", segments: 1, status: "failed", error: "The number is not reachable" },
        },
      ],
      names,
    );
    expect(lines.map((line) => [line.title, line.meta, line.body])).toEqual([
      ["Texted +14155550123", "by Sam Sales · Failed: The number is not reachable", "Still there?"],
      ["Texted +14155550123", "by the workflow Welcome · Sent", "Hi Ada!"],
    ]);
  });

  it("keeps the pipelines' sentences for the other kinds, with their notifications and a submission's answers", () => {
    const entries: TimelineEntry[] = [
      { at: at(0), kind: "form_submitted", submission_id: "sub1", answers: [{ label: "Roof type", value: "Tile" }, { label: "Call me", value: true }] },
      { at: at(0), kind: "created", actor_id: "form:F1", to_stage_id: "s1" },
      {
        at: at(3),
        kind: "stage_changed",
        actor_name: "Avery Admin",
        from_stage_id: "s1",
        to_stage_id: "s2",
        notified: [{ notification_id: "ev3", recipient_id: "u2", notification_kind: "lead_moved", title: "Your lead moved" }],
      },
      { at: at(4), kind: "deleted", actor_name: "Tag list" },
      { at: at(5), kind: "restored", actor_id: "u2" },
    ];
    const lines = leadTimelineLines(entries, names);
    expect(lines.map((line) => [line.title, line.meta])).toEqual([
      ["Restored", "by Sam Sales"],
      ["Deleted", "by the tag list"],
      ["Moved from New to Qualified", "by Avery Admin"],
      ["Created in New", "by a form submission"],
      ["Submitted a form", "direct visit"],
    ]);
    expect(lines[2]?.notified).toEqual(["Notified Sam Sales: Your lead moved"]);
    expect(lines[4]?.answers).toEqual([
      { label: "Roof type", value: "Tile" },
      { label: "Call me", value: "Yes" },
    ]);
    expect(new Set(lines.map((line) => line.key)).size).toBe(lines.length);
  });
});

describe("a submission's answers", () => {
  it("read each labelled answer as text, leaving out those without a label", () => {
    expect(readAnswers([{ label: "Services", value: ["Roof", "Gutters"] }, { label: "Notes", value: null }, { value: "x" }])).toEqual([
      { label: "Services", value: "Roof, Gutters" },
      { label: "Notes", value: "—" },
    ]);
    expect(readAnswers(undefined)).toEqual([]);
  });
});
