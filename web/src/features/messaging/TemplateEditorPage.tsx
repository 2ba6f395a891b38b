import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FocusEvent, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, EmptyState, Spinner, TextAreaField, TextField } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useUnsavedChanges } from "../../lib/useUnsavedChanges";
import { useMessagingApi } from "./api";
import { MergeFieldPicker, useMergeFieldGroups, useMergeTarget } from "./MergeFieldPicker";
import { templatePath, TEMPLATES_PATH } from "./paths";
import { templateKeys } from "./queries";
import { SmsCounter } from "./SmsCounter";
import { TemplateAttachments } from "./TemplateAttachments";
import {
  createBody,
  formOf,
  refusalOf,
  templateChanged,
  templateFormErrors,
  updateBody,
  type TemplateErrors,
  type TemplateForm,
  type TemplateInput,
} from "./templateForm";
import { TemplatePreview } from "./TemplatePreview";
import { CHANNEL_LABELS, type Channel, type Template, type TemplateAttachment } from "./types";
import "./messaging.css";

/** The inputs a merge field can go into (a template's name is never filled in). */
type MergeInput = Exclude<TemplateInput, "name">;
const TARGET_LABELS: Record<MergeInput, string> = { subject: "the subject", body: "the body", text: "the plain-text part" };

const BACK = (
  <Link to={TEMPLATES_PATH} className="back-link">
    ← All templates
  </Link>
);

/** Settings > Templates > New email (SMS) template: `?channel=sms` for a text message. */
export function NewTemplatePage() {
  const [params] = useSearchParams();
  const channel: Channel = params.get("channel") === "sms" ? "sms" : "email";
  return <TemplateEditor key={channel} channel={channel} template={null} />;
}

/** One template: its editor for Admins and Managers, and its preview for whoever reads templates. */
export function EditTemplatePage() {
  const { templateId = "" } = useParams();
  const api = useMessagingApi();
  const template = useQuery({
    queryKey: templateKeys.template(templateId),
    queryFn: () => api.getTemplate(templateId),
    meta: { inlineErrors: true },
  });
  if (template.isPending) return <Spinner label="Loading the template" />;
  if (template.isError) {
    if (template.error instanceof ApiError && template.error.status === 404) {
      return (
        <EmptyState title="Template not found">
          <p>It may have been deleted, or the link is wrong. {BACK}</p>
        </EmptyState>
      );
    }
    return (
      <Alert title="The template could not be loaded" actions={<Button onClick={() => void template.refetch()}>Try again</Button>}>
        {errorMessage(template.error)}
      </Alert>
    );
  }
  return <TemplateEditor key={template.data.template_id} channel={template.data.channel} template={template.data} />;
}

function TemplateEditor({ channel, template }: { channel: Channel; template: Template | null }) {
  const api = useMessagingApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const manage = useAuth().grants.can(Permission.templatesManage);
  const [base, setBase] = useState(template);
  const [form, setForm] = useState<TemplateForm>(() => formOf(template));
  const [attachments, setAttachments] = useState<TemplateAttachment[]>(() => template?.attachments ?? []);
  const attachmentIds = attachments.map((attachment) => attachment.media_id);
  const [errors, setErrors] = useState<TemplateErrors>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const groups = useMergeFieldGroups();
  const merge = useMergeTarget<MergeInput>("body", (key, change) => setForm((current) => ({ ...current, [key]: change(current[key]) })));
  // Settings' scope asks before a tab or link leaves changes not saved.
  const unsaved = useUnsavedChanges(templateChanged(channel, base, form, attachmentIds));

  const save = useMutation({
    mutationFn: async (): Promise<Template | null> => {
      if (!base) return api.createTemplate(createBody(channel, form, attachmentIds));
      const changes = updateBody(base, form, attachmentIds);
      return changes ? api.updateTemplate(base.template_id, changes) : null;
    },
    meta: { inlineErrors: true },
    onSuccess: async (saved) => {
      if (!saved) {
        toast.info("Nothing changed since the last save");
        return;
      }
      queryClient.setQueryData(templateKeys.template(saved.template_id), saved);
      void queryClient.invalidateQueries({ queryKey: templateKeys.templates, refetchType: "none" });
      if (!base) {
        toast.success(`${saved.name} created`);
        // Created: the editor opens the saved template, nothing left unsaved.
        unsaved.allowNavigation();
        navigate(templatePath(saved.template_id), { replace: true });
        return;
      }
      toast.success(`${saved.name} saved`);
      setBase(saved);
      setForm(formOf(saved));
      setAttachments(saved.attachments ?? []);
    },
    onError: (error) => {
      const refusal = refusalOf(error);
      setErrors(refusal.byField);
      setSummary(refusal.summary);
      setStale(refusal.stale);
    },
  });
  const reload = useMutation({
    mutationFn: () => api.getTemplate(base?.template_id ?? ""),
    onSuccess: (fresh) => {
      queryClient.setQueryData(templateKeys.template(fresh.template_id), fresh);
      setBase(fresh);
      setForm(formOf(fresh));
      setAttachments(fresh.attachments ?? []);
      setStale(false);
      setErrors({});
      setSummary(null);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = templateFormErrors(channel, form);
    setErrors(found);
    setSummary(null);
    if (Object.keys(found).length === 0) save.mutate();
  }

  const set = (key: TemplateInput) => (event: { target: { value: string } }) => setForm((current) => ({ ...current, [key]: event.target.value }));
  const field = (key: TemplateInput): BoundField => ({
    value: form[key],
    error: errors[key],
    readOnly: !manage,
    onChange: set(key),
    ...(key === "name" ? {} : merge.bind(key)),
  });
  const title = base ? base.name : `New ${channel === "sms" ? "SMS" : "email"} template`;

  return (
    <div className="template-editor">
      {BACK}
      <div className="template-title">
        <h2>{title}</h2>
        <span className="badge">{CHANNEL_LABELS[channel]}</span>
        {base && <span className="muted">Last updated {formatDateTime(base.updated_at)}</span>}
      </div>
      {stale && (
        <Alert
          tone="warning"
          title="Someone else saved this template after you opened it"
          actions={
            <Button busy={reload.isPending} onClick={() => reload.mutate()}>
              Reload the template
            </Button>
          }
        >
          Reload to see their version before saving again: your changes here will be replaced, so copy anything you want to keep.
        </Alert>
      )}
      {!manage && <Alert tone="info">You can read and preview templates; an Admin or Manager can change them.</Alert>}
      <div className="template-grid">
        <Card title="Template">
          <form className="template-form" noValidate aria-label="Template" onSubmit={submit}>
            {summary && <Alert>{summary}</Alert>}
            <TextField label="Name" hint="Only your team sees it" maxLength={120} {...field("name")} />
            {channel === "email" && <TextField label="Subject" maxLength={200} {...field("subject")} />}
            {manage && (
              <MergeFieldPicker
                groups={groups}
                targetLabel={TARGET_LABELS[merge.target]}
                onInsert={merge.insert}
              />
            )}
            {channel === "email" ? <EmailBody field={field} /> : <SmsBody field={field} body={form.body} />}
            {channel === "email" && <TemplateAttachments attachments={attachments} editable={manage} onChange={setAttachments} />}
            {manage && (
              <div className="form-actions">
                <Button type="submit" variant="primary" busy={save.isPending}>
                  {base ? "Save changes" : "Create template"}
                </Button>
              </div>
            )}
          </form>
        </Card>
        <TemplatePreview
          content={previewContent(channel, form, attachmentIds)}
        />
      </div>
    </div>
  );
}

/** The template as edited, for the preview: an email with its subject, plain-text part and files; a text message's text. */
function previewContent(channel: Channel, form: TemplateForm, attachmentIds: string[]) {
  if (channel === "sms") return { channel, subject: null, body: form.body, text: null, attachment_ids: null };
  return { channel, subject: form.subject, body: form.body, text: form.text.trim() ? form.text : null, attachment_ids: attachmentIds };
}

/** What an input of the form takes: its value, error and change, and where a merge field goes. */
interface BoundField {
  value: string;
  error: string | undefined;
  readOnly: boolean;
  onChange: (event: { target: { value: string } }) => void;
  onFocus?: (event: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
}

type FieldProps = (key: TemplateInput) => BoundField;

function EmailBody({ field }: { field: FieldProps }) {
  return (
    <>
      <TextAreaField
        label="Body (HTML)"
        className="template-body"
        rows={14}
        spellCheck={false}
        hint="The email as HTML. Each merge field is filled in for the contact, with any HTML in their details shown as text."
        {...field("body")}
      />
      <TextAreaField
        label="Plain-text part (optional)"
        rows={5}
        hint="For mail apps that show no HTML. Left empty, it is made from the body's words."
        {...field("text")}
      />
    </>
  );
}

function SmsBody({ field, body }: { field: FieldProps; body: string }) {
  return (
    <>
      <TextAreaField label="Text" className="template-body" rows={6} {...field("body")} />
      <SmsCounter text={body} />
      <p className="muted template-note">
        A text message template is the starting text of a workflow's manual text-message step: the person doing the step
        sends it from their own phone. Convertly does not send text messages itself.
      </p>
    </>
  );
}
