import { describe, expect, it } from "vitest";
import type { NotificationChannel } from "../types";
import { changedChannels, preferenceRows } from "./preferences";

const SAVED: Record<string, NotificationChannel> = {
  lead_assigned: "in_app",
  followup_overdue: "both",
  task_due: "both",
};

describe("notification preferences", () => {
  it("lists the kinds the API answers, in reading order, with a label for a kind it adds later", () => {
    const rows = preferenceRows({ ...SAVED, invoice_paid: "email" });
    expect(rows.map((row) => row.kind)).toEqual(["lead_assigned", "followup_overdue", "task_due", "invoice_paid"]);
    expect(rows[3]!.label).toBe("Invoice paid");
  });

  it("sends only the kinds whose channel changed", () => {
    expect(changedChannels(SAVED, { ...SAVED })).toEqual({});
    expect(changedChannels(SAVED, { ...SAVED, followup_overdue: "email", task_due: "none" })).toEqual({
      followup_overdue: "email",
      task_due: "none",
    });
  });
});
