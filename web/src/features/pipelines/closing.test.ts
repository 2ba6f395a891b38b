import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import {
  amountDigits,
  amountText,
  closingErrors,
  closingKind,
  closingRequest,
  parseAmount,
  prefillValue,
  REASON_REQUIRED,
  VALUE_REQUIRED,
} from "./closing";

describe("which moves ask first", () => {
  it("asks the value of a win and the reason of a loss, nothing else", () => {
    expect(closingKind("won")).toBe("won");
    expect(closingKind("lost")).toBe("lost");
    expect(closingKind("open")).toBeNull();
    expect(closingKind(undefined)).toBeNull();
  });
});

describe("the value the dialog starts with", () => {
  it("is the lead's own value, else the pipeline's default, else the form's", () => {
    expect(prefillValue(4200, 1500, 900)).toBe("4200");
    expect(prefillValue(0, 1500.5, 900)).toBe("1500.50");
    expect(prefillValue(0, null, 900)).toBe("900");
    expect(prefillValue(0, 0, 900)).toBe("900");
    expect(prefillValue(0, undefined, undefined)).toBe("");
    expect(prefillValue(0, null, null)).toBe("");
  });

  it("writes whole amounts without cents", () => {
    expect(amountText(12)).toBe("12");
    expect(amountText(12.3)).toBe("12.30");
  });

  it("writes an amount with its currency's decimals, and never cuts one off", () => {
    expect(amountText(1.234, "KWD")).toBe("1.234");
    expect(amountText(12.3, "KWD")).toBe("12.300");
    expect(amountText(12.3, "USD")).toBe("12.30");
    expect(amountText(7500, "JPY")).toBe("7500");
    expect(amountText(1.2345, "CLF")).toBe("1.2345");
    expect(amountText(1.234)).toBe("1.234"); // the lead's value, whatever the caller knows of its currency
    expect(prefillValue(1.234, 1500, null, "KWD")).toBe("1.234");
    expect(prefillValue(0, 1.5, null, "KWD")).toBe("1.500");
  });
});

describe("the decimals of a currency", () => {
  it("are ISO 4217's, as the API counts them", () => {
    expect(amountDigits("USD")).toBe(2);
    expect(amountDigits(" kwd ")).toBe(3);
    expect(amountDigits("JPY")).toBe(0);
    expect(amountDigits("CLF")).toBe(4);
    // where browsers' Intl gives fewer (cash digits)
    expect(amountDigits("IQD")).toBe(3);
    expect(amountDigits("HUF")).toBe(2);
    expect(amountDigits("COP")).toBe(2);
  });
});

describe("an amount as typed", () => {
  it("takes digits with up to two decimals, spaces and thousands commas", () => {
    expect(parseAmount("1234.5")).toEqual({ ok: true, value: "1234.50", amount: 1234.5 });
    expect(parseAmount(" 1,234.50 ")).toEqual({ ok: true, value: "1234.50", amount: 1234.5 });
    expect(parseAmount("0")).toEqual({ ok: true, value: "0.00", amount: 0 });
  });

  it("refuses what is not an amount, in words", () => {
    for (const text of ["-5", "12.34567", "abc", "1e3", "", "1.", ".5"]) {
      expect(parseAmount(text)).toEqual({ ok: false, error: "Enter an amount, like 1234.50" });
    }
    expect(parseAmount("2000000000000")).toEqual({ ok: false, error: "Enter a smaller amount" });
  });

  it("takes the decimals of its currency", () => {
    expect(parseAmount("1.234", "KWD")).toEqual({ ok: true, value: "1.234", amount: 1.234 });
    expect(parseAmount("1,234.5", "KWD")).toEqual({ ok: true, value: "1234.500", amount: 1234.5 });
    expect(parseAmount("1.2345", "CLF")).toEqual({ ok: true, value: "1.2345", amount: 1.2345 });
    expect(parseAmount("7,500", "JPY")).toEqual({ ok: true, value: "7500", amount: 7500 });
    expect(parseAmount("7500.00", "JPY")).toEqual({ ok: true, value: "7500", amount: 7500 }); // trailing zeros are no decimals
    expect(parseAmount("12.50", "USD")).toEqual({ ok: true, value: "12.50", amount: 12.5 });
    expect(parseAmount("0012.5", "EUR")).toEqual({ ok: true, value: "12.50", amount: 12.5 });
  });

  it("refuses more decimals than its currency has, naming the currency", () => {
    expect(parseAmount("12.345", "USD")).toEqual({ ok: false, error: "USD amounts have at most 2 decimals" });
    expect(parseAmount("1.2345", "kwd")).toEqual({ ok: false, error: "KWD amounts have at most 3 decimals" });
    expect(parseAmount("7500.5", "JPY")).toEqual({ ok: false, error: "JPY amounts are whole numbers" });
  });

  it("without a currency, takes up to 4 decimals and leaves the currency's to the API", () => {
    expect(parseAmount("1.234")).toEqual({ ok: true, value: "1.234", amount: 1.234 });
    expect(parseAmount("1.2345")).toEqual({ ok: true, value: "1.2345", amount: 1.2345 });
  });

  it("keeps every digit of a large amount", () => {
    expect(parseAmount("999,999,999,999.1234", "CLF")).toEqual({ ok: true, value: "999999999999.1234", amount: 999999999999.1234 });
  });
});

describe("what the dialog sends", () => {
  const draft = { value: "", reason: "", note: "" };

  it("sends a win's value as a decimal string", () => {
    expect(closingRequest("won", { ...draft, value: "1234.50" }, false)).toEqual({ ok: true, fields: { value: "1234.50" } });
  });

  it("sends a win's value with the decimals of the lead's currency", () => {
    expect(closingRequest("won", { ...draft, value: "1.234" }, false, "KWD")).toEqual({ ok: true, fields: { value: "1.234" } });
    expect(closingRequest("won", { ...draft, value: "1.234" }, false, "USD")).toEqual({
      ok: false,
      errors: { value: "USD amounts have at most 2 decimals" },
    });
  });

  it("asks for a value above 0 unless the account allows zero-value wins", () => {
    expect(closingRequest("won", draft, false)).toEqual({ ok: false, errors: { value: VALUE_REQUIRED } });
    expect(closingRequest("won", { ...draft, value: "0" }, false)).toEqual({ ok: false, errors: { value: VALUE_REQUIRED } });
    expect(closingRequest("won", draft, true)).toEqual({ ok: true, fields: { value: "0.00" } });
    expect(closingRequest("won", { ...draft, value: "x" }, true)).toEqual({
      ok: false,
      errors: { value: "Enter an amount, like 1234.50" },
    });
  });

  it("sends a loss's reason, and its note when there is one", () => {
    expect(closingRequest("lost", draft, false)).toEqual({ ok: false, errors: { lost_reason: REASON_REQUIRED } });
    expect(closingRequest("lost", { ...draft, reason: "Price", note: "  " }, false)).toEqual({
      ok: true,
      fields: { lost_reason: "Price" },
    });
    expect(closingRequest("lost", { ...draft, reason: "Price", note: " Too dear " }, false)).toEqual({
      ok: true,
      fields: { lost_reason: "Price", lost_note: "Too dear" },
    });
    expect(closingRequest("lost", { ...draft, reason: "Price", note: "x".repeat(1001) }, false)).toEqual({
      ok: false,
      errors: { lost_note: "Use at most 1000 characters" },
    });
  });
});

describe("the API's refusals the dialog shows", () => {
  it("shows the value and reason refusals next to their inputs", () => {
    const value = new ApiError(422, "value_required", "Enter the deal's value", { value: "Enter the deal's value (more than 0)" });
    expect(closingErrors(value)).toEqual({ value: "Enter the deal's value (more than 0)" });
    const unknown = new ApiError(422, "unknown_lost_reason", "x", { lost_reason: "Choose one of: Budget" });
    expect(closingErrors(unknown)).toEqual({ lost_reason: "Choose one of: Budget" });
    expect(closingErrors(new ApiError(422, "lost_reason_required", "Choose why the lead was lost"))).toEqual({
      lost_reason: "Choose why the lead was lost",
    });
  });

  it("leaves every other error to the page", () => {
    expect(closingErrors(new ApiError(422, "validation_error", "x", { stage_id: "no such stage" }))).toBeNull();
    expect(closingErrors(new ApiError(409, "stale_version", "x"))).toBeNull();
    expect(closingErrors(new Error("offline"))).toBeNull();
  });
});
