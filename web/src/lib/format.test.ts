import { afterEach, describe, expect, it } from "vitest";
import {
  currencyDigits,
  formatDate,
  formatDateTime,
  formatDay,
  formatHundredths,
  formatMinorUnits,
  formatMoney,
  formatMoneyShort,
  formatNumber,
  getDisplayLocale,
  minorToDecimal,
  setDisplayLocale,
} from "./format";

describe("formatDay", () => {
  it("reads a calendar day as that day, whatever the browser's time zone", () => {
    const shown = formatDay("2027-03-01");
    expect(shown).toContain("2027");
    expect(shown).toMatch(/Mar|3/);
    expect(shown).not.toMatch(/Feb/);
  });

  it("leaves anything else as it is", () => {
    expect(formatDay("soon")).toBe("soon");
    expect(formatDay(null)).toBe("");
  });
});

// Intl separates a code from the number with a no-break space: "KWD 1.234".
const plain = (text: string) => text.replace(/\u00a0/g, " ");

describe("formatMoney", () => {
  it("shows a whole amount without decimals and any other with its cents", () => {
    expect(formatMoney(7500, "USD", "en-US")).toBe("$7,500");
    expect(formatMoney(1234.5, "USD", "en-US")).toBe("$1,234.50");
    expect(formatMoney(0.05, "usd", "en-US")).toBe("$0.05");
    expect(formatMoney(-12.5, "EUR", "en-US")).toBe("-€12.50");
    expect(formatMoney(0.1 + 0.2, "USD", "en-US")).toBe("$0.30"); // a float's own error is no fraction
  });

  it("uses each currency's digits: none for yen, three for dinars", () => {
    expect(formatMoney(7500, "JPY", "en-US")).toBe("¥7,500");
    expect(plain(formatMoney(1.234, "KWD", "en-US"))).toBe("KWD 1.234");
    expect(plain(formatMoney(1.5, "KWD", "en-US"))).toBe("KWD 1.500");
    expect(plain(formatMoney(7500, "KWD", "en-US"))).toBe("KWD 7,500");
    expect([currencyDigits("usd"), currencyDigits("JPY"), currencyDigits("KWD"), currencyDigits("CLF")]).toEqual([2, 0, 3, 4]);
  });

  it("never rounds an exact amount away, even past the currency's digits", () => {
    expect(formatMoney(7500.5, "JPY", "en-US")).toBe("¥7,500.5");
    expect(formatMoney("9007199254740.99", "USD", "en-US")).toBe("$9,007,199,254,740.99");
  });

  it("reads in the locale it is given", () => {
    expect(plain(formatMoney(1234.5, "EUR", "de-DE"))).toBe("1.234,50 €");
  });

  it("falls back to the number and the code for a code Intl cannot take", () => {
    expect(plain(formatMoney(12.5, "XYZ", "en-US"))).toBe("XYZ 12.50"); // well formed, unknown: two digits
    expect(formatMoney(12.5, "EURO", "en-US")).toBe("12.50 EURO");
    expect(formatMoney(12, "", "en-US")).toBe("12");
    expect(currencyDigits("EURO")).toBe(2);
  });
});

describe("money in minor units", () => {
  it("converts with the currency's digits, without float arithmetic", () => {
    expect(formatMinorUnits(4000, "usd", "en-US")).toBe("$40");
    expect(formatMinorUnits(123450, "USD", "en-US")).toBe("$1,234.50");
    expect(formatMinorUnits(1500, "JPY", "en-US")).toBe("¥1,500");
    expect(plain(formatMinorUnits(1234, "KWD", "en-US"))).toBe("KWD 1.234");
    expect(minorToDecimal(-5, 2)).toBe("-0.05");
  });

  it("reads the API's report figures as hundredths whatever the currency", () => {
    expect(formatHundredths(123450, "USD", "en-US")).toBe("$1,234.50");
    expect(formatHundredths(750000, "JPY", "en-US")).toBe("¥7,500");
    expect(plain(formatHundredths(123.4, "KWD", "en-US"))).toBe("KWD 1.234");
  });

  it("shortens an axis' amounts", () => {
    expect(formatMoneyShort(1200, "USD", "en-US")).toBe("$1.2K");
    expect(formatMoneyShort(0, "USD", "en-US")).toBe("$0");
  });
});

describe("the display locale", () => {
  afterEach(() => setDisplayLocale(null));

  it("is what every formatter writes in when a call names no locale", () => {
    setDisplayLocale("de-DE");
    expect(plain(formatMoney(1234.5, "USD"))).toBe("1.234,50 $");
    expect(plain(formatMoney(7500, "EUR"))).toBe("7.500 €");
    expect(plain(formatMinorUnits(123450, "USD"))).toBe("1.234,50 $");
    expect(plain(formatHundredths(123450, "EUR"))).toBe("1.234,50 €");
    expect(formatNumber(1234.5)).toBe("1.234,5");
    expect(formatDay("2026-12-07")).toBe("7. Dez. 2026");
    expect(formatDate("2026-12-07T12:00:00Z")).toMatch(/^[67]\. Dez\. 2026$/);
    expect(formatDateTime("2026-12-07T12:00:00Z")).toMatch(/Dez\. 2026/);

    setDisplayLocale("en-US");
    expect(formatMoney(1234.5, "USD")).toBe("$1,234.50");
    expect(formatNumber(1234.5)).toBe("1,234.5");
    expect(formatDay("2026-12-07")).toBe("Dec 7, 2026");
    expect(formatDateTime("2026-12-07T12:00:00Z")).toMatch(/Dec [67], 2026/);
  });

  it("gives way to a locale a call names", () => {
    setDisplayLocale("de-DE");
    expect(formatMoney(1234.5, "USD", "en-US")).toBe("$1,234.50");
    expect(formatDay("2026-12-07", "en-GB")).toBe("7 Dec 2026");
  });

  it("goes back to the browser's locale when cleared or unusable", () => {
    const browsers = formatMoney(1234.5, "USD");
    setDisplayLocale("de-DE");
    expect(getDisplayLocale()).toBe("de-DE");
    setDisplayLocale(null);
    expect(getDisplayLocale()).toBeUndefined();
    expect(formatMoney(1234.5, "USD")).toBe(browsers);
    setDisplayLocale("not a locale!");
    expect(getDisplayLocale()).toBeUndefined();
    expect(formatMoney(1234.5, "USD")).toBe(browsers);
  });
});
