import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import { draftErrors, emailContent, htmlOfPlainText, sendRefusal, type EmailDraft } from "./sendEmail";

const draft = (extra: Partial<EmailDraft> = {}): EmailDraft => ({ source: "write", templateId: "", subject: "", message: "", leadId: "", ...extra });

describe("an email written on a contact's page", () => {
  it("keeps its paragraphs and line breaks as HTML", () => {
    expect(htmlOfPlainText("Hi {{contact.first_name}},\n\nThanks for calling.\nTalk soon\r\n\r\n\n")).toBe(
      "<p>Hi {{contact.first_name}},</p>\n<p>Thanks for calling.<br>\nTalk soon</p>",
    );
  });

  it("shows what looks like HTML as text, but leaves merge fields and tags as written", () => {
    expect(htmlOfPlainText("Use <b> & {{ contact.custom.size > 2 }} {% if x < 1 %}a{% endif %}")).toBe(
      "<p>Use &lt;b&gt; &amp; {{ contact.custom.size > 2 }} {% if x < 1 %}a{% endif %}</p>",
    );
  });

  it("needs a template, or a subject and a message", () => {
    expect(draftErrors(draft({ source: "template" }))).toEqual({ templateId: "Choose a template" });
    expect(draftErrors(draft({ source: "template", templateId: "T1" }))).toEqual({});
    expect(draftErrors(draft({ subject: " " }))).toEqual({ subject: "Write a subject", message: "Write the message" });
  });

  it("sends the template, or the subject and the message as HTML", () => {
    expect(emailContent(draft({ source: "template", templateId: "T1", subject: "ignored" }))).toEqual({ template_id: "T1" });
    expect(emailContent(draft({ subject: " Hello ", message: "Hi" }))).toEqual({ subject: "Hello", body: "<p>Hi</p>" });
  });

  it("says why nothing was sent when a template's file is gone", () => {
    expect(sendRefusal(new ApiError(422, "attachment_missing", "A file this template attaches was deleted"), "Ada")).toMatch(
      /^A file this template attaches was deleted from the media library, so nothing was sent/,
    );
  });

  it("says why nothing was sent", () => {
    expect(sendRefusal(new ApiError(409, "unsubscribed", "This contact unsubscribed from email"), "Ada Lovelace")).toBe(
      "Ada Lovelace unsubscribed from email, so nothing was sent.",
    );
    expect(sendRefusal(new ApiError(422, "no_email", "This contact has no email address"), "Ada")).toBe(
      "Ada has no email address: add one to the contact first.",
    );
    expect(sendRefusal(new ApiError(422, "unknown_merge_field", "The body names a merge field that does not exist: nickname"), "Ada")).toBe(
      "The body names a merge field that does not exist: nickname",
    );
  });
});
