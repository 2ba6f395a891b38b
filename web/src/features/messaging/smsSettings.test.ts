import { describe, expect, it } from "vitest";
import { compactNumber, connectedText, formFromSettings, isDirty, testResultText, tokenInputShown, updateFromForm, type SmsForm } from "./smsSettings";
import type { SmsSettings } from "./smsTypes";

const SID = `AC${"0123456789abcdef".repeat(2)}`;
const NONE: SmsSettings = { configured: false, auth_token_set: false };
const SAVED: SmsSettings = {
  configured: true,
  account_sid_last4: "cdef",
  account_name: "Summit Roofing",
  auth_token: "••••",
  auth_token_set: true,
  from_number: "+15005550006",
  messaging_service_sid: null,
  updated_at: "2026-11-20T10:00:00.000Z",
  updated_by: "U1",
};

const form = (settings: SmsSettings, extra: Partial<SmsForm> = {}): SmsForm => ({ ...formFromSettings(settings), ...extra });

describe("Settings > SMS", () => {
  it("connects with every field checked before Twilio is asked", () => {
    expect(updateFromForm(NONE, form(NONE))).toEqual({
      ok: false,
      fields: {
        account_sid: "Enter the Account SID: AC followed by 32 letters and digits",
        auth_token: "Enter the Auth Token of this account",
        from_number: "Enter the number in international format, like +14155550123",
      },
    });
    expect(updateFromForm(NONE, form(NONE, { accountSid: ` ${SID} `, authToken: "a".repeat(32), fromNumber: "+1 (415) 555-0123" }))).toEqual({
      ok: true,
      body: { account_sid: SID, auth_token: "a".repeat(32), from_number: "+14155550123" },
    });
  });

  it("keeps the saved SID and token unless they are replaced, and sends one sender", () => {
    expect(tokenInputShown(SAVED, form(SAVED))).toBe(false);
    const service = `MG${"a".repeat(32)}`;
    expect(updateFromForm(SAVED, form(SAVED, { sender: "service", serviceSid: service }))).toEqual({
      ok: true,
      body: { messaging_service_sid: service },
    });
    expect(updateFromForm(SAVED, form(SAVED, { sender: "service", serviceSid: "MG1" })).ok).toBe(false);
    // Replacing the SID asks for its token too
    const replacing = form(SAVED, { replacingSid: true, accountSid: SID });
    expect(tokenInputShown(SAVED, replacing)).toBe(true);
    expect(updateFromForm(SAVED, replacing)).toEqual({ ok: false, fields: { auth_token: "Enter the Auth Token of this account" } });
  });

  it("knows when the form differs from what is saved", () => {
    expect(isDirty(SAVED, form(SAVED))).toBe(false);
    expect(isDirty(SAVED, form(SAVED, { authToken: "x" }))).toBe(true);
    expect(isDirty(SAVED, form(SAVED, { fromNumber: "+14155550123" }))).toBe(true);
  });

  it("reads numbers as people write them", () => {
    expect(compactNumber("+44 20 7946 0958")).toBe("+442079460958");
    expect(compactNumber("415 555 0123")).toBeNull();
  });

  it("says where texts come from, and what the test did", () => {
    expect(connectedText(SAVED)).toBe("Texts are sent from +15005550006 (Twilio account Summit Roofing, SID ending cdef).");
    expect(connectedText(NONE)).toBe("No text can be sent until a Twilio account is connected.");
    expect(testResultText({ sent: true, to: "+14155550123", sid: "SM1", segments: 2 })).toBe("Test text sent to +14155550123 in 2 parts. Twilio's id: SM1.");
  });
});
