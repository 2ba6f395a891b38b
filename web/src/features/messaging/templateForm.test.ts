import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import { bodyExcerpt, createBody, formOf, refusalOf, templateChanged, templateFormErrors, textOfHtml, updateBody } from "./templateForm";
import type { Template } from "./types";

const template = (extra: Partial<Template> = {}): Template => ({
  template_id: "T1",
  channel: "email",
  name: "Welcome",
  subject: "Hello {{contact.first_name}}",
  body: "<p>Hi {{contact.first_name}}</p>",
  text: null,
  segments: null,
  encoding: null,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-02T00:00:00Z",
  version: 3,
  ...extra,
});

describe("a template's form", () => {
  it("asks for a name, an email's subject and a body", () => {
    expect(templateFormErrors("email", { name: " ", subject: "", body: "  ", text: "" })).toEqual({
      name: "Give the template a name",
      subject: "An email needs a subject",
      body: "Write the email",
    });
    expect(templateFormErrors("sms", { name: "Reminder", subject: "", body: "See you soon", text: "" })).toEqual({});
  });

  it("holds a text message to 1,600 characters, counting an emoji as one", () => {
    expect(templateFormErrors("sms", { name: "Long", subject: "", body: "a".repeat(1601), text: "" }).body).toBe(
      "A text message is at most 1,600 characters",
    );
    expect(templateFormErrors("sms", { name: "Emoji", subject: "", body: "😀".repeat(1600), text: "" })).toEqual({});
  });

  it("creates an email with its plain-text part only when one is written, and a text message with its text only", () => {
    expect(createBody("email", { name: " Welcome ", subject: " Hi ", body: "<p>Hi</p>", text: " " })).toEqual({
      channel: "email",
      name: "Welcome",
      subject: "Hi",
      body: "<p>Hi</p>",
      text: null,
    });
    expect(createBody("sms", { name: "Reminder", subject: "ignored", body: "See you", text: "ignored" })).toEqual({
      channel: "sms",
      name: "Reminder",
      body: "See you",
    });
  });

  it("sends only what changed, with the version read; nothing when nothing changed", () => {
    const base = template({ text: "Hi there" });
    expect(updateBody(base, formOf(base))).toBeNull();
    expect(updateBody(base, { ...formOf(base), subject: "New subject " })).toEqual({ subject: "New subject", version: 3 });
    expect(updateBody(base, { ...formOf(base), text: "  " })).toEqual({ text: "", version: 3 });
  });

  it("sends an email's files when they changed, in their order", () => {
    const attached = (id: string) => ({ media_id: id, name: `${id}.pdf`, content_type: "application/pdf", size_bytes: 10, missing: false });
    const base = template({ attachments: [attached("M1"), attached("M2")] });
    expect(updateBody(base, formOf(base), ["M1", "M2"])).toBeNull();
    expect(updateBody(base, formOf(base), ["M2", "M1"])).toEqual({ attachment_ids: ["M2", "M1"], version: 3 });
    expect(updateBody(base, formOf(base), [])).toEqual({ attachment_ids: [], version: 3 });
    expect(createBody("email", { name: "Quote", subject: "Quote", body: "<p>x</p>", text: "" }, ["M1"])).toMatchObject({ attachment_ids: ["M1"] });
    expect(createBody("sms", { name: "Hi", subject: "", body: "Hi", text: "" }, ["M1"])).not.toHaveProperty("attachment_ids");
  });

  it("is changed while a template's inputs or files differ from what is saved", () => {
    const base = template({ text: "Hi there" });
    expect(templateChanged("email", base, formOf(base), [])).toBe(false);
    expect(templateChanged("email", base, { ...formOf(base), name: " Welcome " }, [])).toBe(false);
    expect(templateChanged("email", base, { ...formOf(base), subject: "Hello again" }, [])).toBe(true);
    expect(templateChanged("email", base, { ...formOf(base), body: `${base.body}!` }, [])).toBe(true);
    expect(templateChanged("email", base, formOf(base), ["M1"])).toBe(true);
  });

  it("is changed while a new template has anything typed or attached", () => {
    const empty = formOf(null);
    expect(templateChanged("email", null, empty)).toBe(false);
    expect(templateChanged("email", null, { ...empty, name: "  " })).toBe(false);
    expect(templateChanged("email", null, { ...empty, subject: "Hi" })).toBe(true);
    expect(templateChanged("email", null, empty, ["M1"])).toBe(true);
    expect(templateChanged("sms", null, { ...empty, body: "See you" })).toBe(true);
    // A text message has no subject: one left in the form is not kept.
    expect(templateChanged("sms", null, { ...empty, subject: "x" })).toBe(false);
  });

  it("never sends a subject or plain-text part for a text message", () => {
    const base = template({ channel: "sms", subject: null, body: "Hi" });
    expect(updateBody(base, { name: "Welcome", subject: "x", body: "Hi!", text: "y" })).toEqual({ body: "Hi!", version: 3 });
    expect(updateBody(base, { name: "Welcome", subject: "x", body: "Hi", text: "y" }, [])).toBeNull();
  });
});

describe("what the API refused", () => {
  it("puts a template error's whole message on the input it names", () => {
    const error = new ApiError(422, "invalid_template", "The body is not a valid template: unexpected '}'", { body: "unexpected '}'" });
    expect(refusalOf(error)).toEqual({ byField: { body: "The body is not a valid template: unexpected '}'" }, summary: null, stale: false });
  });

  it("says an attachments refusal whole: which file, and what to do", () => {
    const message = "The attachments add up to 12 MB; an email carries at most 10 MB. The largest is “big.pdf” (8 MB): remove it or another file";
    const error = new ApiError(422, "attachments_too_large", message, { attachment_ids: "“big.pdf” makes them more than 10 MB together" });
    expect(refusalOf(error)).toEqual({ byField: {}, summary: message, stale: false });
  });

  it("puts other field errors on their inputs", () => {
    const error = new ApiError(422, "validation_error", "Some fields are not valid", { name: "Required" });
    expect(refusalOf(error)).toEqual({ byField: { name: "Required" }, summary: null, stale: false });
  });

  it("tells of a newer version saved by someone else", () => {
    expect(refusalOf(new ApiError(409, "stale_version", "Someone else changed this template: reload it")).stale).toBe(true);
  });

  it("says anything else above the form", () => {
    expect(refusalOf(new ApiError(409, "too_many_templates", "An account has at most 500 templates"))).toEqual({
      byField: {},
      summary: "An account has at most 500 templates",
      stale: false,
    });
  });
});

describe("the list's excerpt", () => {
  it("reads an email's HTML as its words, leaving out styles and comments", () => {
    expect(textOfHtml("<style>p{color:red}</style><p>Fish &amp; chips&nbsp;&#8212; &#x263A;</p><!-- note -->")).toContain("Fish & chips — ☺");
    expect(bodyExcerpt({ channel: "email", body: "<h1>Hello</h1>\n<p>Welcome <b>aboard</b></p>" })).toBe("Hello Welcome aboard");
  });

  it("shortens a long body on one line", () => {
    expect(bodyExcerpt({ channel: "sms", body: `Line one\nline two ${"x".repeat(200)}` }, 20)).toBe("Line one line two x…");
  });
});
