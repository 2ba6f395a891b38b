import { describe, expect, it } from "vitest";
import { groupCardNumber, luhnValid, parseCard, parseExpiry } from "./cardForm";

const NOW = new Date("2026-05-14T12:00:00Z");

describe("parseCard", () => {
  it("turns what was typed into the card Stripe.js confirms", () => {
    expect(parseCard({ number: "4242 4242 4242 4242", expiry: "12/34", cvc: "123", postalCode: " 10001 " }, NOW)).toEqual({
      ok: true,
      card: { number: "4242424242424242", exp_month: 12, exp_year: 2034, cvc: "123" },
      postalCode: "10001",
    });
  });

  it("says what is missing", () => {
    const parsed = parseCard({ number: "", expiry: "", cvc: "", postalCode: "" }, NOW);
    expect(parsed).toEqual({
      ok: false,
      errors: { number: "Enter the card number", expiry: "Enter the expiry date", cvc: "Enter the security code" },
    });
  });

  it("refuses a mistyped number, a bad date, an expired card and a bad code", () => {
    const parsed = parseCard({ number: "4242 4242 4242 4241", expiry: "13/30", cvc: "12", postalCode: "" }, NOW);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors.number).toBe("This card number is not valid");
      expect(parsed.errors.expiry).toBe("Enter the expiry date as MM/YY");
      expect(parsed.errors.cvc).toBe("The security code is 3 or 4 digits");
    }
    const expired = parseCard({ number: "4242424242424242", expiry: "04/26", cvc: "123", postalCode: "" }, NOW);
    expect(expired.ok ? null : expired.errors.expiry).toBe("This card has expired");
    expect(parseCard({ number: "4242424242424242", expiry: "05/26", cvc: "1234", postalCode: "" }, NOW).ok).toBe(true);
  });
});

describe("card number and expiry", () => {
  it("checks the Luhn digit", () => {
    expect(luhnValid("4242424242424242")).toBe(true);
    expect(luhnValid("4000000000000341")).toBe(true);
    expect(luhnValid("4242424242424243")).toBe(false);
    expect(luhnValid("42a2")).toBe(false);
  });

  it("groups the number in fours as it is typed", () => {
    expect(groupCardNumber("42424242")).toBe("4242 4242");
    expect(groupCardNumber("4242-4242 42")).toBe("4242 4242 42");
    expect(groupCardNumber("4242 ")).toBe("4242");
  });

  it("reads the usual ways of writing an expiry date", () => {
    expect(parseExpiry("1/27")).toEqual({ month: 1, year: 2027 });
    expect(parseExpiry("01 / 2027")).toEqual({ month: 1, year: 2027 });
    expect(parseExpiry("0127")).toEqual({ month: 1, year: 2027 });
    expect(parseExpiry("00/27")).toBeNull();
    expect(parseExpiry("next year")).toBeNull();
  });
});
