// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { currentParams } from "./searchParams";

describe("currentParams", () => {
  afterEach(() => window.history.replaceState(null, "", "/"));

  it("reads the address bar as it is now, a change written a moment ago included", () => {
    window.history.replaceState(null, "", "/reports/revenue?model=first_touch");
    const first = currentParams();
    first.set("group_by", "campaign");
    window.history.replaceState(null, "", `/reports/revenue?${first.toString()}`);
    expect(currentParams().toString()).toBe("model=first_touch&group_by=campaign");
  });

  it("is empty without a query string", () => {
    window.history.replaceState(null, "", "/reports/revenue");
    expect([...currentParams().keys()]).toEqual([]);
  });
});
