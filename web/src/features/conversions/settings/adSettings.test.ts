import { describe, expect, it } from "vitest";
import type { AdsSettings } from "../types";
import {
  defaultsOf,
  defaultsUpdate,
  formFromSaved,
  GOOGLE_ADS,
  inputNames,
  isDirty,
  localeExample,
  localeOptions,
  META,
  missingText,
  platformUpdate,
  savedOf,
  secretInputShown,
  timeZoneOptions,
} from "./adSettings";

const SETTINGS: AdsSettings = {
  google_ads: {
    configured: true,
    missing: [],
    customer_id: "1234567890",
    login_customer_id: null,
    conversion_action_id: "987654321",
    client_id: "client-123.apps.googleusercontent.com",
    developer_token: "••••1234",
    client_secret: "••••9876",
    refresh_token: "••••5678",
  },
  meta: {
    configured: false,
    missing: ["access_token"],
    dataset_id: "555000111222333",
    access_token: null,
    test_event_code: null,
    page_ids: ["100200300"],
    stage_events: {},
  },
  timezone: "America/New_York",
  default_country: "US",
  updated_at: "2026-03-01T10:00:00Z",
};

describe("saved settings", () => {
  it("reads each platform's fields, secrets as their masks", () => {
    const google = savedOf(SETTINGS, "google_ads");
    expect(google.customer_id).toBe("1234567890");
    expect(google.login_customer_id).toBeNull();
    expect(google.developer_token).toBe("••••1234");
    expect(savedOf(SETTINGS, "meta")).toEqual({
      dataset_id: "555000111222333",
      access_token: null,
      test_event_code: null,
    });
  });

  it("fills the inputs with plain fields only, never a mask", () => {
    const form = formFromSaved(GOOGLE_ADS, savedOf(SETTINGS, "google_ads"));
    expect(form.values).toEqual({
      customer_id: "1234567890",
      login_customer_id: "",
      conversion_action_id: "987654321",
      client_id: "client-123.apps.googleusercontent.com",
    });
    expect(Object.values(form.values).join("")).not.toContain("••••");
    expect(form.secrets).toEqual({});
  });

  it("shows a saved secret's input only after Replace, an unsaved one at once", () => {
    const google = savedOf(SETTINGS, "google_ads");
    const form = formFromSaved(GOOGLE_ADS, google);
    expect(secretInputShown(form, google, "developer_token")).toBe(false);
    expect(secretInputShown({ ...form, replacing: { developer_token: true } }, google, "developer_token")).toBe(true);
    const meta = savedOf(SETTINGS, "meta");
    expect(secretInputShown(formFromSaved(META, meta), meta, "access_token")).toBe(true);
  });
});

describe("the update body", () => {
  const saved = savedOf(SETTINGS, "google_ads");

  it("is empty when nothing changed", () => {
    const form = formFromSaved(GOOGLE_ADS, saved);
    expect(platformUpdate(GOOGLE_ADS, saved, form)).toEqual({});
    expect(isDirty(GOOGLE_ADS, saved, form)).toBe(false);
  });

  it("sends changed plain fields trimmed, and an emptied one as \"\" (removes it)", () => {
    const form = formFromSaved(GOOGLE_ADS, saved);
    form.values.conversion_action_id = " 42 ";
    form.values.client_id = "";
    form.values.login_customer_id = "111-222-3333";
    expect(platformUpdate(GOOGLE_ADS, saved, form)).toEqual({
      conversion_action_id: "42",
      client_id: "",
      login_customer_id: "111-222-3333",
    });
  });

  it("keeps a saved secret when the replacement is left blank, sends a typed one", () => {
    const form = formFromSaved(GOOGLE_ADS, saved);
    form.replacing = { developer_token: true, refresh_token: true };
    form.secrets = { developer_token: "   ", refresh_token: " 1//new-refresh-token " };
    expect(platformUpdate(GOOGLE_ADS, saved, form)).toEqual({ refresh_token: "1//new-refresh-token" });
  });

  it("configures a platform from scratch with everything filled in", () => {
    const none = savedOf({ ...SETTINGS, meta: { ...SETTINGS.meta, dataset_id: null } }, "meta");
    const form = formFromSaved(META, none);
    form.values.dataset_id = "555000111222333";
    form.values.test_event_code = "TEST123";
    form.secrets.access_token = "EAAG-token";
    expect(platformUpdate(META, none, form)).toEqual({
      dataset_id: "555000111222333",
      test_event_code: "TEST123",
      access_token: "EAAG-token",
    });
  });

  it("names inputs as the API names fields in its errors", () => {
    expect(inputNames(META)).toEqual(["meta.dataset_id", "meta.access_token", "meta.test_event_code"]);
  });

  it("says what is missing in the inputs' words", () => {
    expect(missingText(GOOGLE_ADS, ["customer_id", "refresh_token"])).toBe("Customer ID, OAuth refresh token");
    expect(missingText(META, ["something_new"])).toBe("something new");
  });
});

describe("time zone, default country and format", () => {
  const saved = { timezone: "UTC", default_country: "US", locale: "" };

  it("sends only what changed, the country upper-cased", () => {
    expect(defaultsUpdate(saved, { ...saved, timezone: "UTC", default_country: "us" })).toEqual({});
    expect(defaultsUpdate(saved, { timezone: "Europe/Berlin", default_country: "de", locale: "de-DE" })).toEqual({
      timezone: "Europe/Berlin",
      default_country: "DE",
      locale: "de-DE",
    });
  });

  it("never sends an empty time zone or country, but an empty format goes back to the browser's", () => {
    expect(defaultsUpdate(saved, { ...saved, timezone: " ", default_country: "" })).toEqual({});
    expect(defaultsUpdate({ ...saved, locale: "de-DE" }, saved)).toEqual({ locale: "" });
  });

  it("reads a tenant without a format as the browser's", () => {
    expect(defaultsOf({ ...SETTINGS, locale: null }).locale).toBe("");
    expect(defaultsOf({ ...SETTINGS, locale: "fr-FR" }).locale).toBe("fr-FR");
  });

  it("offers the browser's own first, then the API's formats, and a saved one it no longer lists", () => {
    const locales = [
      { tag: "en-US", name: "English (United States)" },
      { tag: "de-DE", name: "German (Germany)" },
    ];
    expect(localeOptions({ locale: null, locales }).map((option) => option.value)).toEqual(["", "en-US", "de-DE"]);
    expect(localeOptions({ locale: "de-DE", locales })[2]).toEqual({ value: "de-DE", label: "German (Germany)" });
    expect(localeOptions({ locale: "sw-KE", locales }).map((option) => option.value)).toEqual(["", "sw-KE", "en-US", "de-DE"]);
  });

  it("shows an amount and a day as the chosen format writes them", () => {
    const plain = (text: string) => text.replace(/\u00a0/g, " ");
    expect(localeExample("en-US", "USD")).toBe("$1,234.50 · Dec 7, 2026");
    expect(plain(localeExample("de-DE", "USD"))).toBe("1.234,50 $ · 7. Dez. 2026");
    expect(plain(localeExample("en-GB", "EUR"))).toBe("€1,234.50 · 7 Dec 2026");
    expect(localeExample("", "USD", "en-US")).toBe("$1,234.50 · Dec 7, 2026");
  });

  it("offers the saved zone even when the browser does not list it", () => {
    expect(timeZoneOptions("Mars/Olympus", ["Europe/Berlin"])).toEqual(["Mars/Olympus", "UTC", "Europe/Berlin"]);
    expect(timeZoneOptions("UTC", ["UTC", "Europe/Berlin"])).toEqual(["UTC", "Europe/Berlin"]);
  });
});
