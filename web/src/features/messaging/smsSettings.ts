// Settings > SMS without React: the Twilio form from what is saved, what is checked before saving, the
// PUT body, and the saved account and the test text in words.

import type { SmsSettings, SmsSettingsUpdate, SmsTestResult } from "./smsTypes";
import type { Checked as SettingsChecked } from "../../components/useSettingsCard";

export type SmsSender = "number" | "service";

export interface SmsForm {
  /** A new Account SID; blank keeps the saved one. */
  accountSid: string;
  /** Replace was pressed on the saved SID. */
  replacingSid: boolean;
  /** A new Auth Token; blank keeps the saved one. */
  authToken: string;
  replacingToken: boolean;
  sender: SmsSender;
  fromNumber: string;
  serviceSid: string;
}

export const SMS_INPUTS = ["account_sid", "auth_token", "from_number", "messaging_service_sid"] as const;

const ACCOUNT_SID = /^AC[0-9a-f]{32}$/;
const SERVICE_SID = /^MG[0-9a-f]{32}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

export function formFromSettings(settings: SmsSettings): SmsForm {
  return {
    accountSid: "",
    replacingSid: false,
    authToken: "",
    replacingToken: false,
    sender: settings.messaging_service_sid ? "service" : "number",
    fromNumber: settings.from_number ?? "",
    serviceSid: settings.messaging_service_sid ?? "",
  };
}

/** The SID input shows: nothing is saved yet, or Replace was pressed. */
export function sidInputShown(settings: SmsSettings, form: SmsForm): boolean {
  return !settings.configured || form.replacingSid;
}

/** The Auth Token input shows: nothing is saved, Replace was pressed, or the SID is being replaced. */
export function tokenInputShown(settings: SmsSettings, form: SmsForm): boolean {
  return !settings.auth_token_set || form.replacingToken || sidInputShown(settings, form);
}

/** The form differs from what is saved (a typed SID or token counts). */
export function isDirty(settings: SmsSettings, form: SmsForm): boolean {
  const saved = formFromSettings(settings);
  return (
    form.accountSid.trim() !== "" ||
    form.authToken.trim() !== "" ||
    form.sender !== saved.sender ||
    form.fromNumber.trim() !== saved.fromNumber ||
    form.serviceSid.trim() !== saved.serviceSid
  );
}

/** A number as people write it ("+1 (415) 555-0123") in E.164, or null. */
export function compactNumber(value: string): string | null {
  const compact = value.replace(/[\s().-]/g, "");
  return E164.test(compact) ? compact : null;
}

export type Checked = SettingsChecked<SmsSettingsUpdate>;

/**
 * PUT /settings/sms's body: the SID and token only when typed (left out, the API keeps the saved ones),
 * and one sender, the number or the Messaging Service.
 */
export function updateFromForm(settings: SmsSettings, form: SmsForm): Checked {
  const fields: Record<string, string> = {};
  const body: SmsSettingsUpdate = {};
  const sid = form.accountSid.trim();
  if (sidInputShown(settings, form)) {
    if (!ACCOUNT_SID.test(sid)) fields.account_sid = "Enter the Account SID: AC followed by 32 letters and digits";
    else body.account_sid = sid;
  }
  const token = form.authToken.trim();
  if (tokenInputShown(settings, form)) {
    if (!token) fields.auth_token = "Enter the Auth Token of this account";
    else if (token.length < 16 || /\s/.test(token)) fields.auth_token = "Enter the account's Auth Token (32 characters)";
    else body.auth_token = token;
  }
  if (form.sender === "number") {
    const number = compactNumber(form.fromNumber);
    if (!number) fields.from_number = "Enter the number in international format, like +14155550123";
    else body.from_number = number;
  } else {
    const service = form.serviceSid.trim();
    if (!SERVICE_SID.test(service)) fields.messaging_service_sid = "Enter the Messaging Service SID: MG followed by 32 letters and digits";
    else body.messaging_service_sid = service;
  }
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, body };
}

/** "Texts are sent from +15005550006 (Twilio account Summit Roofing, SID ending 1234)." */
export function connectedText(settings: SmsSettings): string {
  if (!settings.configured) return "No text can be sent until a Twilio account is connected.";
  const sender = settings.from_number ? `from ${settings.from_number}` : `through the Messaging Service ${settings.messaging_service_sid ?? ""}`;
  const account = settings.account_name ? `Twilio account ${settings.account_name}, ` : "";
  return `Texts are sent ${sender} (${account}SID ending ${settings.account_sid_last4 ?? "…"}).`;
}

export function testResultText(result: SmsTestResult): string {
  const parts = result.segments && result.segments > 1 ? ` in ${result.segments} parts` : "";
  return `Test text sent to ${result.to}${parts}. Twilio's id: ${result.sid ?? "—"}.`;
}
