import { describe, expect, it } from "vitest";
import type { EmailSettings } from "../types";
import { formFromSettings, isDirty, passwordInputShown, testResultText, updateFromForm } from "./emailSettings";

const DEFAULT: EmailSettings = {
  configured: false,
  platform_transport: "smtp",
  host: null,
  port: null,
  tls_mode: null,
  username: null,
  password: null,
  password_set: false,
  from_address: null,
  from_name: null,
  updated_at: null,
  updated_by: null,
};
const SAVED: EmailSettings = {
  ...DEFAULT,
  configured: true,
  host: "smtp.example.com",
  port: 587,
  tls_mode: "starttls",
  username: "mailer",
  password: "********",
  password_set: true,
  from_address: "crm@example.com",
  from_name: "Example",
  updated_at: "2026-05-01T08:00:00.000Z",
};

describe("the email settings form", () => {
  it("starts from what is saved, or from STARTTLS on 587", () => {
    expect(formFromSettings(DEFAULT)).toMatchObject({ host: "", port: "587", tlsMode: "starttls", password: "" });
    expect(formFromSettings(SAVED)).toMatchObject({ host: "smtp.example.com", username: "mailer", fromName: "Example" });
  });

  it("shows the password input until one is saved, then only after Replace", () => {
    expect(passwordInputShown(DEFAULT, formFromSettings(DEFAULT))).toBe(true);
    expect(passwordInputShown(SAVED, formFromSettings(SAVED))).toBe(false);
    expect(passwordInputShown(SAVED, { ...formFromSettings(SAVED), replacingPassword: true })).toBe(true);
  });

  it("is dirty while a field or a typed password differs from what is saved", () => {
    expect(isDirty(SAVED, formFromSettings(SAVED))).toBe(false);
    expect(isDirty(SAVED, { ...formFromSettings(SAVED), port: "465" })).toBe(true);
    expect(isDirty(SAVED, { ...formFromSettings(SAVED), password: "new" })).toBe(true);
    expect(isDirty(DEFAULT, formFromSettings(DEFAULT))).toBe(false);
  });
});

describe("PUT /settings/email's body", () => {
  it("sends the whole server, leaving a saved password out so it is kept", () => {
    expect(updateFromForm(SAVED, { ...formFromSettings(SAVED), host: " mail.example.com " })).toEqual({
      ok: true,
      body: {
        host: "mail.example.com",
        port: 587,
        tls_mode: "starttls",
        username: "mailer",
        from_address: "crm@example.com",
        from_name: "Example",
      },
    });
  });

  it("sends a typed password", () => {
    const form = { ...formFromSettings(SAVED), replacingPassword: true, password: "s3cret" };
    expect(updateFromForm(SAVED, form)).toMatchObject({ ok: true, body: { password: "s3cret" } });
  });

  it("removes a saved password when the username is emptied", () => {
    const form = { ...formFromSettings(SAVED), username: "" };
    expect(updateFromForm(SAVED, form)).toMatchObject({ ok: true, body: { username: null, password: "" } });
    expect(updateFromForm(DEFAULT, { ...formFromSettings(DEFAULT), host: "h" })).not.toHaveProperty("body.password");
  });

  it("refuses a typed password without a username", () => {
    const form = { ...formFromSettings(DEFAULT), host: "h", password: "s3cret" };
    expect(updateFromForm(DEFAULT, form)).toEqual({ ok: false, fields: { username: "A password needs a username" } });
  });

  it("refuses a port that is not a number before asking the API", () => {
    expect(updateFromForm(SAVED, { ...formFromSettings(SAVED), port: "smtp" })).toEqual({
      ok: false,
      fields: { port: "Enter a port number, like 587" },
    });
  });

  it("says where the test email went", () => {
    expect(testResultText({ sent: true, to: "a@example.com", transport: "tenant_smtp" })).toBe(
      "Test email sent to a@example.com through your SMTP server.",
    );
  });
});
