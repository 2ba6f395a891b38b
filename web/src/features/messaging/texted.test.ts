import { describe, expect, it } from "vitest";
import { recordActivity } from "../contacts/activity";
import type { ChangeEntry } from "../contacts/changeLog";
import { readTexted, textedStatus, textedTitle } from "./texted";

function texted(cause: Record<string, unknown>, extra: Partial<ChangeEntry> = {}): ChangeEntry {
  return { entry_id: "S1", kind: "texted", at: "2026-11-20T10:00:00Z", actor_id: "U1", actor_name: "Sam Sales", changes: [], cause, ...extra };
}

describe("a text on a contact's Activity", () => {
  it("reads what was sent, and what became of it", () => {
    const sent = readTexted({ to: "+14155550123", body: "Hi Ada", segments: 2, status: "sent", sid: "SM1" });
    expect(textedTitle(sent)).toBe("Texted +14155550123");
    expect(textedStatus(sent)).toEqual({ label: "Sent (2 parts)", tone: "good", reason: null });
    expect(textedStatus(readTexted({ status: "failed", error: "The phone number is not a valid number (Twilio error 21211)" }))).toEqual({
      label: "Failed",
      tone: "bad",
      reason: "The phone number is not a valid number (Twilio error 21211)",
    });
    expect(textedStatus(readTexted({ status: "not_sent", error: "Not sent: the contact unsubscribed from SMS" })).label).toBe("Not sent");
    expect(textedStatus(readTexted({ status: "retrying", error: "Twilio asked to slow down" })).label).toBe("Queued: trying again");
    expect(textedStatus(readTexted({ status: "something new" }))).toEqual({ label: "Queued", tone: "busy", reason: null });
  });

  it("shows in the Activity with its message, by the person or the workflow that sent it", () => {
    const [byPerson] = recordActivity([texted({ to: "+14155550123", body: "Hi Ada", status: "queued" })], "Contact", { userName: () => "" });
    expect(byPerson).toMatchObject({ kind: "texted", title: "Texted +14155550123", actor: "Sam Sales", message: "Hi Ada" });
    expect(byPerson?.status).toEqual({ label: "Queued", tone: "busy", reason: null });
    const [byWorkflow] = recordActivity([texted({ to: "+1", body: "x", status: "sent", workflow: "Welcome" }, { actor_name: "Convertly" })], "Contact", {
      userName: () => "",
    });
    expect(byWorkflow?.actor).toBe("Workflow: Welcome");
  });
});
