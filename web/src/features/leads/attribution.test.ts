import { describe, expect, it } from "vitest";
import { attributionGroups, consentRows, leadTouches, readAttribution } from "./attribution";

const FIRST = { gclid: "Cj0-first", utm_source: "google", submitted_at: "2026-01-01T10:00:00Z", ip: "203.0.113.9" };
const LAST = { fbclid: "fb-last", utm_source: "facebook", submitted_at: "2026-02-01T10:00:00Z" };

describe("a lead's touches", () => {
  it("keeps the first and the last touch apart once a later visit reached the lead", () => {
    expect(leadTouches({ attribution: FIRST, last_touch: LAST, touch_count: 2 })).toEqual({ first: FIRST, last: LAST, visits: 2 });
  });

  it("shows one touch when the last is the first", () => {
    expect(leadTouches({ attribution: FIRST, last_touch: FIRST, touch_count: 1 })).toEqual({ first: FIRST, last: null, visits: 1 });
    expect(leadTouches({ attribution: FIRST })).toEqual({ first: FIRST, last: null, visits: 0 });
    expect(leadTouches({ attribution: {}, last_touch: {}, touch_count: 0 }).first).toBeNull();
  });
});

describe("reading an attribution the API answers as an open object", () => {
  it("keeps the Attribution's text fields and its consent, and nothing else", () => {
    expect(
      readAttribution({
        gclid: "Cj0",
        referrer: null,
        utm_source: 42,
        unknown_key: "x",
        consent: { ad_user_data: "granted", ad_personalization: "maybe" },
      }),
    ).toEqual({ gclid: "Cj0", referrer: null, consent: { ad_user_data: "granted" } });
    expect(readAttribution({ consent: "granted" })).toEqual({});
    expect(readAttribution(null)).toEqual({});
  });

  it("gives a lead's touches as read", () => {
    expect(leadTouches({ attribution: { ...FIRST, visits: 3 } }).first).toEqual(FIRST);
  });
});

describe("a touch's details", () => {
  it("groups the visit's who and when, marking times", () => {
    const visit = attributionGroups(FIRST).find((group) => group.title === "Visit")!;
    expect(visit.fields.map((field) => [field.key, field.time])).toEqual([
      ["submitted_at", true],
      ["ip", false],
    ]);
  });

  it("reads consent for ad data use in words", () => {
    expect(consentRows({ consent: { ad_user_data: "granted", ad_personalization: "denied" } })).toEqual([
      { key: "ad_user_data", label: "Ad user data", value: "Granted" },
      { key: "ad_personalization", label: "Ad personalisation", value: "Denied" },
    ]);
    expect(consentRows(FIRST)).toEqual([]);
  });
});
