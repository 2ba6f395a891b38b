// A one-off email to a contact, without React: a message written in plain text as the HTML an email
// sends, what is checked before sending, and the API's refusals in words.

import { ApiError, errorMessage } from "../../api/errors";

export type EmailSource = "template" | "write";

export interface EmailDraft {
  source: EmailSource;
  templateId: string;
  subject: string;
  message: string;
  leadId: string;
}

/** Merge fields and template tags pass through as written; the text around them is made safe. */
const TAGS = /(\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\})/;

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeOutsideTags(text: string): string {
  return text
    .split(TAGS)
    .map((part, index) => (index % 2 === 1 ? part : escapeHtml(part)))
    .join("");
}

/** Plain text as an email's HTML: a blank line starts a paragraph, a line break stays one. */
export function htmlOfPlainText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .trim()
    .split(/\n\s*\n/)
    .filter((paragraph) => paragraph.trim())
    .map((paragraph) => `<p>${escapeOutsideTags(paragraph.trim()).split("\n").join("<br>\n")}</p>`)
    .join("\n");
}

export type DraftErrors = Partial<Record<"templateId" | "subject" | "message", string>>;

export function draftErrors(draft: EmailDraft): DraftErrors {
  if (draft.source === "template") return draft.templateId ? {} : { templateId: "Choose a template" };
  const errors: DraftErrors = {};
  if (!draft.subject.trim()) errors.subject = "Write a subject";
  if (!draft.message.trim()) errors.message = "Write the message";
  return errors;
}

/** What the email is made of, for the preview and the send. */
export function emailContent(draft: EmailDraft): { template_id: string } | { subject: string; body: string } {
  if (draft.source === "template") return { template_id: draft.templateId };
  return { subject: draft.subject.trim(), body: htmlOfPlainText(draft.message) };
}

/** Why an email was not sent, in words. */
export function sendRefusal(error: unknown, contactName: string): string {
  if (error instanceof ApiError) {
    if (error.code === "unsubscribed") return `${contactName} unsubscribed from email, so nothing was sent.`;
    if (error.code === "no_email") return `${contactName} has no email address: add one to the contact first.`;
    if (error.code === "lead_not_found") return "That lead is no longer this contact's: choose another, or none.";
    if (error.code === "template_not_found") return "That template was deleted meanwhile: choose another.";
    if (error.code === "attachment_missing") {
      return "A file this template attaches was deleted from the media library, so nothing was sent: remove it from the template (Settings > Templates) or choose another template.";
    }
  }
  return errorMessage(error);
}
