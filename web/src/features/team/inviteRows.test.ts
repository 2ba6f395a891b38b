import { describe, expect, it } from "vitest";
import { blankRow, fieldErrorsByRow, hasRowErrors, outcomeSummary, readResults, rowErrors, seatLimitMessage, toPeople, type InviteRow } from "./inviteRows";

const row = (key: number, email: string, name: string, role: InviteRow["role"] = "Sales"): InviteRow => ({ key, email, name, role });

describe("the invitation rows", () => {
  it("start blank, as Sales", () => {
    expect(blankRow(3)).toEqual({ key: 3, email: "", name: "", role: "Sales" });
  });

  it("need an email address and a name", () => {
    const errors = rowErrors([row(1, "", ""), row(2, "not-an-email", "Bo"), row(3, "ana@acme.test", "  ")]);
    expect(errors).toEqual({
      1: { email: "Enter their email", name: "Enter their name" },
      2: { email: "Enter an email address such as name@example.com" },
      3: { name: "Enter their name" },
    });
    expect(hasRowErrors(errors)).toBe(true);
  });

  it("refuse the same email twice, however it is written", () => {
    expect(rowErrors([row(1, "ana@acme.test", "Ana"), row(2, " ANA@acme.test ", "Ana again")])).toEqual({
      2: { email: "This email is in the list twice" },
    });
  });

  it("pass when each is complete", () => {
    const errors = rowErrors([row(1, "ana@acme.test", "Ana"), row(2, "bo@acme.test", "Bo", "Manager")]);
    expect(errors).toEqual({});
    expect(hasRowErrors(errors)).toBe(false);
  });

  it("are sent trimmed, emails in lower case", () => {
    expect(toPeople([row(1, " Ana@Acme.test ", " Ana Diaz ", "Staff")])).toEqual([{ email: "ana@acme.test", name: "Ana Diaz", role: "Staff" }]);
  });
});

describe("the results", () => {
  const rows = [row(1, "ana@acme.test", "Ana"), row(2, "bo@acme.test", "Bo"), row(3, "cy@acme.test", "Cy")];
  const results = [
    { email: "ana@acme.test", status: "invited", user: null },
    { email: "bo@acme.test", status: "failed", error: { code: "email_taken", message: "A user with this email already exists" } },
    { email: "cy@acme.test", status: "failed", error: { code: "plan_limit_reached", message: "Your Starter plan includes 3 users." } },
  ];

  it("say for each row whether it was invited and why not", () => {
    expect(readResults(rows, results)).toEqual([
      { key: 1, email: "ana@acme.test", name: "Ana", invited: true, message: null, code: null },
      { key: 2, email: "bo@acme.test", name: "Bo", invited: false, message: "A user with this email already exists", code: "email_taken" },
      { key: 3, email: "cy@acme.test", name: "Cy", invited: false, message: "Your Starter plan includes 3 users.", code: "plan_limit_reached" },
    ]);
  });

  it("are matched by email when the order differs", () => {
    const outcomes = readResults(rows.slice(0, 2), [results[1]!, results[0]!]);
    expect(outcomes.map((o) => [o.email, o.invited])).toEqual([
      ["ana@acme.test", true],
      ["bo@acme.test", false],
    ]);
  });

  it("count a row without a result as not invited", () => {
    expect(readResults([row(9, "zed@acme.test", "Zed")], [])[0]).toMatchObject({ invited: false, message: "This person was not invited" });
  });

  it("name the plan's seat limit once, and sum up", () => {
    const outcomes = readResults(rows, results);
    expect(seatLimitMessage(outcomes)).toBe("Your Starter plan includes 3 users.");
    expect(seatLimitMessage(outcomes.slice(0, 2))).toBeNull();
    expect(outcomeSummary(outcomes)).toBe("1 invitation sent, 2 not sent");
    expect(outcomeSummary(outcomes.slice(0, 1))).toBe("1 invitation sent");
  });
});

describe("a refused request", () => {
  it("puts each field's message under its row's input", () => {
    const rows = [row(4, "ana@acme.test", "Ana"), row(7, "bo@acme", "Bo")];
    expect(fieldErrorsByRow(rows, { "people.1.email": "must be a valid email address", "people.0.name": "too long", people: "at most 20" })).toEqual({
      byRow: { 7: { email: "must be a valid email address" }, 4: { name: "too long" } },
      other: ["at most 20"],
    });
  });
});
