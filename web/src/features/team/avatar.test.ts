import { describe, expect, it } from "vitest";
import { AVATAR_SWATCHES, avatarStyle, colorName, isHexColor, textOn } from "./avatar";

describe("the avatar colour", () => {
  it("is a #rrggbb colour or none", () => {
    expect(isHexColor("#1f7a5c")).toBe(true);
    expect(isHexColor("#1F7A5C")).toBe(true);
    expect(isHexColor("red")).toBe(false);
    expect(isHexColor("#fff")).toBe(false);
    expect(isHexColor(null)).toBe(false);
  });

  it("keeps the initials readable", () => {
    expect(textOn("#1f2937")).toBe("#ffffff");
    expect(textOn("#2563eb")).toBe("#ffffff");
    expect(textOn("#facc15")).toBe("#0f172a");
    expect(textOn("#ffffff")).toBe("#0f172a");
    for (const swatch of AVATAR_SWATCHES) expect(["#ffffff", "#0f172a"]).toContain(textOn(swatch.value));
  });

  it("styles the avatar, or leaves the default", () => {
    expect(avatarStyle("#1f2937")).toEqual({ background: "#1f2937", color: "#ffffff" });
    expect(avatarStyle("#facc15")).toEqual({ background: "#facc15", color: "#0f172a" });
    expect(avatarStyle(null)).toBeUndefined();
    expect(avatarStyle("")).toBeUndefined();
  });

  it("is named for screen readers", () => {
    expect(colorName("#2563EB")).toBe("Blue");
    expect(colorName("#123456")).toBe("Custom (#123456)");
    expect(colorName(null)).toBe("Default");
  });
});
