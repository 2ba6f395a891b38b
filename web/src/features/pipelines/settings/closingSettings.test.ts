import { describe, expect, it } from "vitest";
import { addReason, defaultValueBody, defaultValueChanged, settingsBody } from "./closingSettings";

describe("editing the lost reasons", () => {
  it("adds a reason at the end, trimmed", () => {
    expect(addReason(["Price"], "  Timing ")).toEqual({ ok: true, reasons: ["Price", "Timing"] });
  });

  it("refuses a blank, a repeated or a too long reason, and a full list", () => {
    expect(addReason(["Price"], "  ")).toEqual({ ok: false, error: "Type the reason first" });
    expect(addReason(["Price"], "price")).toEqual({ ok: false, error: "“price” is already on the list" });
    expect(addReason([], "x".repeat(81))).toEqual({ ok: false, error: "Use at most 80 characters" });
    const full = Array.from({ length: 30 }, (_, index) => `r${index}`);
    expect(addReason(full, "one more")).toEqual({ ok: false, error: "A list holds at most 30 reasons" });
  });
});

describe("saving the settings", () => {
  it("sends the reasons trimmed, with the zero-value wins switch", () => {
    expect(settingsBody([" Price ", "Timing"], true)).toEqual({
      ok: true,
      body: { lost_reasons: ["Price", "Timing"], allow_zero_value_wins: true },
    });
  });

  it("refuses an empty list, a blank reason and a reason listed twice", () => {
    expect(settingsBody([], false)).toEqual({ ok: false, error: "Keep at least one reason: a lost lead needs one" });
    expect(settingsBody(["Price", " "], false)).toEqual({ ok: false, error: "Give every reason a name, or remove it" });
    expect(settingsBody(["Price", "PRICE"], false)).toEqual({ ok: false, error: "“PRICE” is on the list twice" });
  });
});

describe("a pipeline's default deal value", () => {
  it("is an amount, or nothing to remove it", () => {
    expect(defaultValueBody("1,500.5")).toEqual({ ok: true, value: "1500.50" });
    expect(defaultValueBody("  ")).toEqual({ ok: true, value: null });
    expect(defaultValueBody("-3")).toEqual({ ok: false, error: "Enter an amount, like 1234.50" });
  });

  it("is changed only when the amount typed differs from the saved one", () => {
    expect(defaultValueChanged("1500", 1500)).toBe(false);
    expect(defaultValueChanged(" 1,500.00 ", 1500)).toBe(false);
    expect(defaultValueChanged("", null)).toBe(false);
    expect(defaultValueChanged("1500.5", 1500)).toBe(true);
    expect(defaultValueChanged("", 1500)).toBe(true);
    expect(defaultValueChanged("250", null)).toBe(true);
    expect(defaultValueChanged("abc", null)).toBe(true);
  });
});
