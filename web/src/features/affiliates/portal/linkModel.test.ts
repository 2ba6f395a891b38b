import { describe, expect, it } from "vitest";
import { linkErrors, NO_PARTS, referralBase, referralLink } from "./linkModel";

const ORIGIN = "https://app.convertly.test";

describe("referral links", () => {
  it("builds the base link from the origin and the code", () => {
    expect(referralBase(ORIGIN, "alex-demo")).toBe("https://app.convertly.test/r/alex-demo");
    expect(referralBase(`${ORIGIN}/`, "alex-demo")).toBe("https://app.convertly.test/r/alex-demo");
  });

  it("is the base link without parts", () => {
    expect(referralLink(ORIGIN, "alex-demo", NO_PARTS)).toBe("https://app.convertly.test/r/alex-demo");
    expect(referralLink(ORIGIN, "alex-demo", { ...NO_PARTS, subId: "  " })).toBe("https://app.convertly.test/r/alex-demo");
  });

  it("adds the sub-id and UTM tags, trimmed and encoded", () => {
    const link = referralLink(ORIGIN, "alex-demo", {
      subId: " youtube ",
      utmSource: "newsletter",
      utmMedium: "email",
      utmCampaign: "spring sale & more",
    });
    expect(link).toBe(
      "https://app.convertly.test/r/alex-demo?sub_id=youtube&utm_source=newsletter&utm_medium=email&utm_campaign=spring+sale+%26+more",
    );
    const parsed = new URL(link);
    expect(parsed.searchParams.get("utm_campaign")).toBe("spring sale & more");
    expect(referralLink(ORIGIN, "alex-demo", { ...NO_PARTS, utmMedium: "social" })).toBe(
      "https://app.convertly.test/r/alex-demo?utm_medium=social",
    );
  });

  it("refuses what the click would refuse", () => {
    expect(linkErrors({ ...NO_PARTS, subId: "news_letter-2.0" })).toEqual({});
    expect(linkErrors({ ...NO_PARTS, subId: "has space" }).subId).toMatch(/letters, digits/);
    expect(linkErrors({ ...NO_PARTS, subId: "x".repeat(65) }).subId).toMatch(/64/);
    expect(linkErrors({ ...NO_PARTS, utmCampaign: "c".repeat(201) }).utmCampaign).toMatch(/200/);
  });
});
