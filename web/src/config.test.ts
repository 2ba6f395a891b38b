import { describe, expect, it } from "vitest";
import { loadConfig, parseConfig } from "./config";

describe("config.json", () => {
  it("reads the API URL without a trailing slash", () => {
    expect(parseConfig({ apiUrl: "https://api.example/prod/", region: "eu-west-1", userPoolId: "p", userPoolClientId: "c" })).toEqual({
      apiUrl: "https://api.example/prod",
      region: "eu-west-1",
      userPoolId: "p",
      userPoolClientId: "c",
    });
  });

  it("refuses a file without an API URL", () => {
    expect(() => parseConfig({ region: "x" })).toThrow(/apiUrl/);
    expect(() => parseConfig("nope")).toThrow();
  });

  it("says which status the server answered", async () => {
    const fetch = (async () => new Response("", { status: 404 })) as unknown as typeof globalThis.fetch;
    await expect(loadConfig(fetch)).rejects.toThrow("GET /config.json answered 404");
  });
});
