// A one-off text to a contact, without React: what is checked before sending, what the text is made
// of, whether the Send SMS button can open (and why not), and the API's refusals in words.

import { ApiError, errorMessage } from "../../api/errors";
import { getDisplayLocale } from "../../lib/format";

export type SmsSource = "template" | "write";

export interface SmsDraft {
  source: SmsSource;
  templateId: string;
  message: string;
  leadId: string;
}

export type SmsDraftErrors = Partial<Record<"templateId" | "message", string>>;

/** The longest text that can be sent, in characters (Twilio's limit, as the API's). */
export const SMS_LIMIT = 1600;

export function smsDraftErrors(draft: SmsDraft): SmsDraftErrors {
  if (draft.source === "template") return draft.templateId ? {} : { templateId: "Choose a template" };
  if (!draft.message.trim()) return { message: "Write the message" };
  if ([...draft.message].length > SMS_LIMIT) return { message: `A text is at most ${SMS_LIMIT.toLocaleString(getDisplayLocale())} characters` };
  return {};
}

/** What the text is made of, for the preview and the send. */
export function smsContent(draft: SmsDraft): { template_id: string } | { body: string } {
  if (draft.source === "template") return { template_id: draft.templateId };
  return { body: draft.message.trim() };
}

export interface SmsButtonState {
  enabled: boolean;
  /** Why it cannot open, shown beside it (null when it can). */
  reason: string | null;
}

/** Whether "Send SMS" opens: Twilio connected (an Admin is told where to connect it), a phone, consent. */
export function smsButtonState({
  connected,
  canConnect,
  phone,
  unsubscribed,
}: {
  connected: boolean;
  canConnect: boolean;
  phone: string | null | undefined;
  unsubscribed: boolean;
}): SmsButtonState {
  if (!connected) {
    return { enabled: false, reason: canConnect ? "Connect Twilio in Settings > SMS" : "Texts are not set up: an Admin connects Twilio" };
  }
  if (!phone) return { enabled: false, reason: "No phone number to text" };
  if (unsubscribed) return { enabled: false, reason: "Unsubscribed from SMS" };
  return { enabled: true, reason: null };
}

/** Why a text was not sent, in words. */
export function smsRefusal(error: unknown, contactName: string): string {
  if (error instanceof ApiError) {
    if (error.code === "unsubscribed") return `${contactName} unsubscribed from text messages, so nothing was sent.`;
    if (error.code === "no_phone") return `${contactName} has no phone number: add one to the contact first.`;
    if (error.code === "invalid_phone") return `${contactName}'s phone number cannot receive a text: add its area or country code.`;
    if (error.code === "sms_not_configured") return "Text messages are not set up: an Admin connects Twilio in Settings > SMS.";
    if (error.code === "lead_not_found") return "That lead is no longer this contact's: choose another, or none.";
    if (error.code === "template_not_found") return "That template was deleted meanwhile: choose another.";
  }
  return errorMessage(error);
}
