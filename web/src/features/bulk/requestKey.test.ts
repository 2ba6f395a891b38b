import { describe, expect, it } from "vitest";
import { isRequestKey, KEY_LENGTH, newRequestKey } from "./requestKey";

describe("a bulk action's request key", () => {
  it("is 32 characters the API takes", () => {
    const key = newRequestKey();
    expect(key).toHaveLength(KEY_LENGTH);
    expect(isRequestKey(key)).toBe(true);
  });

  it("differs from one confirmation to the next", () => {
    const keys = new Set(Array.from({ length: 50 }, () => newRequestKey()));
    expect(keys.size).toBe(50);
  });

  it("maps each random byte to one of the 64 characters, evenly", () => {
    const bytes = (count: number) => Uint8Array.from({ length: count }, (_, index) => [0, 25, 26, 51, 52, 61, 62, 63, 64, 255][index] ?? 0);
    expect(newRequestKey(bytes, 10)).toBe("AZaz09_-A-");
  });

  it("is checked as the API checks it: 8 to 64 of [A-Za-z0-9_-]", () => {
    expect(isRequestKey("abcdEFG_")).toBe(true);
    expect(isRequestKey("a".repeat(64))).toBe(true);
    expect(isRequestKey("short")).toBe(false);
    expect(isRequestKey("a".repeat(65))).toBe(false);
    expect(isRequestKey("has spaces in it")).toBe(false);
    expect(isRequestKey("dots.are.not.ok")).toBe(false);
  });
});
