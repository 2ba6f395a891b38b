import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../api/errors";
import { applicationRequest, EMPTY_APPLICATION } from "./partnerApplication";
import { clickFromQuery, forgetRecordedClicks, recordReferralClick, referralCode, searchWithoutVia } from "./referralLink";
import { ReferralStore } from "./referralStore";
import type { ReferralClickResult } from "./types";

const ANSWER: ReferralClickResult = {
  referral: "01J0000000000000000000000A",
  expires_at: "2099-01-01T00:00:00Z",
  cookie_days: 60,
  attribution: "last_click",
};

afterEach(() => forgetRecordedClicks());

describe("referralCode", () => {
  it("reads the code as the API does, and refuses what no partner could have", () => {
    expect(referralCode(" Dana-Ads ")).toBe("dana-ads");
    for (const bad of ["", "ab", "dana_ads", "a".repeat(33), "dana ads", null, undefined]) expect(referralCode(bad)).toBeNull();
  });
});

describe("clickFromQuery", () => {
  it("sends the sub id (sub or sub_id) and the UTM parameters of the link", () => {
    const query = new URLSearchParams("sub=yt-1&utm_source=youtube&utm_medium=video&utm_campaign=spring&utm_content=desc&utm_term=crm&x=1");
    expect(clickFromQuery("dana-ads", query)).toEqual({
      code: "dana-ads",
      sub_id: "yt-1",
      utm_source: "youtube",
      utm_medium: "video",
      utm_campaign: "spring",
      utm_content: "desc",
      utm_term: "crm",
    });
    expect(clickFromQuery("dana-ads", new URLSearchParams("sub_id=news.42&sub=other"))).toEqual({ code: "dana-ads", sub_id: "news.42" });
  });

  it("leaves out a sub id the API would refuse and empty values; cuts long UTM values", () => {
    const query = new URLSearchParams({ sub: "has space", utm_source: " ", utm_campaign: "c".repeat(250) });
    expect(clickFromQuery("dana-ads", query)).toEqual({ code: "dana-ads", utm_campaign: "c".repeat(200) });
    expect(clickFromQuery("dana-ads", new URLSearchParams({ sub: "s".repeat(65) }))).toEqual({ code: "dana-ads" });
  });
});

describe("searchWithoutVia", () => {
  it("takes `via` off and keeps the rest", () => {
    expect(searchWithoutVia("?via=dana-ads")).toBe("");
    expect(searchWithoutVia("?email=a%40b.test&via=dana-ads&next=%2Fleads")).toBe("?email=a%40b.test&next=%2Fleads");
    expect(searchWithoutVia("")).toBe("");
  });
});

describe("recordReferralClick", () => {
  function memoryStore() {
    const items = new Map<string, string>();
    return new ReferralStore({
      storage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) },
    });
  }

  it("counts the click once per page load and keeps its referral", async () => {
    const click = vi.fn(async () => ANSWER);
    const store = memoryStore();
    const query = new URLSearchParams("sub=yt-1");
    const [first, second] = await Promise.all([
      recordReferralClick({ click }, store, "dana-ads", query),
      recordReferralClick({ click }, store, "dana-ads", query),
    ]);
    expect([first, second]).toEqual(["stored", "stored"]);
    expect(click).toHaveBeenCalledTimes(1);
    expect(click).toHaveBeenCalledWith({ code: "dana-ads", sub_id: "yt-1" });
    expect(store.read()).toMatchObject({ referral: ANSWER.referral, code: "dana-ads" });
  });

  it("keeps nothing for an unknown code or a failed request, and does not fail", async () => {
    const store = memoryStore();
    const unknown = vi.fn(async () => {
      throw new ApiError(404, "referral_code_not_found", "No partner has this referral code");
    });
    await expect(recordReferralClick({ click: unknown }, store, "nobody", new URLSearchParams())).resolves.toBe("unknown_code");
    const down = vi.fn(async () => {
      throw new ApiError(0, "network_error", "Cannot reach Convertly");
    });
    await expect(recordReferralClick({ click: down }, store, "dana-ads", new URLSearchParams())).resolves.toBe("ignored");
    expect(store.read()).toBeNull();
  });
});

describe("applicationRequest", () => {
  it("trims the form and sends no website when none was given", () => {
    const form = { ...EMPTY_APPLICATION, name: " Dana ", email: " dana@x.test ", audience: " agencies ", promotion: " blog " };
    expect(applicationRequest(form)).toEqual({ name: "Dana", email: "dana@x.test", audience: "agencies", promotion: "blog" });
    expect(applicationRequest({ ...form, website: " dana.blog " }).website).toBe("dana.blog");
  });
});
