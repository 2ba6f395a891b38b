// A template's editor without React: the form from a template, what is checked before saving (as the
// API checks it), the create and edit bodies, the API's refusals by field, and the list's excerpt.

import { ApiError, errorMessage, fieldMessages } from "../../api/errors";
import { SMS_MAX_CHARACTERS } from "./sms";
import type { Channel, Template, TemplateCreate, TemplateUpdate } from "./types";
import { getDisplayLocale } from "../../lib/format";

export interface TemplateForm {
  name: string;
  subject: string;
  body: string;
  text: string;
}

export type TemplateInput = keyof TemplateForm;
export const TEMPLATE_INPUTS: readonly TemplateInput[] = ["name", "subject", "body", "text"];
export type TemplateErrors = Partial<Record<TemplateInput, string>>;

const MAX_NAME = 120;
const MAX_SUBJECT = 200;
const MAX_EMAIL_BODY = 50_000;

export function formOf(template: Template | null): TemplateForm {
  return {
    name: template?.name ?? "",
    subject: template?.subject ?? "",
    body: template?.body ?? "",
    text: template?.text ?? "",
  };
}

const characters = (text: string) => [...text].length;

/** What the API would refuse, said before sending. */
export function templateFormErrors(channel: Channel, form: TemplateForm): TemplateErrors {
  const errors: TemplateErrors = {};
  const name = form.name.trim();
  if (!name) errors.name = "Give the template a name";
  else if (characters(name) > MAX_NAME) errors.name = `Use at most ${MAX_NAME} characters`;
  if (channel === "email") {
    if (!form.subject.trim()) errors.subject = "An email needs a subject";
    else if (characters(form.subject.trim()) > MAX_SUBJECT) errors.subject = `Use at most ${MAX_SUBJECT} characters`;
    if (characters(form.text) > MAX_EMAIL_BODY) errors.text = `Use at most ${MAX_EMAIL_BODY.toLocaleString(getDisplayLocale())} characters`;
  }
  const maxBody = channel === "sms" ? SMS_MAX_CHARACTERS : MAX_EMAIL_BODY;
  if (!form.body.trim()) errors.body = channel === "sms" ? "Write the text message" : "Write the email";
  else if (characters(form.body) > maxBody) {
    errors.body = channel === "sms" ? `A text message is at most ${maxBody.toLocaleString(getDisplayLocale())} characters` : `Use at most ${maxBody.toLocaleString(getDisplayLocale())} characters`;
  }
  return errors;
}

/** An email template's files, by media id, in order (none for a text message). */
export function createBody(channel: Channel, form: TemplateForm, attachmentIds: readonly string[] = []): TemplateCreate {
  if (channel === "sms") return { channel, name: form.name.trim(), body: form.body };
  const body: TemplateCreate = { channel, name: form.name.trim(), subject: form.subject.trim(), body: form.body, text: form.text.trim() ? form.text : null };
  return attachmentIds.length ? { ...body, attachment_ids: [...attachmentIds] } : body;
}

const sameIds = (left: readonly string[], right: readonly string[]) => left.length === right.length && left.every((id, index) => id === right[index]);

/**
 * The fields changed since `base` was read, with its version; null when nothing changed. An emptied plain-text part is sent as "" (none);
 * `attachmentIds`, when given, are the email's files as edited.
 */
export function updateBody(base: Template, form: TemplateForm, attachmentIds?: readonly string[]): TemplateUpdate | null {
  const before = formOf(base);
  const changes: Partial<TemplateForm> & { attachment_ids?: string[] } = {};
  if (form.name.trim() !== before.name) changes.name = form.name.trim();
  if (form.body !== before.body) changes.body = form.body;
  if (base.channel === "email") {
    if (form.subject.trim() !== before.subject) changes.subject = form.subject.trim();
    const text = form.text.trim() ? form.text : "";
    if (text !== before.text) changes.text = text;
    const saved = (base.attachments ?? []).map((attachment) => attachment.media_id);
    if (attachmentIds && !sameIds(attachmentIds, saved)) changes.attachment_ids = [...attachmentIds];
  }
  return Object.keys(changes).length ? { ...changes, version: base.version } : null;
}

/**
 * Whether the editor holds what is not saved: an existing template's changes (what a save would send), a
 * new one's text typed or files attached.
 */
export function templateChanged(channel: Channel, base: Template | null, form: TemplateForm, attachmentIds: readonly string[] = []): boolean {
  if (base) return updateBody(base, form, attachmentIds) !== null;
  const inputs: readonly TemplateInput[] = channel === "sms" ? ["name", "body"] : TEMPLATE_INPUTS;
  return inputs.some((key) => form[key].trim() !== "") || (channel === "email" && attachmentIds.length > 0);
}

/** A template error names the input it is about; its message says more than the field's own note. */
const TEMPLATE_CODES = new Set(["invalid_template", "unknown_merge_field", "unsafe_template"]);
/** An attachments error: its message says which file and what to do. */
const ATTACHMENT_CODES = new Set(["attachments_too_large", "attachment_missing", "too_many_attachments"]);

export interface Refusal {
  byField: TemplateErrors;
  summary: string | null;
  /** Someone else saved the template first: reload it before saving again. */
  stale: boolean;
}

export function refusalOf(error: unknown): Refusal {
  if (error instanceof ApiError && error.status === 409 && error.code === "stale_version") {
    return { byField: {}, summary: null, stale: true };
  }
  if (error instanceof ApiError && ATTACHMENT_CODES.has(error.code)) return { byField: {}, summary: error.message, stale: false };
  const split = fieldMessages(error, TEMPLATE_INPUTS);
  const byField: TemplateErrors = split.byField;
  const named = Object.keys(byField) as TemplateInput[];
  if (error instanceof ApiError && TEMPLATE_CODES.has(error.code) && named.length === 1 && named[0]) {
    byField[named[0]] = error.message;
    return { byField, summary: null, stale: false };
  }
  if (split.other.length) return { byField, summary: split.other.join(" "), stale: false };
  return { byField, summary: named.length ? null : errorMessage(error), stale: false };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** An email's HTML as the words it shows: what is not shown (styles, scripts, the head) left out, tags dropped. */
export function textOfHtml(html: string): string {
  const shown = html
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(style|script|head|title)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<[^>]*>/g, " ");
  return decodeEntities(shown);
}

/** The start of a template's body as plain text, on one line, for the list. */
export function bodyExcerpt(template: Pick<Template, "channel" | "body">, max = 100): string {
  const text = (template.channel === "email" ? textOfHtml(template.body) : template.body).replace(/\s+/g, " ").trim();
  if (characters(text) <= max) return text;
  return `${[...text].slice(0, max - 1).join("").trimEnd()}…`;
}
