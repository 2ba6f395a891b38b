import { describe, expect, it } from "vitest";
import { smsCount, smsCounterNote, smsCounterText } from "./sms";

// Each case as convertly/messaging/render.py sms_segments answers it.
const CASES: [label: string, text: string, segments: number, encoding: "gsm7" | "ucs2"][] = [
  ["nothing", "", 1, "gsm7"],
  ["160 GSM characters", "a".repeat(160), 1, "gsm7"],
  ["161 GSM characters", "a".repeat(161), 2, "gsm7"],
  ["306 GSM characters", "a".repeat(306), 2, "gsm7"],
  ["307 GSM characters", "a".repeat(307), 3, "gsm7"],
  ["the longest template", "a".repeat(1600), 11, "gsm7"],
  ["80 euro signs (two places each)", "€".repeat(80), 1, "gsm7"],
  ["81 euro signs", "€".repeat(81), 2, "gsm7"],
  ["159 letters and one euro sign", `${"a".repeat(159)}€`, 2, "gsm7"],
  ["152 letters and a caret", `${"a".repeat(152)}^`, 1, "gsm7"],
  ["80 backslashes", "\\".repeat(80), 1, "gsm7"],
  ["41 pairs of brackets", "[]".repeat(41), 2, "gsm7"],
  ["merge fields as typed", "Hi {{contact.first_name}}", 1, "gsm7"],
  ["160 of GSM's own accented letters", "é".repeat(160), 1, "gsm7"],
  ["line breaks", "line\r\nbreak", 1, "gsm7"],
  ["one character outside GSM", "ê", 1, "ucs2"],
  ["71 characters, one outside GSM", `${"a".repeat(70)}ê`, 2, "ucs2"],
  ["134 Unicode characters", "ê".repeat(134), 2, "ucs2"],
  ["135 Unicode characters", "ê".repeat(135), 3, "ucs2"],
  ["curly quotes", "“quoted”", 1, "ucs2"],
  ["an emoji takes two units", `${"x".repeat(68)}😀`, 1, "ucs2"],
  ["an emoji past 70 units", `${"x".repeat(69)}😀`, 2, "ucs2"],
  ["35 emoji", "😀".repeat(35), 1, "ucs2"],
  ["36 emoji", "😀".repeat(36), 2, "ucs2"],
];

describe("the SMS counter", () => {
  it.each(CASES)("counts %s as the API does", (_, text, segments, encoding) => {
    expect(smsCount(text)).toMatchObject({ segments, encoding });
  });

  it("says the characters typed, the parts and the encoding", () => {
    expect(smsCounterText(smsCount("a".repeat(161)))).toBe("161 characters · 2 parts · GSM-7");
    expect(smsCounterText(smsCount("a"))).toBe("1 character · 1 part · GSM-7");
    expect(smsCounterText(smsCount("😀".repeat(36)))).toBe("36 characters · 2 parts · Unicode");
  });

  it("explains a count that is not the characters typed", () => {
    expect(smsCounterNote(smsCount("plain"))).toBeNull();
    expect(smsCount("a€[").doubled).toBe(2);
    expect(smsCounterNote(smsCount("a€"))).toContain("take the place of two characters");
    expect(smsCounterNote(smsCount("ê"))).toContain("Unicode text: 70 characters fit in one part, 67 a part once split");
  });
});
