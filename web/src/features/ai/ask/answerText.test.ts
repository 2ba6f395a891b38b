import { describe, expect, it } from "vitest";
import { answerSegments, argumentsText, isOwnPath } from "./answerText";

const LEAD = { label: "Pia Berg", path: "/leads/01HX7Q" };
const REPORT = { label: "Revenue by campaign, 2026-02-01 to 2026-02-28", path: "/reports/revenue?date_from=2026-02-01&date_to=2026-02-28&group_by=campaign" };

describe("an answer's text", () => {
  it("links the pages it cites, and keeps the rest as text", () => {
    const text = `Spring brought 2400 ([report](${REPORT.path})).\nTalk to [Pia Berg](/leads/01HX7Q) first.`;
    expect(answerSegments(text, [LEAD, REPORT])).toEqual([
      { kind: "text", text: "Spring brought 2400 (" },
      { kind: "link", label: "report", to: REPORT.path },
      { kind: "text", text: ").\nTalk to " },
      { kind: "link", label: "Pia Berg", to: "/leads/01HX7Q" },
      { kind: "text", text: " first." },
    ]);
  });

  it("turns a link to a page it does not cite into its label", () => {
    const text = "See [another lead](/leads/OTHER) and [Pia Berg](/leads/01HX7Q).";
    expect(answerSegments(text, [LEAD])).toEqual([
      { kind: "text", text: "See another lead and " },
      { kind: "link", label: "Pia Berg", to: "/leads/01HX7Q" },
      { kind: "text", text: "." },
    ]);
  });

  it("never links outside the app, even when a citation names such a page", () => {
    const outside = [
      { label: "Evil", path: "https://evil.example/steal" },
      { label: "Also evil", path: "//evil.example" },
      { label: "Script", path: "javascript:alert(1)" },
    ];
    const text = "[a](https://evil.example/steal) [b](//evil.example) [c](javascript:alert(1))";
    const segments = answerSegments(text, outside);
    expect(segments.every((segment) => segment.kind === "text")).toBe(true);
    expect(segments.map((segment) => (segment.kind === "text" ? segment.text : "")).join("")).toBe("a b c)");
  });

  it("keeps markup as text: nothing in it becomes HTML", () => {
    const text = "<img src=x onerror=alert(1)> **bold** [x](/leads/01HX7Q)";
    expect(answerSegments(text, [])).toEqual([{ kind: "text", text: "<img src=x onerror=alert(1)> **bold** x" }]);
  });

  it("shows the path of a cited link that has no label", () => {
    expect(answerSegments("[](/leads/01HX7Q)", [LEAD])).toEqual([{ kind: "link", label: "/leads/01HX7Q", to: "/leads/01HX7Q" }]);
  });

  it("answers an empty text with nothing", () => {
    expect(answerSegments("", [LEAD])).toEqual([]);
  });

  it("knows the app's own paths", () => {
    expect(isOwnPath("/pipeline")).toBe(true);
    expect(isOwnPath("//evil.example")).toBe(false);
    expect(isOwnPath("/\\evil.example")).toBe(false);
    expect(isOwnPath("https://convertly.example/leads/1")).toBe(false);
  });
});

describe("a tool call's arguments", () => {
  it("are listed by name", () => {
    expect(argumentsText({ period: "last_month", limit: 10, owner: null })).toBe("period: last_month, limit: 10, owner: null");
    expect(argumentsText({})).toBe("no arguments");
  });
});
