import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, errorMessage } from "../../../api/errors";
import { useProfile } from "../../../auth/AuthProvider";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { SecretField } from "../../../components/SecretField";
import { Alert, Button, Card, SelectField, Spinner, TextField } from "../../../components/ui";
import { useSettingsCard, useTestSend } from "../../../components/useSettingsCard";
import { formatDateTime } from "../../../lib/format";
import { useNotificationsApi } from "../api";
import type { EmailSettings, EmailTestResult, TlsMode } from "../types";
import {
  EMAIL_INPUTS,
  formFromSettings,
  isDirty,
  passwordInputShown,
  testResultText,
  TLS_MODES,
  updateFromForm,
  type EmailForm,
} from "./emailSettings";
import "./email.css";

export const EMAIL_SETTINGS_KEY = ["settings", "email"] as const;

/** Settings > Email: the account's own SMTP server, and a test email through what is saved. */
export function EmailSettingsPage() {
  const api = useNotificationsApi();
  const settings = useQuery({ queryKey: EMAIL_SETTINGS_KEY, queryFn: api.emailSettings });
  if (settings.isPending) return <Spinner label="Loading the email settings" />;
  if (settings.isError) {
    return (
      <Alert title="The email settings could not be loaded" actions={<Button onClick={() => void settings.refetch()}>Try again</Button>}>
        {errorMessage(settings.error)}
      </Alert>
    );
  }
  return <EmailSettingsView key={settings.data.updated_at ?? "default"} settings={settings.data} />;
}

function EmailSettingsView({ settings }: { settings: EmailSettings }) {
  const [form, setForm] = useState<EmailForm>(() => formFromSettings(settings));
  const dirty = isDirty(settings, form);
  return (
    <>
      <p className="settings-intro">
        Reminder emails and test emails go out through your own SMTP server once it is set up here.{" "}
        <strong>Without settings of your own, mail goes through Convertly's default mail service</strong>, from
        Convertly's address. The password is stored encrypted and never shown again.
      </p>
      <ServerCard settings={settings} form={form} onForm={setForm} />
      <TestCard dirty={dirty} />
    </>
  );
}

function ServerState({ settings }: { settings: EmailSettings }) {
  return (
    <p className="platform-state">
      <span className={`badge ${settings.configured ? "state-ready" : "state-off"}`}>
        {settings.configured ? "Your SMTP server" : "Platform default"}
      </span>
      <span className="muted">
        {settings.configured
          ? `Mail is sent through ${settings.host}:${settings.port}${settings.updated_at ? `, saved ${formatDateTime(settings.updated_at)}` : ""}.`
          : "Mail is sent through Convertly's default mail service."}
      </span>
    </p>
  );
}

function ServerCard({
  settings,
  form,
  onForm,
}: {
  settings: EmailSettings;
  form: EmailForm;
  onForm: (update: (form: EmailForm) => EmailForm) => void;
}) {
  const api = useNotificationsApi();
  const queryClient = useQueryClient();
  const {
    busy,
    errors,
    submit,
    confirming: confirmingRemove,
    setConfirming: setConfirmingRemove,
    confirmRemove,
  } = useSettingsCard({
    inputs: EMAIL_INPUTS,
    check: () => updateFromForm(settings, form),
    save: (body) => api.saveEmailSettings(body),
    remove: () => api.removeEmailSettings(),
    onDone: (saved) => {
      queryClient.setQueryData(EMAIL_SETTINGS_KEY, saved);
    },
    saved: "Email settings saved",
    removed: "Email settings removed: mail goes through the platform default",
    // Replace pressed on the saved password, nothing typed, is no change.
    dirty: isDirty(settings, form),
  });
  const set = (patch: Partial<EmailForm>) => onForm((current) => ({ ...current, ...patch }));

  return (
    <Card title="SMTP server">
      <ServerState settings={settings} />
      {errors.summary && <Alert title="The email settings were not saved">{errors.summary}</Alert>}
      <form onSubmit={submit} noValidate aria-label="SMTP server">
        <div className="form-grid">
          <TextField
            label="Host"
            value={form.host}
            autoComplete="off"
            spellCheck={false}
            placeholder="smtp.example.com"
            error={errors.byField.host}
            onChange={(event) => set({ host: event.target.value })}
          />
          <TextField
            label="Port"
            inputMode="numeric"
            value={form.port}
            autoComplete="off"
            error={errors.byField.port}
            onChange={(event) => set({ port: event.target.value })}
          />
          <SelectField
            label="TLS mode"
            options={TLS_MODES}
            value={form.tlsMode}
            error={errors.byField.tls_mode}
            onChange={(event) => set({ tlsMode: event.target.value as TlsMode })}
          />
          <TextField
            label="Username"
            value={form.username}
            autoComplete="off"
            spellCheck={false}
            hint="Leave empty for a server without login (a saved password is then removed)"
            error={errors.byField.username}
            onChange={(event) => set({ username: event.target.value })}
          />
          <SecretField
            label="Password"
            masked={settings.password_set ? (settings.password ?? "********") : null}
            editing={passwordInputShown(settings, form)}
            value={form.password}
            error={errors.byField.password}
            onChange={(password) => set({ password })}
            onReplace={() => set({ replacingPassword: true })}
            onKeep={() => set({ replacingPassword: false, password: "" })}
          />
          <TextField
            label="From address"
            type="email"
            value={form.fromAddress}
            autoComplete="off"
            placeholder="reminders@example.com"
            error={errors.byField.from_address}
            onChange={(event) => set({ fromAddress: event.target.value })}
          />
          <TextField
            label="From name"
            value={form.fromName}
            autoComplete="off"
            hint="Optional, e.g. your company's name"
            error={errors.byField.from_name}
            onChange={(event) => set({ fromName: event.target.value })}
          />
        </div>
        <div className="settings-actions">
          <Button type="submit" variant="primary" busy={busy}>
            Save email settings
          </Button>
          <span className="spacer" />
          {settings.configured && (
            <Button variant="ghost" disabled={busy} onClick={() => setConfirmingRemove(true)}>
              Remove email settings
            </Button>
          )}
        </div>
      </form>
      <ConfirmDialog
        open={confirmingRemove}
        title="Remove the email settings?"
        confirmLabel="Remove"
        busy={busy}
        onConfirm={() => void confirmRemove()}
        onCancel={() => setConfirmingRemove(false)}
      >
        <p>The server and its password are deleted; mail goes through Convertly's default mail service again.</p>
      </ConfirmDialog>
    </Card>
  );
}

function TestCard({ dirty }: { dirty: boolean }) {
  const api = useNotificationsApi();
  const profile = useProfile();
  const [to, setTo] = useState(profile.user.email);
  const { busy, errors, result, failure, permanent, send } = useTestSend<EmailTestResult>();

  return (
    <Card title="Send a test email">
      <form onSubmit={(event) => void send(event, () => api.sendTestEmail(to.trim() || null))} noValidate aria-label="Send a test email" className="email-test-form">
        {errors.summary && !errors.byField.to && <Alert title="The test email was not sent">{errors.summary}</Alert>}
        <TextField
          label="Send test to"
          type="email"
          value={to}
          error={errors.byField.to}
          onChange={(event) => setTo(event.target.value)}
        />
        <div className="settings-actions">
          <Button type="submit" busy={busy} disabled={dirty}>
            Send test email
          </Button>
          {dirty && <span className="settings-note">Save your changes first: the test uses the saved settings.</span>}
        </div>
      </form>
      {result && (
        <div className="test-result">
          <Alert tone="success" title="Test email sent">
            {testResultText(result)}
          </Alert>
        </div>
      )}
      {failure && (
        <div className="test-result">
          <Alert title="The test email was not sent">
            <p>{errorMessage(failure)}</p>
            {failure instanceof ApiError && failure.code === "mail_send_failed" && (
              <p className="muted">
                {permanent ? "The server refused it: check the settings above." : "This may pass on another try."}
              </p>
            )}
          </Alert>
        </div>
      )}
    </Card>
  );
}
