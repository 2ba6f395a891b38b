import { describe, expect, it } from "vitest";
import { recordActivity } from "./activity";
import type { ChangeContext, ChangeEntry } from "./changeLog";
import type { ContactLead } from "./types";

const context: ChangeContext = { userName: (id) => ({ U1: "Sam Sales" })[id] ?? "Someone" };

function entry(kind: ChangeEntry["kind"], at: string, extra: Partial<ChangeEntry> = {}): ChangeEntry {
  return { entry_id: `${kind}-${at}`, kind, at, actor_id: "U9", actor_name: "Morgan Manager", changes: [], cause: null, ...extra };
}

const lead = (lead_id: string, created_at: string, deleted_at: string | null = null): ContactLead => ({
  lead_id,
  name: `Lead ${lead_id}`,
  pipeline_id: "P1",
  stage_id: "S1",
  value: 0,
  currency: "USD",
  owner_id: null,
  created_at,
  deleted_at,
});

describe("a record's activity", () => {
  it("reads newest first, with the leads opened among the changes", () => {
    const activity = recordActivity(
      [
        entry("created", "2026-01-01T10:00:00Z", { cause: { lead_id: "L1" } }),
        entry("updated", "2026-01-03T10:00:00Z", { changes: [{ field: "role", old: "Lead", new: "Prospect" }] }),
      ],
      "Contact",
      context,
      [lead("L2", "2026-01-02T10:00:00Z", "2026-01-04T00:00:00Z"), lead("L1", "2026-01-01T10:00:00Z")],
    );
    expect(activity.map((item) => item.title)).toEqual(["Contact changed", "Lead opened (since deleted)", "Lead opened", "Contact added"]);
    expect(activity[0]).toMatchObject({ actor: "Morgan Manager", changes: [{ label: "Role", from: { text: "Lead" }, to: { text: "Prospect" } }] });
    expect(activity[1]?.lead).toEqual({ lead_id: "L2", name: "Lead L2" });
    expect(activity[3]?.cause).toEqual({ kind: "made_with_lead", leadId: "L1" });
  });

  it("names each kind for a company, and who did it in words", () => {
    const at = "2026-01-01T10:00:00Z";
    const activity = recordActivity(
      [
        entry("deleted", at, { actor_name: "Tag list" }),
        entry("restored", "2026-01-02T00:00:00Z", { actor_name: null }),
        entry("merged", "2026-01-03T00:00:00Z", { cause: { into: "CO2", name: "Acme" } }),
      ],
      "Company",
      context,
    );
    expect(activity.map((item) => [item.title, item.actor])).toEqual([
      ["Company merged", "Morgan Manager"],
      ["Company restored", "someone"],
      ["Company deleted", "the tag list"],
    ]);
    expect(activity[0]?.cause).toEqual({ kind: "merged_into", recordId: "CO2", name: "Acme" });
  });

  it("keeps the order the API wrote entries in when they share a moment", () => {
    const at = "2026-01-01T10:00:00Z";
    const activity = recordActivity([entry("created", at), entry("updated", at)], "Contact", context);
    expect(activity.map((item) => item.kind)).toEqual(["updated", "created"]);
  });

  it("tells of an email sent, by a person or by a workflow", () => {
    const activity = recordActivity(
      [
        entry("emailed", "2026-01-01T10:00:00Z", { cause: { subject: "Welcome, Ada", to: "ada@example.com", template_id: "T1" } }),
        entry("emailed", "2026-01-02T10:00:00Z", { actor_name: "Convertly", cause: { subject: "Day 2", to: "ada@example.com", workflow: "Onboarding" } }),
      ],
      "Contact",
      context,
    );
    expect(activity.map((item) => [item.title, item.actor])).toEqual([
      ["Emailed “Day 2” to ada@example.com", "Workflow: Onboarding"],
      ["Emailed “Welcome, Ada” to ada@example.com", "Morgan Manager"],
    ]);
    expect(activity[0]).toMatchObject({ kind: "emailed", changes: [], cause: null });
  });
});
