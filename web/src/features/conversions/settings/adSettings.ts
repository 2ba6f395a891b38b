// The Ad platforms page's forms: what each input is, what the API saved, and the smallest update body.
//
// The API's rules (PUT /settings/ads): a field left out keeps its saved value, "" removes it, and
// secrets are write-only (answers show "••••" and their last four characters). So the page sends only
// the fields a person changed, and a secret only when a new value was typed: leaving it blank keeps
// the saved one.

import { formatDay, formatMoney } from "../../../lib/format";
import type { AdPlatform, AdsSettings, AdsSettingsUpdate } from "../types";

export interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  secret?: boolean;
  autoComplete?: string;
}

export interface PlatformSpec {
  platform: AdPlatform;
  title: string;
  fields: readonly FieldSpec[];
}

export const GOOGLE_ADS: PlatformSpec = {
  platform: "google_ads",
  title: "Google Ads",
  fields: [
    { name: "customer_id", label: "Customer ID", hint: "The account the conversions belong to, e.g. 123-456-7890" },
    {
      name: "login_customer_id",
      label: "Login customer ID (manager account)",
      hint: "Only when access goes through a manager account",
    },
    { name: "conversion_action_id", label: "Conversion action ID", hint: "The conversion action wins are uploaded to" },
    { name: "developer_token", label: "Developer token", secret: true },
    { name: "client_id", label: "OAuth client ID" },
    { name: "client_secret", label: "OAuth client secret", secret: true },
    { name: "refresh_token", label: "OAuth refresh token", secret: true },
  ],
};

export const META: PlatformSpec = {
  platform: "meta",
  title: "Meta",
  fields: [
    { name: "dataset_id", label: "Dataset (pixel) ID", hint: "Events Manager > Data sources" },
    { name: "access_token", label: "Conversions API access token", secret: true },
    {
      name: "test_event_code",
      label: "Test event code",
      hint: "Optional: Events Manager > Test events. Needed for the connection test",
    },
  ],
};

export const PLATFORM_SPECS: readonly PlatformSpec[] = [GOOGLE_ADS, META];

/** What the API saved for one platform, field by field (secrets as their mask). */
export type Saved = Record<string, string | null>;

export interface PlatformForm {
  /** Plain fields: what the inputs show. */
  values: Record<string, string>;
  /** Secrets: the new value typed, for those being replaced (or entered for the first time). */
  secrets: Record<string, string>;
  /** Saved secrets whose "Replace" was pressed. */
  replacing: Record<string, boolean>;
}

export function savedOf(settings: AdsSettings, platform: AdPlatform): Saved {
  const saved = settings[platform] as unknown as Record<string, unknown>;
  const fields: Saved = {};
  for (const field of specOf(platform).fields) {
    const value = saved[field.name];
    fields[field.name] = typeof value === "string" && value !== "" ? value : null;
  }
  return fields;
}

export function specOf(platform: AdPlatform): PlatformSpec {
  return platform === "google_ads" ? GOOGLE_ADS : META;
}

export function formFromSaved(spec: PlatformSpec, saved: Saved): PlatformForm {
  const values: Record<string, string> = {};
  for (const field of spec.fields) if (!field.secret) values[field.name] = saved[field.name] ?? "";
  return { values, secrets: {}, replacing: {} };
}

/** A secret is saved when the API shows its mask; then the input appears only after "Replace". */
export function secretInputShown(form: PlatformForm, saved: Saved, name: string): boolean {
  return !saved[name] || Boolean(form.replacing[name]);
}

/** The platform's part of PUT /settings/ads: changed plain fields ("" removes one) and new secrets. */
export function platformUpdate(spec: PlatformSpec, saved: Saved, form: PlatformForm): Record<string, string> {
  const update: Record<string, string> = {};
  for (const field of spec.fields) {
    if (field.secret) {
      const typed = (form.secrets[field.name] ?? "").trim();
      if (typed) update[field.name] = typed;
    } else {
      const value = (form.values[field.name] ?? "").trim();
      if (value !== (saved[field.name] ?? "")) update[field.name] = value;
    }
  }
  return update;
}

export function isDirty(spec: PlatformSpec, saved: Saved, form: PlatformForm): boolean {
  return Object.keys(platformUpdate(spec, saved, form)).length > 0;
}

/** The input names of a platform's form as the API names them in `error.fields`. */
export function inputNames(spec: PlatformSpec): string[] {
  return spec.fields.map((field) => `${spec.platform}.${field.name}`);
}

/** "Customer ID, Developer token": what the API says is still missing, in the inputs' words. */
export function missingText(spec: PlatformSpec, missing: readonly string[]): string {
  return missing
    .map((name) => spec.fields.find((field) => field.name === name)?.label ?? name.replace(/_/g, " "))
    .join(", ");
}

export interface Defaults {
  timezone: string;
  default_country: string;
  /** The account's number and date format; "" for each person's browser's own. */
  locale: string;
}

export function defaultsOf(settings: AdsSettings): Defaults {
  return { timezone: settings.timezone, default_country: settings.default_country, locale: settings.locale ?? "" };
}

/** Time zone and default country: sent only when changed, and never empty (the API keeps a value). The
 *  format is sent when changed, "" going back to each browser's own. */
export function defaultsUpdate(saved: Defaults, values: Defaults): AdsSettingsUpdate {
  const update: AdsSettingsUpdate = {};
  const timezone = values.timezone.trim();
  const country = values.default_country.trim().toUpperCase();
  if (timezone && timezone !== saved.timezone) update.timezone = timezone;
  if (country && country !== saved.default_country) update.default_country = country;
  if (values.locale !== saved.locale) update.locale = values.locale;
  return update;
}

/** The format select's choices: the browser's own first, then the formats the API offers (and a saved
 *  one it no longer lists, so the select still shows it). */
export function localeOptions(settings: Pick<AdsSettings, "locale" | "locales">): { value: string; label: string }[] {
  const offered = (settings.locales ?? []).map((option) => ({ value: option.tag, label: option.name }));
  const saved = settings.locale;
  const missing = saved && !offered.some((option) => option.value === saved) ? [{ value: saved, label: saved }] : [];
  return [{ value: "", label: "Each person's browser setting" }, ...missing, ...offered];
}

/** The example under the format select: an amount in the account's currency and a day, as the choice
 *  writes them ("$1,234.50 · Dec 7, 2026"); "" shows this browser's own. */
export function localeExample(locale: string, currency: string, browser: string = browserLocale()): string {
  const tag = locale || browser;
  return `${formatMoney(1234.5, currency, tag)} · ${formatDay("2026-12-07", tag)}`;
}

function browserLocale(): string {
  try {
    return new Intl.NumberFormat().resolvedOptions().locale;
  } catch {
    return "en-US";
  }
}

/** The IANA time zones the browser knows, with the saved one first in line if it is missing. */
export function timeZoneOptions(current: string, known: readonly string[] = supportedTimeZones()): string[] {
  const zones = known.includes("UTC") ? [...known] : ["UTC", ...known];
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

function supportedTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.("timeZone") ?? [];
  } catch {
    return [];
  }
}
