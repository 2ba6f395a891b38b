import { describe, expect, it } from "vitest";
import { paramsFromSpamFilter, spamFilterFromParams, spamQuery, spamReasonLabel, summarizeAttribution, valueText } from "./submissionsModel";

describe("the spam filter", () => {
  it("round-trips through the URL and maps to the API's query", () => {
    for (const filter of ["all", "clean", "spam"] as const) {
      expect(spamFilterFromParams(paramsFromSpamFilter(filter))).toBe(filter);
    }
    expect(paramsFromSpamFilter("spam").toString()).toBe("spam=true");
    expect(spamFilterFromParams(new URLSearchParams("spam=maybe"))).toBe("all");
    expect([spamQuery("all"), spamQuery("clean"), spamQuery("spam")]).toEqual([null, false, true]);
  });
});

describe("a submission's row", () => {
  it("sums up its attribution", () => {
    expect(
      summarizeAttribution({ utm_source: "google", utm_campaign: "spring", gclid: "Cj0", fbclid: "fb1", landing_page: "https://x.test/" }),
    ).toEqual({ source: "google / spring", click: { key: "gclid", value: "Cj0" }, landingPage: "https://x.test/", referrer: null });
    expect(summarizeAttribution(undefined)).toEqual({ source: null, click: null, landingPage: null, referrer: null });
    expect(summarizeAttribution({ gclid: 7, utm_source: "bing" })).toEqual({ source: "bing", click: null, landingPage: null, referrer: null });
  });

  it("reads spam reasons and values in words", () => {
    expect(spamReasonLabel("too_fast")).toBe("sent faster than a person types");
    expect(spamReasonLabel("odd_reason")).toBe("odd reason");
    expect([valueText(true), valueText(false), valueText(null), valueText(3)]).toEqual(["Yes", "No", "", "3"]);
  });
});
