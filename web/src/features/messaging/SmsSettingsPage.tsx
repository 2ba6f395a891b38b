import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, errorMessage } from "../../api/errors";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { SecretField } from "../../components/SecretField";
import { Alert, Button, Card, Spinner, TextField } from "../../components/ui";
import { useSettingsCard, useTestSend } from "../../components/useSettingsCard";
import { formatDateTime } from "../../lib/format";
import { smsKeys, useSmsApi } from "./smsApi";
import {
  connectedText,
  formFromSettings,
  isDirty,
  SMS_INPUTS,
  sidInputShown,
  testResultText,
  tokenInputShown,
  updateFromForm,
  type SmsForm,
  type SmsSender,
} from "./smsSettings";
import type { SmsSettings, SmsTestResult } from "./smsTypes";
import "../work/followups/followups.css";
import "./messaging.css";

/** Settings > SMS: the account's Twilio account (checked with Twilio when saved), a test text, disconnect. */
export function SmsSettingsPage() {
  const api = useSmsApi();
  const settings = useQuery({ queryKey: smsKeys.settings, queryFn: api.smsSettings });
  if (settings.isPending) return <Spinner label="Loading the SMS settings" />;
  if (settings.isError) {
    return (
      <Alert title="The SMS settings could not be loaded" actions={<Button onClick={() => void settings.refetch()}>Try again</Button>}>
        {errorMessage(settings.error)}
      </Alert>
    );
  }
  return <SmsSettingsView key={settings.data.updated_at ?? "none"} settings={settings.data} />;
}

function SmsSettingsView({ settings }: { settings: SmsSettings }) {
  const [form, setForm] = useState<SmsForm>(() => formFromSettings(settings));
  return (
    <>
      <p className="settings-intro">
        Texts to contacts (from their page, their lead's, or a workflow) go out through your own Twilio account. Copy the{" "}
        <strong>Account SID</strong> and <strong>Auth Token</strong> from the Twilio Console, and the number texts come from (or a
        Messaging Service). Twilio checks them when you save; the Auth Token is stored encrypted and never shown again.
      </p>
      <AccountCard settings={settings} form={form} onForm={setForm} />
      {settings.configured && <TestCard dirty={isDirty(settings, form)} />}
    </>
  );
}

function ConnectionState({ settings }: { settings: SmsSettings }) {
  return (
    <p className="platform-state">
      <span className={`badge ${settings.configured ? "state-ready" : "state-off"}`}>{settings.configured ? "Connected" : "Not connected"}</span>
      <span className="muted">
        {connectedText(settings)}
        {settings.configured && settings.updated_at ? ` Saved ${formatDateTime(settings.updated_at)}.` : ""}
      </span>
    </p>
  );
}

function AccountCard({
  settings,
  form,
  onForm,
}: {
  settings: SmsSettings;
  form: SmsForm;
  onForm: (update: (form: SmsForm) => SmsForm) => void;
}) {
  const api = useSmsApi();
  const queryClient = useQueryClient();
  const { busy, errors, submit, confirming, setConfirming, confirmRemove } = useSettingsCard({
    inputs: SMS_INPUTS,
    check: () => updateFromForm(settings, form),
    save: (body) => api.saveSmsSettings(body),
    remove: () => api.disconnectSms(),
    onDone: async (saved) => {
      queryClient.setQueryData(smsKeys.settings, saved);
      await queryClient.invalidateQueries({ queryKey: smsKeys.status });
    },
    saved: "Twilio connected: texts can be sent",
    removed: "Twilio disconnected: no text can be sent",
    // Replace pressed on the saved SID or token, nothing typed, is no change.
    dirty: isDirty(settings, form),
  });
  const set = (patch: Partial<SmsForm>) => onForm((current) => ({ ...current, ...patch }));

  return (
    <Card title="Twilio account">
      <ConnectionState settings={settings} />
      {errors.summary && <Alert title="The SMS settings were not saved">{errors.summary}</Alert>}
      <form onSubmit={submit} noValidate aria-label="Twilio account">
        <div className="form-grid">
          {sidInputShown(settings, form) ? (
            <TextField
              label="Account SID"
              value={form.accountSid}
              autoComplete="off"
              spellCheck={false}
              placeholder="AC…"
              error={errors.byField.account_sid}
              onChange={(event) => set({ accountSid: event.target.value })}
            />
          ) : (
            <SecretField
              label="Account SID"
              masked={`••••${settings.account_sid_last4 ?? ""}`}
              editing={false}
              value=""
              error={errors.byField.account_sid}
              onChange={() => undefined}
              onReplace={() => set({ replacingSid: true, replacingToken: true })}
              onKeep={() => set({ replacingSid: false, accountSid: "" })}
            />
          )}
          <SecretField
            label="Auth Token"
            masked={settings.auth_token_set ? (settings.auth_token ?? "••••") : null}
            editing={tokenInputShown(settings, form)}
            value={form.authToken}
            error={errors.byField.auth_token}
            onChange={(authToken) => set({ authToken })}
            onReplace={() => set({ replacingToken: true })}
            onKeep={() => set({ replacingToken: false, authToken: "" })}
          />
        </div>
        <SenderChoice sender={form.sender} onSender={(sender) => set({ sender })} />
        <div className="form-grid">
          {form.sender === "number" ? (
            <TextField
              label="Sending number"
              value={form.fromNumber}
              autoComplete="off"
              placeholder="+14155550123"
              hint="A number of this Twilio account that can send texts, in international format"
              error={errors.byField.from_number}
              onChange={(event) => set({ fromNumber: event.target.value })}
            />
          ) : (
            <TextField
              label="Messaging Service SID"
              value={form.serviceSid}
              autoComplete="off"
              spellCheck={false}
              placeholder="MG…"
              error={errors.byField.messaging_service_sid}
              onChange={(event) => set({ serviceSid: event.target.value })}
            />
          )}
        </div>
        <div className="settings-actions">
          <Button type="submit" variant="primary" busy={busy}>
            {settings.configured ? "Save SMS settings" : "Connect Twilio"}
          </Button>
          <span className="spacer" />
          {settings.configured && (
            <Button variant="ghost" disabled={busy} onClick={() => setConfirming(true)}>
              Disconnect Twilio
            </Button>
          )}
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title="Disconnect Twilio?"
        confirmLabel="Disconnect"
        busy={busy}
        onConfirm={() => void confirmRemove()}
        onCancel={() => setConfirming(false)}
      >
        <p>The Account SID and Auth Token are deleted. No text can be sent, from a page or a workflow, until Twilio is connected again.</p>
      </ConfirmDialog>
    </Card>
  );
}

function SenderChoice({ sender, onSender }: { sender: SmsSender; onSender: (sender: SmsSender) => void }) {
  return (
    <div className="segmented sms-sender-choice" role="group" aria-label="Texts come from">
      <button type="button" aria-pressed={sender === "number"} onClick={() => onSender("number")}>
        A phone number
      </button>
      <button type="button" aria-pressed={sender === "service"} onClick={() => onSender("service")}>
        A Messaging Service
      </button>
    </div>
  );
}

function TestCard({ dirty }: { dirty: boolean }) {
  const api = useSmsApi();
  const [to, setTo] = useState("");
  const { busy, errors, result, failure, permanent, send } = useTestSend<SmsTestResult>();

  return (
    <Card title="Send a test text">
      <form
        onSubmit={(event) => void send(event, () => api.sendTestSms({ to: to.trim() }), to.trim() ? null : "Enter the phone number to text")}
        noValidate
        aria-label="Send a test text"
        className="sms-test-form"
      >
        {errors.summary && !errors.byField.to && <Alert title="The test text was not sent">{errors.summary}</Alert>}
        <TextField
          label="Send test to"
          type="tel"
          value={to}
          placeholder="+14155550123"
          error={errors.byField.to}
          onChange={(event) => setTo(event.target.value)}
        />
        <div className="settings-actions">
          <Button type="submit" busy={busy} disabled={dirty}>
            Send test text
          </Button>
          {dirty && <span className="settings-note">Save your changes first: the test uses the saved account.</span>}
        </div>
      </form>
      {result && (
        <div className="test-result">
          <Alert tone="success" title="Test text sent">
            {testResultText(result)}
          </Alert>
        </div>
      )}
      {failure && (
        <div className="test-result">
          <Alert title="The test text was not sent">
            <p>{errorMessage(failure)}</p>
            {failure instanceof ApiError && failure.code === "sms_send_failed" && (
              <p className="muted">{permanent ? "Twilio refused it: check the number and the settings above." : "This may pass on another try."}</p>
            )}
          </Alert>
        </div>
      )}
    </Card>
  );
}
