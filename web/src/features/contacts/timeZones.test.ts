import { describe, expect, it } from "vitest";
import { timeZoneOptions } from "./timeZones";

describe("timeZoneOptions", () => {
  it("offers no zone first, then the zones with readable names", () => {
    const options = timeZoneOptions("");
    expect(options[0]).toEqual({ value: "", label: "Not set" });
    expect(options).toContainEqual({ value: "America/New_York", label: "America/New York" });
  });

  it("keeps a saved zone the list does not have", () => {
    expect(timeZoneOptions("Mars/Olympus")[1]).toEqual({ value: "Mars/Olympus", label: "Mars/Olympus" });
  });
});
