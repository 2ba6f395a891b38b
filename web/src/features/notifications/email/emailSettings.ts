// Settings > Email: the SMTP form, from what is saved and to the PUT body.

import type { EmailSettings, EmailSettingsUpdate, EmailTestResult, TlsMode } from "../types";
import type { Checked as SettingsChecked } from "../../../components/useSettingsCard";

export const TLS_MODES: readonly { value: TlsMode; label: string; port: number }[] = [
  { value: "starttls", label: "STARTTLS (usually port 587)", port: 587 },
  { value: "ssl", label: "SSL/TLS (usually port 465)", port: 465 },
  { value: "none", label: "None (unencrypted, usually port 25)", port: 25 },
];

export interface EmailForm {
  host: string;
  port: string;
  tlsMode: TlsMode;
  username: string;
  /** A new password; blank keeps the saved one. */
  password: string;
  /** Replace was pressed on a saved password. */
  replacingPassword: boolean;
  fromAddress: string;
  fromName: string;
}

export const EMAIL_INPUTS = ["host", "port", "tls_mode", "username", "password", "from_address", "from_name"] as const;

export function formFromSettings(settings: EmailSettings): EmailForm {
  return {
    host: settings.host ?? "",
    port: settings.port ? String(settings.port) : "587",
    tlsMode: settings.tls_mode ?? "starttls",
    username: settings.username ?? "",
    password: "",
    replacingPassword: false,
    fromAddress: settings.from_address ?? "",
    fromName: settings.from_name ?? "",
  };
}

/** The form differs from what is saved (a typed password counts). */
export function isDirty(settings: EmailSettings, form: EmailForm): boolean {
  const saved = formFromSettings(settings);
  return (
    form.password !== "" ||
    (["host", "port", "tlsMode", "username", "fromAddress", "fromName"] as const).some(
      (name) => form[name].trim() !== saved[name].trim(),
    )
  );
}

/** Show the password input: nothing is saved, or Replace was pressed. */
export function passwordInputShown(settings: EmailSettings, form: EmailForm): boolean {
  return !settings.password_set || form.replacingPassword;
}

export type Checked = SettingsChecked<EmailSettingsUpdate>;

/**
 * PUT /settings/email's body: the whole server. The password goes only when one was typed (left out,
 * the API keeps the saved one); without a username there is no login, so a saved password is removed.
 */
export function updateFromForm(settings: EmailSettings, form: EmailForm): Checked {
  const port = form.port.trim();
  if (!/^\d{1,5}$/.test(port)) return { ok: false, fields: { port: "Enter a port number, like 587" } };
  const username = form.username.trim();
  if (!username && form.password !== "") return { ok: false, fields: { username: "A password needs a username" } };
  const body: EmailSettingsUpdate = {
    host: form.host.trim(),
    port: Number(port),
    tls_mode: form.tlsMode,
    username: username || null,
    from_address: form.fromAddress.trim(),
    from_name: form.fromName.trim() || null,
  };
  if (!username) {
    if (settings.password_set) body.password = "";
  } else if (form.password !== "") {
    body.password = form.password;
  }
  return { ok: true, body };
}

const TRANSPORTS: Record<EmailTestResult["transport"], string> = {
  tenant_smtp: "your SMTP server",
  platform_ses: "Convertly's default mail service",
  platform_smtp: "Convertly's default mail server",
};

export function testResultText(result: EmailTestResult): string {
  return `Test email sent to ${result.to} through ${TRANSPORTS[result.transport] ?? result.transport}.`;
}
