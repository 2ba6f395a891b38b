import { describe, expect, it } from "vitest";
import { apiErrorFor, API_INPUTS, emptyPayoutForm, missingFields, payoutSettingsBody } from "./payoutSettingsModel";

describe("the payout settings form", () => {
  it("starts on the current method, PayPal when none", () => {
    expect(emptyPayoutForm(null).method).toBe("paypal");
    expect(emptyPayoutForm("bank").method).toBe("bank");
  });

  it("sends PayPal's email only", () => {
    const form = { ...emptyPayoutForm("paypal"), paypalEmail: "  alex@example.test ", accountHolder: "ignored" };
    expect(payoutSettingsBody(form)).toEqual({ method: "paypal", paypal_email: "alex@example.test" });
  });

  it("sends the bank's details, empty ones as null, country and currency normalised", () => {
    const form = { ...emptyPayoutForm("bank"), accountHolder: " Alex Partner ", iban: "DE89 3704 0044 0532 0130 00", country: "de", currency: "EUR" };
    expect(payoutSettingsBody(form)).toEqual({
      method: "bank",
      bank: { account_holder: "Alex Partner", iban: "DE89 3704 0044 0532 0130 00", account_number: null, routing_number: null, country: "DE", currency: "eur" },
    });
  });

  it("says what is missing before sending", () => {
    expect(missingFields(emptyPayoutForm("paypal"))).toEqual({ paypalEmail: expect.stringContaining("PayPal") });
    const bank = emptyPayoutForm("bank");
    expect(Object.keys(missingFields(bank)).sort()).toEqual(["accountHolder", "country", "iban"]);
    expect(missingFields({ ...bank, accountHolder: "A", country: "US", accountNumber: "123456", routingNumber: "021000021" })).toEqual({});
    expect(missingFields({ ...bank, accountHolder: "A", country: "US", accountNumber: "123456" }).iban).toBeDefined();
    expect(missingFields({ ...bank, accountHolder: "A", country: "USA", iban: "x" }).country).toBeDefined();
  });

  it("shows the API's field errors next to their inputs", () => {
    expect(apiErrorFor({ "bank.iban": "does not match" }, "iban")).toBe("does not match");
    expect(apiErrorFor({ iban: "an IBAN, or the account and routing numbers" }, "iban")).toContain("IBAN");
    expect(apiErrorFor({ paypal_email: "must be a valid email address" }, "paypalEmail")).toContain("valid email");
    expect(apiErrorFor({}, "country")).toBeUndefined();
    expect(API_INPUTS).toContain("bank.country");
  });
});
