import { describe, expect, it } from "vitest";
import { statusHint, statusLabel, statusTone } from "./labels";
import {
  awaitingValue,
  clickKindLabel,
  daysText,
  expiryText,
  identifierText,
  matchLabel,
  parseValue,
  percent,
  shortDate,
  valueText,
  windowText,
} from "./matchQuality";
import { ledgerEntry } from "../../test/ledgerFixtures";
import type { ClickWindow } from "./types";

const NOW = new Date("2026-12-06T12:00:00Z");

function window(fields: Partial<ClickWindow>): ClickWindow {
  return {
    kind: "gclid",
    clicked_at: "2026-10-12T09:00:00.000Z",
    closes_at: "2027-01-10T09:00:00.000Z",
    state: "open",
    won_at: null,
    days_left: 34,
    ...fields,
  };
}

describe("the new ledger statuses", () => {
  it("reads a win without a value and one already reported in plain words", () => {
    expect(statusLabel("no_value")).toBe("Not sent: no value");
    expect(statusLabel("already_reported")).toBe("Already reported");
    expect(statusHint("no_value")).toContain("set it");
    expect(statusTone("no_value")).toBe("pending");
  });
});

describe("the Google click window", () => {
  it("gives the click and the day the window closes", () => {
    expect(windowText(window({}), NOW)).toBe("Google click on 12 Oct, window closes 10 Jan 2027");
  });

  it("warns when an open lead's window closes within a week", () => {
    const closing = window({ state: "expiring", closes_at: "2026-12-10T09:00:00.000Z", days_left: 3 });
    expect(windowText(closing, NOW)).toBe(
      "Google click on 12 Oct, window closes 10 Dec (3 days left)",
    );
    expect(windowText({ ...closing, days_left: 0 }, NOW)).toContain("(less than a day left");
  });

  it("says when it expired", () => {
    const expired = window({ state: "expired", clicked_at: "2026-08-01T00:00:00Z", closes_at: "2026-10-30T00:00:00Z" });
    expect(windowText(expired, NOW)).toBe("Google click on 1 Aug, window closed 30 Oct: expired");
  });

  it("measures a won lead at its win", () => {
    expect(windowText(window({ won_at: "2026-11-03T10:00:00Z", days_left: null }), NOW)).toBe(
      "Google click on 12 Oct, won 3 Nov: inside the 90-day window",
    );
    expect(windowText(window({ state: "expired", won_at: "2027-02-01T10:00:00Z" }), NOW)).toContain("expired");
  });

  it("writes dates as day and month, with the year only when not this year's", () => {
    expect(shortDate("2026-01-05T23:30:00Z", NOW)).toBe("5 Jan");
    expect(shortDate("2025-12-31T00:00:00Z", NOW)).toBe("31 Dec 2025");
    expect(shortDate("not a date", NOW)).toBe("not a date");
    expect(daysText(1)).toBe("1 day");
  });
});

describe("identifiers", () => {
  it("marks each as present or missing, and says whether it is sent and why not", () => {
    expect(identifierText({ name: "gclid", label: "Google click id (gclid)", present: true, sent: true })).toEqual({
      mark: "✓",
      text: "Google click id (gclid), sent",
    });
    const phone = { name: "phone", label: "Phone (hashed)", present: false, sent: false, note: "invalid number, not sent" };
    expect(identifierText(phone)).toEqual({ mark: "✗", text: "Phone (hashed), missing: invalid number, not sent" });
    const email = { name: "email", label: "Email (hashed)", present: true, sent: false, note: "the gclid is sent instead" };
    expect(identifierText(email).text).toBe("Email (hashed), held, not sent: the gclid is sent instead");
  });

  it("names the match levels and click kinds", () => {
    expect([matchLabel("strong"), matchLabel("fair"), matchLabel("none")]).toEqual([
      "Strong match",
      "Fair match",
      "No match",
    ]);
    expect(clickKindLabel("wbraid")).toBe("Google web-to-app click (wbraid)");
    expect(clickKindLabel("other")).toBe("other");
  });

  it("shows shares as whole percentages", () => {
    expect(percent(0.6667)).toBe("67%");
    expect(percent(null)).toBe("0%");
  });

  it("says when a click expires", () => {
    expect(expiryText({ expires_at: "2026-12-10T09:00:00Z", days_left: 3 }, NOW)).toBe("expires 10 Dec, in 3 days");
  });
});

describe("values", () => {
  it("shows the value sent and the value the platform now holds", () => {
    const { value, held } = valueText(ledgerEntry({ value: 1250, currency: "USD", held_value: 900 }));
    expect(value).toMatch(/1,250/);
    expect(held).toMatch(/^Platform now holds .*900/);
    expect(valueText(ledgerEntry({}))).toEqual({ value: null, held: null });
  });

  it("takes a positive amount with at most two decimals", () => {
    expect(parseValue(" 1,250.50 ")).toEqual({ value: 1250.5 });
    expect(parseValue("")).toEqual({ error: "Enter the deal's value" });
    expect(parseValue("12.345")).toHaveProperty("error");
    expect(parseValue("abc")).toHaveProperty("error");
    expect(parseValue("0")).toEqual({ error: "A win is sent with a value above 0" });
  });

  it("offers the action on the newest win not sent for want of a value", () => {
    const latest = [
      ledgerEntry({ entry_id: "a", status: "no_value", at: "2026-03-01T10:00:00Z" }),
      ledgerEntry({ entry_id: "b", status: "no_value", platform: "meta", at: "2026-03-01T10:00:01Z" }),
      ledgerEntry({ entry_id: "c", status: "no_value", kind: "crm_event", at: "2026-03-02T10:00:00Z" }),
    ];
    expect(awaitingValue(latest)?.entry_id).toBe("b");
    expect(awaitingValue([ledgerEntry({ status: "sent" })])).toBeNull();
  });
});
