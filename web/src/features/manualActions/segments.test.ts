import { describe, expect, it } from "vitest";
import { countText, encodingNote, smsCount } from "./segments";

describe("SMS parts", () => {
  it("fits 160 GSM-7 characters in one part and 153 a part once split", () => {
    expect(smsCount("")).toEqual({ encoding: "gsm7", units: 0, parts: 0, capacity: 160 });
    expect(smsCount("a".repeat(160))).toEqual({ encoding: "gsm7", units: 160, parts: 1, capacity: 160 });
    expect(smsCount("a".repeat(161))).toEqual({ encoding: "gsm7", units: 161, parts: 2, capacity: 306 });
    expect(smsCount("a".repeat(306)).parts).toBe(2);
    expect(smsCount("a".repeat(307)).parts).toBe(3);
  });

  it("counts GSM-7's extended characters twice", () => {
    expect(smsCount("^{}\\[~]|€").units).toBe(18);
    expect(smsCount(`${"a".repeat(159)}€`)).toEqual({ encoding: "gsm7", units: 161, parts: 2, capacity: 306 });
    expect(smsCount("Café à Zürich, 5 £ @ 9:00!").encoding).toBe("gsm7");
  });

  it("makes the whole text UCS-2 for one character outside GSM-7: 70, then 67 a part", () => {
    expect(smsCount("Hello “Ada”")).toEqual({ encoding: "ucs2", units: 11, parts: 1, capacity: 70 });
    expect(smsCount(`${"a".repeat(69)}ł`).parts).toBe(1);
    expect(smsCount(`${"a".repeat(70)}ł`)).toEqual({ encoding: "ucs2", units: 71, parts: 2, capacity: 134 });
    // An emoji is two UTF-16 units
    expect(smsCount("👍").units).toBe(2);
    expect(smsCount(`${"a".repeat(133)}👍`).parts).toBe(3);
  });

  it("reads as the counter under the text", () => {
    expect(countText(smsCount(""))).toBe("0/160 characters");
    expect(countText(smsCount("Hi Ada"))).toBe("6/160 characters · 1 part");
    expect(countText(smsCount("a".repeat(200)))).toBe("200/306 characters · 2 parts");
  });

  it("says why a text takes more room than its length", () => {
    expect(encodingNote("Hi", smsCount("Hi"))).toBeNull();
    expect(encodingNote("50€", smsCount("50€"))).toMatch(/count as two/);
    expect(encodingNote("Hi 👋", smsCount("Hi 👋"))).toMatch(/Unicode/);
  });
});
