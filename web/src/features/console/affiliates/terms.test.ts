import { describe, expect, it } from "vitest";
import {
  amountToMinor,
  bpsToPercentText,
  commissionForm,
  commissionFromForm,
  commissionSummary,
  formatMinorAmount,
  hasProblems,
  minorToAmountText,
  percentLabel,
  percentToBps,
  programForm,
  programFromForm,
  type ProgramForm,
} from "./terms";

const value = (parsed: ReturnType<typeof percentToBps>) => (parsed.ok ? parsed.value : parsed.problem);

describe("a percentage as basis points", () => {
  it("converts from the digits, to the basis point, without float rounding", () => {
    const cases: [string, number][] = [
      ["20", 2000],
      ["12.5", 1250],
      ["12.50", 1250],
      ["0.01", 1],
      ["57.7", 5770], // 57.7 * 100 is 5770.000000000001
      ["4.35", 435], // 4.35 * 100 is 434.99999999999994
      ["0.07", 7],
      ["100", 10000],
      [" 7 % ", 700],
      ["12,5", 1250],
      [".5", 50],
      ["007", 700],
      ["12.500", 1250],
      ["0", 0],
    ];
    for (const [text, bps] of cases) expect(value(percentToBps(text)), text).toBe(bps);
  });

  it("refuses what is not a percentage to the basis point", () => {
    expect(value(percentToBps("12.345"))).toMatch(/two decimals/);
    expect(value(percentToBps("100.01"))).toBe("At most 100%");
    expect(value(percentToBps("-5"))).toMatch(/A number/);
    expect(value(percentToBps("1e2"))).toMatch(/A number/);
    expect(value(percentToBps("twenty"))).toMatch(/A number/);
    expect(value(percentToBps(""))).toMatch(/The percentage/);
    expect(value(percentToBps("."))).toMatch(/A number/);
  });

  it("reads back as it was typed", () => {
    expect([2000, 1250, 1, 5770, 10000, 0, 1234].map(bpsToPercentText)).toEqual(["20", "12.5", "0.01", "57.7", "100", "0", "12.34"]);
    expect(percentLabel(2500)).toBe("25%");
    for (let bps = 0; bps <= 10000; bps += 1) {
      const back = percentToBps(bpsToPercentText(bps));
      if (!back.ok || back.value !== bps) throw new Error(`${bps} came back as ${JSON.stringify(back)}`);
    }
  });
});

describe("an amount in dollars as cents", () => {
  it("converts from the digits, to the cent, without float rounding", () => {
    const cases: [string, number][] = [
      ["10", 1000],
      ["19.99", 1999], // 19.99 * 100 is 1998.9999999999998
      ["0.29", 29], // 0.29 * 100 is 28.999999999999996
      ["1.1", 110],
      ["10.50", 1050],
      ["$50", 5000],
      ["1,234.56", 123456],
      ["1,000,000", 100000000],
      ["0", 0],
      ["0.10", 10],
      ["9007199254.74", 900719925474],
    ];
    for (const [text, minor] of cases) expect(value(amountToMinor(text)), text).toBe(minor);
  });

  it("refuses fractions of a cent and what is not an amount", () => {
    expect(value(amountToMinor("1.005"))).toMatch(/two decimals/);
    expect(value(amountToMinor("1,23"))).toMatch(/An amount/);
    expect(value(amountToMinor("-3"))).toMatch(/An amount/);
    expect(value(amountToMinor("ten"))).toMatch(/An amount/);
    expect(value(amountToMinor(" "))).toMatch(/An amount/);
    expect(value(amountToMinor("1234567890123"))).toMatch(/An amount/);
  });

  it("reads back as a form shows it", () => {
    expect([1000, 1999, 1050, 5, 0, 123456].map(minorToAmountText)).toEqual(["10", "19.99", "10.50", "0.05", "0", "1234.56"]);
    for (let minor = 0; minor <= 20000; minor += 1) {
      const back = amountToMinor(minorToAmountText(minor));
      if (!back.ok || back.value !== minor) throw new Error(`${minor} came back as ${JSON.stringify(back)}`);
    }
  });

  it("formats money with its cents when it has any", () => {
    expect(formatMinorAmount(1000, "usd")).toBe("$10");
    expect(formatMinorAmount(1999, "USD")).toBe("$19.99");
    expect(formatMinorAmount(1050, "USD")).toBe("$10.50");
    expect(formatMinorAmount(500, "eur")).toBe("€5");
    expect(formatMinorAmount(500, "zz1")).toBe("5 ZZ1");
  });
});

describe("the commission form", () => {
  it("sends a percentage for some months, or for the subscription's lifetime", () => {
    expect(commissionFromForm({ commissionType: "percent", percent: "25", months: "6", bounty: "" })).toEqual({
      terms: { commission_type: "percent", percent_bps: 2500, duration_months: 6, bounty_minor: 0 },
      problems: {},
    });
    expect(commissionFromForm({ commissionType: "percent", percent: "12.5", months: " ", bounty: "40" }).terms).toEqual({
      commission_type: "percent",
      percent_bps: 1250,
      duration_months: null,
      bounty_minor: 0,
    });
  });

  it("sends a bounty in cents", () => {
    expect(commissionFromForm({ commissionType: "bounty", percent: "20", months: "12", bounty: "49.99" }).terms).toEqual({
      commission_type: "bounty",
      percent_bps: 0,
      duration_months: null,
      bounty_minor: 4999,
    });
  });

  it("says what is wrong, by field", () => {
    expect(commissionFromForm({ commissionType: "percent", percent: "0", months: "121", bounty: "" }).problems).toEqual({
      percent: "Above 0%",
      months: "Months: a whole number from 1 to 120",
    });
    expect(commissionFromForm({ commissionType: "percent", percent: "20", months: "1.5", bounty: "" }).problems.months).toMatch(/whole number/);
    expect(commissionFromForm({ commissionType: "bounty", percent: "", months: "", bounty: "0" }).problems).toEqual({ bounty: "Above 0" });
    expect(commissionFromForm({ commissionType: "bounty", percent: "", months: "", bounty: "1000000.01" }).problems.bounty).toMatch(/At most/);
  });

  it("starts from the terms as the API has them", () => {
    expect(commissionForm({ commission_type: "percent", percent_bps: 1250, duration_months: null, bounty_minor: 0 })).toEqual({
      commissionType: "percent",
      percent: "12.5",
      months: "",
      bounty: "",
    });
    expect(commissionForm({ commission_type: "bounty", bounty_minor: 10050 })).toMatchObject({ bounty: "100.50", months: "" });
  });

  it("reads as a sentence", () => {
    expect(commissionSummary({ commission_type: "percent", percent_bps: 2500, duration_months: 6 }, "usd")).toBe("25% of each paid invoice for 6 months");
    expect(commissionSummary({ commission_type: "percent", percent_bps: 1250, duration_months: null }, "usd")).toBe(
      "12.5% of each paid invoice for the subscription's lifetime",
    );
    expect(commissionSummary({ commission_type: "percent", percent_bps: 2000, duration_months: 1 }, "usd")).toMatch(/for 1 month$/);
    expect(commissionSummary({ commission_type: "bounty", bounty_minor: 10000 }, "usd")).toBe("$100 bounty on the first paid invoice");
  });
});

describe("the program form", () => {
  const defaults = programForm({ commission_type: "percent", percent_bps: 2000, duration_months: 12 });

  it("fills the API's defaults for what an answer leaves out", () => {
    expect(defaults).toEqual({
      commissionType: "percent",
      percent: "20",
      months: "12",
      bounty: "",
      currency: "USD",
      holdDays: "30",
      cookieDays: "60",
      attribution: "last_click",
      threshold: "50",
    });
  });

  it("sends the terms in basis points and cents", () => {
    const form: ProgramForm = { ...defaults, percent: "25", months: "6", threshold: "10", currency: "eur", holdDays: "0", attribution: "first_click" };
    const { terms, problems } = programFromForm(form);
    expect(problems).toEqual({});
    expect(terms).toEqual({
      commission_type: "percent",
      percent_bps: 2500,
      duration_months: 6,
      bounty_minor: 0,
      currency: "eur",
      hold_days: 0,
      cookie_days: 60,
      attribution: "first_click",
      payout_threshold_minor: 1000,
    });
  });

  it("says what is wrong, by field", () => {
    const { problems } = programFromForm({ ...defaults, currency: "US", holdDays: "366", cookieDays: "0", threshold: "10.001" });
    expect(problems).toEqual({
      currency: "A three-letter currency code, e.g. USD",
      holdDays: "Days: a whole number from 0 to 365",
      cookieDays: "Days: a whole number from 1 to 365",
      threshold: "At most two decimals (cents), e.g. 19.99",
    });
    expect(hasProblems(problems)).toBe(true);
    expect(hasProblems({ percent: undefined })).toBe(false);
  });
});
