import { describe, expect, it } from "vitest";
import { MemorySessionStore, type Session } from "../../api/client";
import { ApiError } from "../../api/errors";
import { lockOf } from "./api";
import { csvFileName, fetchCsv, type CsvSource } from "./exportCsv";

const NOW = 1_800_000_000_000;

function session(idToken: string, expiresAt = NOW + 3_600_000): Session {
  return { idToken, accessToken: "access", refreshToken: "refresh", expiresAt };
}

function source(store: MemorySessionStore, answers: Response[], seen: { url: string; auth: string | null }[]): CsvSource {
  return {
    baseUrl: "https://api.test/",
    store,
    now: () => NOW,
    refresh: async () => {
      const fresh = session("fresh");
      store.set(fresh);
      return fresh;
    },
    fetch: async (input, init) => {
      seen.push({ url: String(input), auth: new Headers(init?.headers).get("Authorization") });
      return answers.shift()!;
    },
  };
}

const csv = (text: string, headers: Record<string, string> = {}) => new Response(text, { status: 200, headers: { "Content-Type": "text/csv", ...headers } });

describe("downloading a report's CSV", () => {
  it("sends the token and the report's filters, and answers the file's text", async () => {
    const seen: { url: string; auth: string | null }[] = [];
    const store = new MemorySessionStore(session("token-1"));
    const file = await fetchCsv(source(store, [csv("source,revenue\r\n", { "Content-Disposition": 'attachment; filename="revenue-2026-12-01-2026-12-30.csv"' })], seen), "/analytics/export/revenue", {
      date_from: "2026-12-01",
      source: "google_ads",
      owner_id: undefined,
    });
    expect(file).toEqual({ text: "source,revenue\r\n", disposition: 'attachment; filename="revenue-2026-12-01-2026-12-30.csv"' });
    expect(seen).toEqual([{ url: "https://api.test/analytics/export/revenue?date_from=2026-12-01&source=google_ads", auth: "Bearer token-1" }]);
  });

  it("refreshes a token about to run out before sending", async () => {
    const seen: { url: string; auth: string | null }[] = [];
    const store = new MemorySessionStore(session("old", NOW + 10_000));
    await fetchCsv(source(store, [csv("a\r\n")], seen), "/analytics/export/funnel", {});
    expect(seen.map((request) => request.auth)).toEqual(["Bearer fresh"]);
  });

  it("refreshes once more after a 401", async () => {
    const seen: { url: string; auth: string | null }[] = [];
    const store = new MemorySessionStore(session("revoked"));
    const expired = new Response(JSON.stringify({ error: { code: "token_expired", message: "Expired" } }), { status: 401 });
    const file = await fetchCsv(source(store, [expired, csv("a\r\n")], seen), "/analytics/export/funnel", {});
    expect(file.text).toBe("a\r\n");
    expect(seen.map((request) => request.auth)).toEqual(["Bearer revoked", "Bearer fresh"]);
  });

  it("throws the API's error", async () => {
    const store = new MemorySessionStore(session("token"));
    const refused = new Response(JSON.stringify({ error: { code: "plan_feature_required", message: "Not on Starter" } }), { status: 402 });
    await expect(fetchCsv(source(store, [refused], []), "/analytics/export/conversions", {})).rejects.toMatchObject({
      status: 402,
      code: "plan_feature_required",
      message: "Not on Starter",
    });
  });

  it("needs a session", async () => {
    await expect(fetchCsv(source(new MemorySessionStore(), [], []), "/analytics/export/agents", {})).rejects.toMatchObject({ status: 401 });
  });

  it("names the file as the API does", () => {
    expect(csvFileName("funnel", "2026-12-01", "2026-12-30", 'attachment; filename="funnel-2026-12-01-2026-12-30.csv"')).toBe(
      "funnel-2026-12-01-2026-12-30.csv",
    );
    expect(csvFileName("agents", "2026-12-01", "2026-12-30", null)).toBe("agents-2026-12-01-2026-12-30.csv");
    expect(csvFileName("agents", "2026-12-01", "2026-12-30", 'attachment; filename="../../evil.sh"')).toBe("agents-2026-12-01-2026-12-30.csv");
  });
});

describe("a report the plan does not include", () => {
  it("is locked, with the plan that has it and this app's billing page", () => {
    const error = new ApiError(402, "plan_feature_required", "Conversions health is not part of your Starter plan.", {}, {
      upgrade_plan: "professional",
      upgrade_path: "/billing",
    });
    expect(lockOf(error)).toEqual({
      locked: true,
      message: "Conversions health is not part of your Starter plan.",
      upgradePlan: "professional",
      upgradePath: "/billing",
    });
  });

  it("never follows an address from the answer", () => {
    const error = new ApiError(402, "plan_feature_required", "No", {}, { upgrade_path: "//evil.test/billing" });
    expect(lockOf(error)).toMatchObject({ upgradePlan: null, upgradePath: "/billing" });
  });

  it("leaves other errors alone", () => {
    expect(lockOf(new ApiError(402, "plan_limit_reached", "Limit"))).toBeNull();
    expect(lockOf(new ApiError(403, "forbidden_role", "No"))).toBeNull();
    expect(lockOf(new Error("boom"))).toBeNull();
  });
});
