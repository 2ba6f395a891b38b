import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Alert, Button, TextAreaField, TextField } from "../../components/ui";
import { newRequestKey } from "../bulk/requestKey";
import { contactName } from "../contacts/labels";
import { contactKeys } from "../contacts/queries";
import { readConsent } from "../contacts/read";
import type { ContactDetail } from "../contacts/types";
import { pipelineKeys } from "../pipelines/queries";
import { FormDialog } from "../work/followups/FormDialog";
import { useMessagingApi } from "./api";
import { SourceSwitch, TemplatePicker } from "./MessageSource";
import { MergeFieldPicker, useMergeFieldGroups, useMergeTarget } from "./MergeFieldPicker";
import { LeadSelect, PreviewError, PreviewResult } from "./PreviewResult";
import { draftErrors, emailContent, sendRefusal, type DraftErrors, type EmailDraft } from "./sendEmail";
import "../work/followups/followups.css";
import "./messaging.css";

/**
 * "Send email" on a contact's page, or a lead's (`leadId`: the email is about that lead, its merge fields
 * filled in and the email on its timeline too), for whoever sends messages, when the contact has an address.
 */
export function SendEmailButton({ contact, leadId }: { contact: ContactDetail; leadId?: string }) {
  const { grants } = useAuth();
  const [open, setOpen] = useState(false);
  if (!grants.can(Permission.messagesSend) || !contact.email || contact.deleted_at) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>Send email</Button>
      {open && <SendEmailDialog contact={contact} leadId={leadId} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * An email to the contact from a template or written here, about one of its leads or none; previewed
 * as it will be sent. Its request key is made once per opening, so a double click or a retry sends once.
 */
function SendEmailDialog({ contact, leadId, onClose }: { contact: ContactDetail; leadId?: string; onClose: () => void }) {
  const api = useMessagingApi();
  const queryClient = useQueryClient();
  const readsTemplates = useAuth().grants.can(Permission.templatesRead);
  const [requestKey] = useState(newRequestKey);
  const [draft, setDraft] = useState<EmailDraft>({ source: readsTemplates ? "template" : "write", templateId: "", subject: "", message: "", leadId: leadId ?? "" });
  const [errors, setErrors] = useState<DraftErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const name = contactName(contact);
  const unsubscribed = readConsent(contact.consent).email_marketing === "denied";
  const update = (change: Partial<EmailDraft>) => setDraft((current) => ({ ...current, ...change }));

  const preview = useMutation({
    mutationFn: () =>
      api.preview({ channel: "email", ...emailContent(draft), contact_id: contact.contact_id, lead_id: draft.leadId || null }),
    meta: { inlineErrors: true },
  });
  const send = useMutation({
    mutationFn: () =>
      api.sendMessage(contact.contact_id, { channel: "email", ...emailContent(draft), lead_id: draft.leadId || null, request_key: requestKey }),
    meta: { inlineErrors: true },
    onSuccess: async (sent) => {
      toast.success(`Email queued to ${sent.to}`);
      onClose();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: contactKeys.contact(contact.contact_id) }),
        draft.leadId ? queryClient.invalidateQueries({ queryKey: pipelineKeys.timeline(draft.leadId) }) : null,
      ]);
    },
    onError: (error) => setProblem(sendRefusal(error, name)),
  });

  function check(): boolean {
    const found = draftErrors(draft);
    setErrors(found);
    setProblem(unsubscribed ? `${name} unsubscribed from email, so nothing can be sent to them.` : null);
    return Object.keys(found).length === 0 && !unsubscribed;
  }

  return (
    <FormDialog
      open
      wide
      title={`Email ${name}`}
      submitLabel="Send email"
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
      <p className="muted">To {contact.email}</p>
      {unsubscribed && <Alert tone="warning">{name} unsubscribed from email: nothing can be sent to them.</Alert>}
      {problem && !unsubscribed && <Alert>{problem}</Alert>}
      {readsTemplates && <SourceSwitch source={draft.source} onSource={(source) => update({ source })} />}
      {draft.source === "template" ? (
        <TemplatePicker channel="email" value={draft.templateId} error={errors.templateId} onChange={(templateId) => update({ templateId })} />
      ) : (
        <WrittenEmail draft={draft} errors={errors} setDraft={setDraft} />
      )}
      <LeadSelect leads={contact.leads} value={draft.leadId} onChange={(leadId) => update({ leadId })} />
      {preview.isError && <PreviewError error={preview.error} />}
      {preview.isSuccess && <PreviewResult preview={preview.data} />}
    </FormDialog>
  );
}

type WrittenInput = "subject" | "message";

function WrittenEmail({
  draft,
  errors,
  setDraft,
}: {
  draft: EmailDraft;
  errors: DraftErrors;
  setDraft: (change: (current: EmailDraft) => EmailDraft) => void;
}) {
  const groups = useMergeFieldGroups();
  const merge = useMergeTarget<WrittenInput>("message", (key, change) => setDraft((current) => ({ ...current, [key]: change(current[key]) })));
  const set = (key: WrittenInput) => (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [key]: event.target.value }));
  return (
    <>
      <TextField label="Subject" maxLength={200} value={draft.subject} error={errors.subject} onChange={set("subject")} {...merge.bind("subject")} />
      <MergeFieldPicker groups={groups} targetLabel={merge.target === "subject" ? "the subject" : "the message"} onInsert={merge.insert} />
      <TextAreaField
        label="Message"
        rows={8}
        value={draft.message}
        error={errors.message}
        hint="Plain text: a blank line starts a new paragraph."
        onChange={set("message")}
        {...merge.bind("message")}
      />
    </>
  );
}
