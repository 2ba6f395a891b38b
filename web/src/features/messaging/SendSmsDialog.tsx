import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Alert, Button, TextAreaField } from "../../components/ui";
import { newRequestKey } from "../bulk/requestKey";
import { contactName } from "../contacts/labels";
import { contactKeys } from "../contacts/queries";
import { readConsent } from "../contacts/read";
import type { ContactDetail } from "../contacts/types";
import { FormDialog } from "../work/followups/FormDialog";
import { useMessagingApi } from "./api";
import { SourceSwitch, TemplatePicker } from "./MessageSource";
import { MergeFieldPicker, useMergeFieldGroups, useMergeTarget } from "./MergeFieldPicker";
import { LeadSelect, PreviewError, PreviewResult } from "./PreviewResult";
import { smsButtonState, smsContent, smsDraftErrors, smsRefusal, type SmsDraft, type SmsDraftErrors } from "./sendSms";
import { SmsCounter } from "./SmsCounter";
import { smsKeys, useSmsApi } from "./smsApi";
import { SMS_SETTINGS_PATH } from "./smsPaths";
import "../work/followups/followups.css";
import "./messaging.css";

/**
 * "Send SMS" on a contact's page (and its lead's), for whoever sends messages. It says why it cannot
 * open before anyone types: Twilio not connected (an Admin is pointed to Settings > SMS), no phone,
 * or the contact unsubscribed from SMS.
 */
export function SendSmsButton({ contact, leadId = "" }: { contact: ContactDetail; leadId?: string }) {
  const { grants } = useAuth();
  const api = useSmsApi();
  const sends = grants.can(Permission.messagesSend) && !contact.deleted_at;
  const status = useQuery({ queryKey: smsKeys.status, queryFn: api.smsStatus, enabled: sends, staleTime: 30_000 });
  const [open, setOpen] = useState(false);
  if (!sends) return null;
  if (status.isPending) return <Button disabled>Send SMS</Button>;
  const canConnect = grants.can(Permission.smsSettingsManage);
  const state = smsButtonState({
    connected: status.data?.configured ?? false,
    canConnect,
    phone: contact.phone,
    unsubscribed: readConsent(contact.consent).sms_marketing === "denied",
  });
  return (
    <span className="sms-action">
      <Button disabled={!state.enabled} aria-describedby={state.reason ? `sms-reason-${contact.contact_id}` : undefined} onClick={() => setOpen(true)}>
        Send SMS
      </Button>
      {state.reason && (
        <span className="muted sms-reason" id={`sms-reason-${contact.contact_id}`}>
          {canConnect && !status.data?.configured ? <Link to={SMS_SETTINGS_PATH}>{state.reason}</Link> : state.reason}
        </span>
      )}
      {open && <SendSmsDialog contact={contact} leadId={leadId} onClose={() => setOpen(false)} />}
    </span>
  );
}

/**
 * A text to the contact from an SMS template or written here, about one of its leads or none, counted
 * in parts as typed and previewed as it will be sent. Its request key is made once per opening, so a
 * double click or a retry sends once.
 */
function SendSmsDialog({ contact, leadId, onClose }: { contact: ContactDetail; leadId: string; onClose: () => void }) {
  const api = useMessagingApi();
  const queryClient = useQueryClient();
  const readsTemplates = useAuth().grants.can(Permission.templatesRead);
  const [requestKey] = useState(newRequestKey);
  const [draft, setDraft] = useState<SmsDraft>({ source: readsTemplates ? "template" : "write", templateId: "", message: "", leadId });
  const [errors, setErrors] = useState<SmsDraftErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const name = contactName(contact);
  const update = (change: Partial<SmsDraft>) => setDraft((current) => ({ ...current, ...change }));

  const preview = useMutation({
    mutationFn: () => api.preview({ channel: "sms", ...smsContent(draft), contact_id: contact.contact_id, lead_id: draft.leadId || null }),
    meta: { inlineErrors: true },
  });
  const send = useMutation({
    mutationFn: () =>
      api.sendMessage(contact.contact_id, { channel: "sms", ...smsContent(draft), lead_id: draft.leadId || null, request_key: requestKey }),
    meta: { inlineErrors: true },
    onSuccess: async (sent) => {
      toast.success(`Text queued to ${sent.to}`);
      onClose();
      await queryClient.invalidateQueries({ queryKey: contactKeys.contact(contact.contact_id) });
    },
    onError: (error) => setProblem(smsRefusal(error, name)),
  });

  function check(): boolean {
    const found = smsDraftErrors(draft);
    setErrors(found);
    setProblem(null);
    return Object.keys(found).length === 0;
  }

  return (
    <FormDialog
      open
      wide
      title={`Text ${name}`}
      submitLabel="Send SMS"
      busy={send.isPending}
      onSubmit={() => {
        if (check()) send.mutate();
      }}
      onCancel={() => {
        if (!send.isPending) onClose();
      }}
      extraActions={
        <Button busy={preview.isPending} onClick={() => check() && preview.mutate()}>
          Preview
        </Button>
      }
    >
      <p className="muted">To {contact.phone}</p>
      {problem && <Alert>{problem}</Alert>}
      {readsTemplates && <SourceSwitch source={draft.source} onSource={(source) => update({ source })} />}
      {draft.source === "template" ? (
        <TemplatePicker channel="sms" value={draft.templateId} error={errors.templateId} onChange={(templateId) => update({ templateId })}>
          {(chosen) => chosen && <p className="preview-sms">{chosen.body}</p>}
        </TemplatePicker>
      ) : (
        <WrittenSms draft={draft} error={errors.message} setDraft={setDraft} />
      )}
      <LeadSelect leads={contact.leads} value={draft.leadId} onChange={(chosen) => update({ leadId: chosen })} />
      {preview.isError && <PreviewError error={preview.error} />}
      {preview.isSuccess && <PreviewResult preview={preview.data} />}
    </FormDialog>
  );
}

function WrittenSms({
  draft,
  error,
  setDraft,
}: {
  draft: SmsDraft;
  error?: string;
  setDraft: (change: (current: SmsDraft) => SmsDraft) => void;
}) {
  const groups = useMergeFieldGroups();
  const merge = useMergeTarget<"message">("message", (key, change) => setDraft((current) => ({ ...current, [key]: change(current[key]) })));
  return (
    <>
      <MergeFieldPicker groups={groups} targetLabel="the message" onInsert={merge.insert} />
      <TextAreaField
        label="Message"
        rows={5}
        value={draft.message}
        error={error}
        onChange={(event) => setDraft((current) => ({ ...current, message: event.target.value }))}
        {...merge.bind("message")}
      />
      <SmsCounter text={draft.message} />
    </>
  );
}
