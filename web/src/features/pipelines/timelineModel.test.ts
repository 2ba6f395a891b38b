import { describe, expect, it } from "vitest";
import { describeEntry, timeInStage, timelineLines, timelinePollInterval, type Names } from "./timelineModel";
import type { Timeline, TimelineEntry } from "./types";

const names: Names = {
  stageName: (id) => ({ s1: "New", s2: "Qualified" })[id] ?? "Unknown stage",
  userName: (id) => ({ u1: "Avery Admin", u2: "Sam Sales" })[id] ?? "Someone",
};

function entry(kind: TimelineEntry["kind"], extra: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    at: "2026-05-01T12:00:00Z",
    kind,
    actor_id: null,
    actor_name: null,
    from_stage_id: null,
    from_stage_name: null,
    to_stage_id: null,
    to_stage_name: null,
    seconds_in_previous: null,
    note_id: null,
    body: null,
    notification_id: null,
    recipient_id: null,
    notification_kind: null,
    title: null,
    form_id: null,
    submission_id: null,
    attribution: null,
    ...extra,
  };
}

describe("timeline entries", () => {
  it("reads an entry that leaves out the fields its kind does not use", () => {
    const moved = describeEntry({ at: "2026-05-01T12:00:00Z", kind: "stage_changed", from_stage_id: "s1", to_stage_id: "s2" }, names);
    expect(moved.title).toBe("Moved from New to Qualified");
    expect(moved.meta).toBe("by Someone");
    expect(describeEntry({ at: "2026-05-01T12:00:00Z", kind: "note" }, names).body).toBeNull();
    expect(describeEntry({ at: "2026-05-01T12:00:00Z", kind: "form_submitted" }, names).meta).toBe("direct visit");
    expect(timeInStage(undefined)).toBeNull();
  });

  it("tells of the creation, falling back on the stage and user lists for missing names", () => {
    const line = describeEntry(entry("created", { actor_id: "u1", to_stage_id: "s1" }), names);
    expect(line.title).toBe("Created in New");
    expect(line.meta).toBe("by Avery Admin");
  });

  it("names the channel of a lead that came in from a form or from Meta Lead Ads", () => {
    const fromForm = describeEntry(entry("created", { actor_id: "form:01FORM", to_stage_id: "s1" }), names);
    expect(fromForm.meta).toBe("by a form submission");
    const fromMeta = describeEntry(entry("created", { actor_id: "meta:lead_ads", to_stage_id: "s1" }), names);
    expect(fromMeta.meta).toBe("by Meta Lead Ads");
  });

  it("tells of a stage change: who, from, to and the time in the stage left", () => {
    const line = describeEntry(
      entry("stage_changed", {
        actor_id: "u1",
        actor_name: "Avery Admin",
        from_stage_id: "s1",
        from_stage_name: "New",
        to_stage_id: "s2",
        to_stage_name: "Qualified",
        seconds_in_previous: 3 * 86_400,
      }),
      names,
    );
    expect(line.title).toBe("Moved from New to Qualified");
    expect(line.meta).toBe("by Avery Admin · 3 d in New");
    expect(line.body).toBeNull();
  });

  it("tells why a lead was lost, with the mover's note", () => {
    const line = describeEntry(
      entry("stage_changed", {
        from_stage_name: "Qualified",
        to_stage_name: "Closed Lost",
        lost_reason: "Price",
        lost_note: "Went with the cheaper quote",
      }),
      names,
    );
    expect(line.title).toBe("Moved from Qualified to Closed Lost — reason: Price");
    expect(line.body).toBe("Went with the cheaper quote");
  });

  it("tells of a form submission and where its visit came from", () => {
    const google = describeEntry(
      entry("form_submitted", {
        submission_id: "sub1",
        attribution: { gclid: "Cj0", utm_source: "google", utm_campaign: "spring-roofs", landing_page: "https://summit.test/roofs" },
      }),
      names,
    );
    expect(google).toMatchObject({
      title: "Submitted a form",
      meta: "from a Google Ads click · campaign spring-roofs · on https://summit.test/roofs",
    });
    expect(google.key).toContain("sub1");
    const meta = describeEntry(entry("form_submitted", { attribution: { fbc: "fb.1.1.x" } }), names);
    expect(meta.meta).toBe("from a Meta ad click");
    const utm = describeEntry(entry("form_submitted", { attribution: { utm_source: "newsletter", utm_medium: "email" } }), names);
    expect(utm.meta).toBe("from newsletter / email");
    const referred = describeEntry(entry("form_submitted", { attribution: { referrer: "https://www.bing.com/search?q=roof" } }), names);
    expect(referred.meta).toBe("from www.bing.com");
    expect(describeEntry(entry("form_submitted"), names).meta).toBe("direct visit");
  });

  it("shows a note's body and a notification's recipient", () => {
    const note = describeEntry(entry("note", { actor_name: "Sam Sales", body: "Called back", note_id: "n1" }), names);
    expect(note).toMatchObject({ title: "Note by Sam Sales", body: "Called back" });
    const sent = describeEntry(entry("notification", { recipient_id: "u2", title: "Your lead moved", notification_id: "x" }), names);
    expect(sent.title).toBe("Notified Sam Sales: Your lead moved");
  });

  it("reads newest first with distinct keys", () => {
    const lines = timelineLines(
      [entry("created", { at: "2026-05-01T10:00:00Z", to_stage_id: "s1" }), entry("note", { at: "2026-05-01T11:00:00Z", body: "x" })],
      names,
    );
    expect(lines.map((line) => line.kind)).toEqual(["note", "created"]);
    expect(new Set(lines.map((line) => line.key)).size).toBe(2);
  });

  it("words the time in a stage", () => {
    expect(timeInStage(null)).toBeNull();
    expect(timeInStage(0)).toBe("under a minute");
    expect(timeInStage(600)).toBe("10 min");
    expect(timeInStage(7200)).toBe("2 h");
  });

  it("reads the timeline again only while its last entry is recent", () => {
    const now = Date.parse("2026-05-01T12:00:30Z");
    const recent: Timeline = { lead_id: "l", items: [entry("stage_changed")] };
    expect(timelinePollInterval(recent, now)).toBe(5_000);
    expect(timelinePollInterval(recent, now + 120_000)).toBe(false);
    expect(timelinePollInterval({ lead_id: "l", items: [] }, now)).toBe(false);
    expect(timelinePollInterval(undefined, now)).toBe(false);
  });
});
