import { describe, expect, it } from "vitest";
import {
  conversionFiltersFromParams,
  hasConversionFilters,
  paramsFromConversionFilters,
  withFilter,
} from "./filters";
import {
  attemptText,
  awaitsRetry,
  hasUnsent,
  isReplayable,
  kindLabel,
  latestAttempts,
  ledgerPollInterval,
  platformLabel,
  replayMessage,
  shortHash,
  STATUSES,
  statusHint,
  statusLabel,
  statusTone,
} from "./labels";
import { ledgerEntry } from "../../test/ledgerFixtures";

describe("status labels", () => {
  it("names every status the API reports, in plain words", () => {
    expect(STATUSES.map(statusLabel)).toEqual([
      "Sent",
      "Retrying",
      "Dead-lettered",
      "Rejected",
      "Expired",
      "Not attributable",
      "Not configured",
      "Not supported",
      "Skipped",
      "Not sent: no value",
      "Already reported",
    ]);
    for (const status of STATUSES) expect(statusHint(status)).not.toBe("");
  });

  it("reads an unknown status without underscores", () => {
    expect(statusLabel("on_hold")).toBe("on hold");
    expect(statusTone("on_hold")).toBe("neutral");
  });

  it("gives failures, retries and successes their own tone", () => {
    expect(statusTone("sent")).toBe("good");
    expect(statusTone("rejected")).toBe("bad");
    expect(statusTone("dead_lettered")).toBe("bad");
    expect(statusTone("retrying")).toBe("pending");
    expect(statusTone("not_attributable")).toBe("neutral");
  });

  it("names platforms and kinds", () => {
    expect(platformLabel("google_ads")).toBe("Google Ads");
    expect(platformLabel("meta")).toBe("Meta");
    expect(platformLabel("tiktok")).toBe("tiktok");
    expect(kindLabel("conversion")).toBe("Win");
    expect(kindLabel("retraction")).toBe("Retraction");
    expect(kindLabel("crm_event")).toBe("CRM event");
    expect(kindLabel("restatement")).toBe("Value correction");
  });
});

describe("attempts", () => {
  it("says which attempt it was after the first", () => {
    expect(attemptText(ledgerEntry({ attempt: 3 }))).toBe(" · attempt 3");
    expect(attemptText(ledgerEntry({ attempt: 1 }))).toBeNull();
    expect(attemptText(ledgerEntry({ attempt: undefined }))).toBeNull();
  });
});

describe("payload hashes", () => {
  it("shortens a long hash and keeps a short one", () => {
    expect(shortHash("a".repeat(64))).toBe(`${"a".repeat(12)}…`);
    expect(shortHash("abc")).toBe("abc");
    expect(shortHash(null)).toBe("");
  });
});

describe("replay", () => {
  it("resends everything but what was sent, not supported, skipped or already reported", () => {
    expect(STATUSES.filter(isReplayable)).toEqual([
      "retrying",
      "dead_lettered",
      "rejected",
      "expired",
      "not_attributable",
      "not_configured",
      "no_value",
    ]);
  });

  it("looks at the latest attempt per conversion and platform", () => {
    const ledger = [
      ledgerEntry({ entry_id: "3", platform: "google_ads", status: "sent", at: "2026-03-01T10:05:00Z", attempt: 2 }),
      ledgerEntry({ entry_id: "2", platform: "meta", status: "sent", at: "2026-03-01T10:01:00Z" }),
      ledgerEntry({ entry_id: "1", platform: "google_ads", status: "retrying", at: "2026-03-01T10:00:00Z" }),
    ];
    expect(latestAttempts(ledger).map((e) => e.entry_id).sort()).toEqual(["2", "3"]);
    expect(awaitsRetry(ledger)).toBe(false);
    expect(hasUnsent(ledger)).toBe(false);
  });

  it("knows when a lead still waits on a retry or has something to resend", () => {
    const retrying = [ledgerEntry({ status: "retrying" }), ledgerEntry({ platform: "meta", status: "sent" })];
    expect(awaitsRetry(retrying)).toBe(true);
    expect(hasUnsent(retrying)).toBe(true);
    const dead = [ledgerEntry({ status: "dead_lettered" })];
    expect(awaitsRetry(dead)).toBe(false);
    expect(hasUnsent(dead)).toBe(true);
    expect(hasUnsent([])).toBe(false);
  });

  it("polls the ledger right after a stage move and while a retry is pending, else not", () => {
    const now = Date.parse("2026-03-01T10:00:30Z");
    expect(ledgerPollInterval([], "2026-03-01T10:00:00Z", now)).toBe(3_000);
    expect(ledgerPollInterval([], "2026-03-01T09:00:00Z", now)).toBe(false);
    expect(ledgerPollInterval([ledgerEntry({ status: "retrying" })], "2026-03-01T09:00:00Z", now)).toBe(10_000);
    expect(ledgerPollInterval([ledgerEntry({ status: "sent" })], null, now)).toBe(false);
    expect(ledgerPollInterval([], "not a date", now)).toBe(false);
  });

  it("says what a replay queued", () => {
    expect(replayMessage(0, "lead")).toMatch(/all sent/);
    expect(replayMessage(0, "dead_lettered")).toBe("No dead-lettered conversions to replay");
    expect(replayMessage(1, "lead")).toBe("1 conversion queued to be sent again");
    expect(replayMessage(3, "dead_lettered")).toBe("3 conversions queued to be sent again");
  });
});

describe("log filters", () => {
  it("reads the filters from the URL, dropping values the API would refuse", () => {
    expect(conversionFiltersFromParams(new URLSearchParams("platform=meta&status=sent"))).toEqual({
      platform: "meta",
      status: "sent",
    });
    expect(conversionFiltersFromParams(new URLSearchParams("platform=tiktok&status=bogus&q=x"))).toEqual({});
    expect(conversionFiltersFromParams(new URLSearchParams(""))).toEqual({});
  });

  it("writes only the filters that are set", () => {
    expect(paramsFromConversionFilters({ status: "dead_lettered" }).toString()).toBe("status=dead_lettered");
    expect(paramsFromConversionFilters({}).toString()).toBe("");
  });

  it("round-trips through the URL", () => {
    const filters = { platform: "google_ads", status: "rejected" } as const;
    expect(conversionFiltersFromParams(paramsFromConversionFilters(filters))).toEqual(filters);
  });

  it("sets and clears one filter from a select", () => {
    expect(withFilter({}, "platform", "meta")).toEqual({ platform: "meta" });
    expect(withFilter({ platform: "meta", status: "sent" }, "platform", "")).toEqual({ status: "sent" });
    expect(withFilter({ platform: "meta" }, "status", "retrying")).toEqual({ platform: "meta", status: "retrying" });
    expect(withFilter({ status: "sent" }, "status", "nonsense")).toEqual({});
    expect(hasConversionFilters({})).toBe(false);
    expect(hasConversionFilters({ status: "sent" })).toBe(true);
  });
});
