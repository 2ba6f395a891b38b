import { describe, expect, it } from "vitest";
import { BUILT_IN_FIELDS } from "./conditions";
import { conditionText, stepSummary, triggerSummary, type Names } from "./summaries";
import type { Step } from "./types";

const NAMES: Names = {
  user: (id) => ({ owner: "the owner", U1: "Sam Sales", U2: "Alex Admin" })[id] ?? "a user no longer here",
  template: (id) => ({ T1: "Welcome", S1: "Reminder text" })[id] ?? null,
  pipeline: (id) => (id === "P1" ? "Sales" : null),
  stage: (id) => ({ S1: "Qualified", S2: "Won" })[id] ?? null,
  form: (id) => (id === "F1" ? "Roof inspection" : null),
  workflow: (id) => (id === "W2" ? "Nurture" : null),
  customField: (_target, key) => (key === "budget" ? "Budget" : key),
  fields: BUILT_IN_FIELDS,
  source: (source) => (source === "google_ads" ? "Google Ads" : source),
};

const summary = (step: Step) => stepSummary(step, NAMES);

describe("step summaries", () => {
  it("says what each kind of step does, with names", () => {
    expect(summary({ id: "a", kind: "assign_owner", mode: "user", user_ids: ["U1"] })).toBe("Assign to Sam Sales");
    expect(summary({ id: "a", kind: "assign_owner", mode: "round_robin", user_ids: ["U1", "U2"], only_if_unowned: true })).toBe(
      "Share out in turn between Sam Sales and Alex Admin (only if it has no owner)",
    );
    expect(summary({ id: "t", kind: "create_task", title: "Call Pia", due_in_minutes: 60, assignee: "U1" })).toBe("Create the task “Call Pia” for Sam Sales, due in 1 hour");
    expect(summary({ id: "f", kind: "schedule_followup", followup_type: "meeting", due_in_minutes: 2880 })).toBe("Schedule a meeting follow-up for the owner, due in 2 days");
    expect(summary({ id: "m", kind: "manual_action", action_type: "sms", template_id: "S1" })).toBe("Ask the owner to send an SMS from “Reminder text”");
    expect(summary({ id: "e", kind: "send_email", template_id: "T1", to: "address", address: "boss@example.test" })).toBe("Email “Welcome” to boss@example.test");
    expect(summary({ id: "n", kind: "notify", user_ids: ["owner", "U2"], message: "Hot lead" })).toBe("Notify the owner and Alex Admin: “Hot lead”");
    expect(summary({ id: "g", kind: "add_tag", tags: ["vip", "hot"], target: "contact" })).toBe("Add the tags vip and hot to the contact");
    expect(summary({ id: "g", kind: "remove_tag", tags: ["cold"] })).toBe("Remove the tag cold from the lead");
    expect(summary({ id: "r", kind: "change_role", role: "Client" })).toBe("Make the contact a Client");
    expect(summary({ id: "s", kind: "set_field", target: "lead", field_key: "budget", value: 5000 })).toBe("Set Budget on the lead to “5000”");
    expect(summary({ id: "s", kind: "set_field", target: "contact", field_key: "budget" })).toBe("Empty Budget on the contact");
    expect(summary({ id: "v", kind: "move_stage", pipeline_id: "P1", stage_id: "S1" })).toBe("Move the lead to Qualified");
    expect(summary({ id: "w", kind: "wait", mode: "duration", minutes: 4320 })).toBe("Wait 3 days");
    expect(summary({ id: "w", kind: "wait", mode: "business_hours" })).toBe("Wait until business hours");
    expect(summary({ id: "x", kind: "enrol", workflow_id: "W2" })).toBe("Enrol in “Nurture”");
    expect(summary({ id: "z", kind: "end" })).toBe("End the workflow here");
    expect(summary({ id: "q", kind: "send_sms", template_id: "S1" })).toBe("Text “Reminder text” to the contact");
    expect(summary({ id: "h", kind: "webhook", url: "https://hooks.example.test/in" })).toBe("POST to https://hooks.example.test/in");
    expect(summary({ id: "h", kind: "webhook", url: "https://" })).toBe("Give the URL to send to");
    expect(
      summary({ id: "w", kind: "wait", mode: "condition", minutes: 2880, conditions: [{ field: "lead.tags", operator: "contains", value: "qualified" }] }),
    ).toMatch(/^Wait until .*qualified.*, at most 2 days$/);
  });

  it("says what a step still needs", () => {
    expect(summary({ id: "e", kind: "send_email", template_id: "" })).toBe("Choose an email template");
    expect(summary({ id: "t", kind: "create_task", title: "  " })).toBe("Give the task a title");
    expect(summary({ id: "a", kind: "assign_owner", user_ids: [] })).toBe("Choose who gets the record");
    expect(summary({ id: "x", kind: "enrol", workflow_id: "W9" })).toBe("Enrol in “a deleted workflow”");
  });

  it("sums up an if/else by its conditions and its branches", () => {
    const step: Step = {
      id: "if-1",
      kind: "if",
      conditions: [{ field: "lead.value", operator: "greater_than", value: 1000 }],
      then: [{ id: "z", kind: "end" }],
      else: [],
    };
    expect(summary(step)).toBe("If Lead value is more than 1000 (Yes: 1 step, No: 0 steps)");
    expect(summary({ ...step, match: "any", conditions: [...step.conditions, { field: "lead.tags", operator: "contains", value: "vip" }] })).toBe(
      "If any of 2 conditions hold (Yes: 1 step, No: 0 steps)",
    );
  });
});

describe("condition and trigger text", () => {
  it("names ids and days, quotes free text", () => {
    expect(conditionText({ field: "lead.owner_id", operator: "equals", value: "U1" }, NAMES)).toBe("Lead owner is Sam Sales");
    expect(conditionText({ field: "time.day_of_week", operator: "in", value: ["1", "5"] }, NAMES)).toBe("Day of the week is one of Monday and Friday");
    expect(conditionText({ field: "contact.email", operator: "ends_with" as never, value: "x" }, NAMES)).toContain("Email");
    expect(conditionText({ field: "contact.email", operator: "contains", value: "@acme" }, NAMES)).toBe("Email contains “@acme”");
    expect(conditionText({ field: "lead.value", operator: "between", value: [10, 20] }, NAMES)).toBe("Lead value is between 10 and 20");
    expect(conditionText({ field: "lead.tags", operator: "is_empty" }, NAMES)).toBe("Lead tags has none");
  });

  it("reads a trigger with its options", () => {
    expect(triggerSummary({ type: "form_submitted", form_id: "F1" }, NAMES)).toBe("Form submitted: form “Roof inspection”");
    expect(triggerSummary({ type: "stage_changed", pipeline_id: "P1", to_stage_id: "S2" }, NAMES)).toBe("Stage changed: in Sales, to Won");
    expect(triggerSummary({ type: "manual" }, NAMES)).toBe("Manual enrolment");
  });
});

describe("time-based trigger summaries", () => {
  it("says after how long, which date and which conversion problem", () => {
    expect(triggerSummary({ type: "no_activity", days: 7 }, NAMES)).toBe("No activity on an open lead: 7 days");
    expect(triggerSummary({ type: "date_reached", target: "contact", field_key: "budget", offset_days: -7, at_time: "08:30" }, NAMES)).toBe(
      "A date field reached: contact Budget, 7 days before at 08:30",
    );
    expect(triggerSummary({ type: "date_reached", target: "lead", field_key: "close_date", offset_days: 0 }, NAMES)).toBe(
      "A date field reached: lead close date, on the day at 09:00",
    );
    expect(triggerSummary({ type: "conversion_failed", reason: "no_value", platform: "meta" }, NAMES)).toBe(
      "Conversion failed or not sent: no value, Meta",
    );
  });
});
