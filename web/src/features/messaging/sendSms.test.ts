import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import { smsButtonState, smsContent, smsDraftErrors, smsRefusal, type SmsDraft } from "./sendSms";

const draft = (extra: Partial<SmsDraft> = {}): SmsDraft => ({ source: "write", templateId: "", message: "", leadId: "", ...extra });

describe("a text written on a contact's page", () => {
  it("needs a template, or a message of at most 1,600 characters", () => {
    expect(smsDraftErrors(draft({ source: "template" }))).toEqual({ templateId: "Choose a template" });
    expect(smsDraftErrors(draft({ source: "template", templateId: "T1" }))).toEqual({});
    expect(smsDraftErrors(draft({ message: "  " }))).toEqual({ message: "Write the message" });
    expect(smsDraftErrors(draft({ message: "a".repeat(1600) }))).toEqual({});
    expect(smsDraftErrors(draft({ message: "a".repeat(1601) }))).toEqual({ message: "A text is at most 1,600 characters" });
  });

  it("sends the template, or the message as typed", () => {
    expect(smsContent(draft({ source: "template", templateId: "T1", message: "ignored" }))).toEqual({ template_id: "T1" });
    expect(smsContent(draft({ message: " Hi {{contact.first_name}} \n" }))).toEqual({ body: "Hi {{contact.first_name}}" });
  });

  it("opens only when a text can go, and says why not before anyone types", () => {
    const ready = { connected: true, canConnect: false, phone: "+14155550123", unsubscribed: false };
    expect(smsButtonState(ready)).toEqual({ enabled: true, reason: null });
    expect(smsButtonState({ ...ready, connected: false, canConnect: true })).toEqual({
      enabled: false,
      reason: "Connect Twilio in Settings > SMS",
    });
    expect(smsButtonState({ ...ready, connected: false }).reason).toBe("Texts are not set up: an Admin connects Twilio");
    expect(smsButtonState({ ...ready, phone: null })).toEqual({ enabled: false, reason: "No phone number to text" });
    expect(smsButtonState({ ...ready, unsubscribed: true })).toEqual({ enabled: false, reason: "Unsubscribed from SMS" });
  });

  it("says why nothing was sent", () => {
    expect(smsRefusal(new ApiError(409, "unsubscribed", "x"), "Ada Lovelace")).toBe("Ada Lovelace unsubscribed from text messages, so nothing was sent.");
    expect(smsRefusal(new ApiError(422, "invalid_phone", "x"), "Ada")).toBe("Ada's phone number cannot receive a text: add its area or country code.");
    expect(smsRefusal(new ApiError(409, "sms_not_configured", "x"), "Ada")).toBe(
      "Text messages are not set up: an Admin connects Twilio in Settings > SMS.",
    );
    expect(smsRefusal(new ApiError(422, "unknown_merge_field", "The body names a merge field that does not exist: nickname"), "Ada")).toBe(
      "The body names a merge field that does not exist: nickname",
    );
  });
});
