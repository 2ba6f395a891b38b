import { describe, expect, it } from "vitest";
import { enrolOutcome, outcomeText, pollDelay, POLL_MS, POLL_WINDOW_MS, statusLabel, triggerText } from "./status";
import type { Enrolment, SubjectWorkflows } from "./types";

const enrolment = (extra: Partial<Enrolment> = {}): Enrolment => ({
  enrolment_id: "E1",
  workflow_id: "W1",
  workflow_name: "Onboarding",
  workflow_version: 1,
  contact_id: "C1",
  lead_id: null,
  subject_name: "Ada Lovelace",
  status: "running",
  position: "s1",
  wake_at: null,
  waiting_for: null,
  trigger: { type: "manual", label: "Enrolled by Blair Owner" },
  dry_run: false,
  started_at: "2026-03-01T10:00:00Z",
  finished_at: null,
  outcome: null,
  ...extra,
});

const at = (iso: string) => `at ${iso}`;

describe("an enrolment's status", () => {
  it("says where a running or waiting one stands", () => {
    expect(statusLabel(enrolment(), at)).toBe("Running");
    expect(statusLabel(enrolment({ status: "waiting", waiting_for: "time", wake_at: "2026-03-02T09:00:00Z" }), at)).toBe(
      "Waiting until at 2026-03-02T09:00:00Z",
    );
    expect(statusLabel(enrolment({ status: "waiting", waiting_for: "manual_action" }), at)).toBe("Waiting for a manual action");
    expect(statusLabel(enrolment({ status: "waiting" }), at)).toBe("Waiting");
  });

  it("says how a past one ended, in the API's words when it gives them", () => {
    expect([statusLabel(enrolment({ status: "done" })), outcomeText(enrolment({ status: "done" }))]).toEqual(["Done", "Went through every step"]);
    expect(statusLabel(enrolment({ status: "failed" }))).toBe("Failed");
    expect(outcomeText(enrolment({ status: "ended", outcome: "Ended by Blair Owner" }))).toBe("Ended by Blair Owner");
    expect(outcomeText(enrolment({ status: "ended" }))).toBe("Ended before the last step");
    expect(outcomeText(enrolment())).toBeNull();
  });

  it("says why it started when the trigger has words for it", () => {
    expect(triggerText(enrolment().trigger)).toBe("Enrolled by Blair Owner");
    expect(triggerText({ type: "lead_created" })).toBeNull();
  });
});

describe("enrolling a contact", () => {
  it("tells that it was added, or why not", () => {
    expect(enrolOutcome({ enrolled: ["E1"], skipped: [] }, "Ada Lovelace", "Onboarding")).toEqual({
      tone: "success",
      message: "Added Ada Lovelace to “Onboarding”: its steps run in the background",
    });
    expect(
      enrolOutcome({ enrolled: [], skipped: [{ id: "C1", reason: "Already enrolled (the workflow takes no one twice)" }] }, "Ada Lovelace", "Onboarding"),
    ).toEqual({ tone: "warning", message: "Ada Lovelace was not added to “Onboarding”: Already enrolled (the workflow takes no one twice)" });
  });
});

describe("the panel reading itself again", () => {
  const workflows = (...active: Enrolment[]): SubjectWorkflows => ({ active, past: [] });

  it("does while an enrolment runs, for a while", () => {
    expect(pollDelay(workflows(enrolment()), 0)).toBe(POLL_MS);
    expect(pollDelay(workflows(enrolment()), POLL_WINDOW_MS)).toBe(false);
  });

  it("does not while every enrolment waits, or there is none", () => {
    expect(pollDelay(workflows(enrolment({ status: "waiting", waiting_for: "time" })), 0)).toBe(false);
    expect(pollDelay(workflows(), 0)).toBe(false);
    expect(pollDelay(undefined, 0)).toBe(false);
  });
});
