import { describe, expect, it } from "vitest";
import {
  attributionInWords,
  currencyDigits,
  dueNote,
  entryStatusLabel,
  formatBps,
  formatBytes,
  formatMinor,
  formatRate,
  minorToDecimal,
  payoutMethodLabel,
  planLabel,
  referralStatusLabel,
  termsDetail,
  termsInWords,
} from "./portalModel";

describe("money in minor units", () => {
  it("turns cents into exact decimal text without float arithmetic", () => {
    expect(minorToDecimal(123456, 2)).toBe("1234.56");
    expect(minorToDecimal(5, 2)).toBe("0.05");
    expect(minorToDecimal(-5, 2)).toBe("-0.05");
    expect(minorToDecimal(-120000, 2)).toBe("-1200.00");
    expect(minorToDecimal(0, 2)).toBe("0.00");
    expect(minorToDecimal(4200, 0)).toBe("4200");
    // 0.1 + 0.2 style sums stay exact: 10 cents and 20 cents are 30 cents.
    expect(minorToDecimal(10 + 20, 2)).toBe("0.30");
  });

  it("knows each currency's minor unit", () => {
    expect(currencyDigits("usd")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("not a currency")).toBe(2);
  });

  it("formats signed amounts in the currency, to the cent, whole amounts without decimals", () => {
    expect(formatMinor(123450, "usd", "en-US")).toBe("$1,234.50");
    expect(formatMinor(4000, "usd", "en-US")).toBe("$40");
    expect(formatMinor(-1200, "usd", "en-US")).toBe("-$12");
    expect(formatMinor(-1250, "usd", "en-US")).toBe("-$12.50");
    expect(formatMinor(0, "eur", "en-US")).toBe("€0");
    expect(formatMinor(900719925474099, "usd", "en-US")).toBe("$9,007,199,254,740.99");
    expect(formatMinor(1500, "jpy", "en-US")).toBe("¥1,500");
  });
});

describe("rates and percentages", () => {
  it("reads basis points as a percentage", () => {
    expect(formatBps(2000)).toBe("20%");
    expect(formatBps(1250)).toBe("12.5%");
    expect(formatBps(333)).toBe("3.33%");
    expect(formatBps(10000)).toBe("100%");
    expect(formatBps(5)).toBe("0.05%");
  });

  it("reads a 0-1 rate with one decimal at most, and none as a dash", () => {
    expect(formatRate(0.1234)).toBe("12.3%");
    expect(formatRate(0.5)).toBe("50%");
    expect(formatRate(1)).toBe("100%");
    expect(formatRate(0)).toBe("0%");
    expect(formatRate(null)).toBe("—");
  });

  it("reads file sizes", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2048)).toBe("2 KB");
    expect(formatBytes(1572864)).toBe("1.5 MB");
    expect(formatBytes(null)).toBe("");
  });
});

describe("terms in words", () => {
  it("says a percentage for a number of months", () => {
    expect(termsInWords({ commission_type: "percent", percent_bps: 2000, duration_months: 12 }, "usd", "en-US")).toBe(
      "20% of each payment for 12 months",
    );
    expect(termsInWords({ commission_type: "percent", percent_bps: 2500, duration_months: 1 }, "usd", "en-US")).toBe(
      "25% of each payment for 1 month",
    );
  });

  it("says a lifetime percentage", () => {
    const terms = { commission_type: "percent", percent_bps: 1500, duration_months: null } as const;
    expect(termsInWords(terms, "usd", "en-US")).toBe("15% of each payment for as long as the customer stays subscribed");
    expect(termsDetail(terms)).toContain("for the life of its subscription");
  });

  it("says a bounty in the program's currency", () => {
    const terms = { commission_type: "bounty", bounty_minor: 10000, duration_months: null } as const;
    expect(termsInWords(terms, "usd", "en-US")).toBe("$100 for each customer you refer, once, on their first payment");
    expect(termsDetail(terms)).toContain("first invoice");
  });

  it("explains the cookie window and which click wins", () => {
    const [window, last] = attributionInWords(60, "last_click");
    expect(window).toContain("60 days");
    expect(last).toContain("Last click wins");
    expect(attributionInWords(1, "first_click")[0]).toContain("1 day:");
    expect(attributionInWords(30, "first_click")[1]).toContain("First click wins");
  });

  it("explains a negative balance due only", () => {
    expect(dueNote(500, "usd")).toBeNull();
    expect(dueNote(0, "usd")).toBeNull();
    expect(dueNote(-1250, "usd")).toContain("12.50");
  });
});

describe("labels", () => {
  it("names statuses and methods", () => {
    expect(referralStatusLabel("trial")).toBe("On trial");
    expect(referralStatusLabel("refused")).toBe("Not eligible");
    expect(entryStatusLabel("open")).toBe("To be deducted");
    expect(entryStatusLabel("something-new")).toBe("something-new");
    expect(payoutMethodLabel("paypal")).toBe("PayPal");
    expect(payoutMethodLabel(null)).toBe("Not set");
    expect(planLabel("starter")).toBe("Starter");
    expect(planLabel(null)).toBe("—");
  });
});
