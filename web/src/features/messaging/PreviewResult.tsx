import { errorMessage } from "../../api/errors";
import { Alert, SelectField } from "../../components/ui";
import type { ContactLead } from "../contacts/types";
import { formatSize } from "../media/upload";
import { smsCount, smsCounterText } from "./sms";
import type { Preview } from "./types";
import "../media/media.css";
import "./messaging.css";

/**
 * A filled-in template: an email's subject, its HTML in a sandboxed frame (nothing in it runs, and it
 * cannot reach this page) and its plain-text part; a text message as it reads, with its parts.
 */
export function PreviewResult({ preview }: { preview: Preview }) {
  if (preview.channel === "sms") {
    return (
      <section className="preview" aria-label="Filled-in message">
        <p className="preview-sms">{preview.body}</p>
        <p className="muted">{smsCounterText(smsCount(preview.body))} once filled in</p>
      </section>
    );
  }
  return (
    <section className="preview" aria-label="Filled-in message">
      <p className="preview-subject">
        <span className="muted">Subject: </span>
        <strong>{preview.subject}</strong>
      </p>
      <iframe className="preview-frame" title="Email preview" sandbox="" referrerPolicy="no-referrer" srcDoc={preview.body} />
      {preview.text && (
        <details className="preview-text">
          <summary>Plain-text part</summary>
          <pre>{preview.text}</pre>
        </details>
      )}
      {(preview.attachments ?? []).length > 0 && (
        <ul className="preview-attachments" aria-label="Attached files">
          {(preview.attachments ?? []).map((attachment) => (
            <li key={attachment.media_id}>
              📎 {attachment.name} <span className="muted">({formatSize(attachment.size_bytes ?? 0)})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Why a preview failed: a merge field that exists nowhere is named in the API's message. */
export function PreviewError({ error }: { error: unknown }) {
  return <Alert title="The preview could not be made">{errorMessage(error)}</Alert>;
}

/** One of a contact's leads (not the deleted ones), whose merge fields the message fills in; or none. */
export function LeadSelect({
  leads,
  value,
  onChange,
  hint,
}: {
  leads: readonly ContactLead[];
  value: string;
  onChange: (leadId: string) => void;
  hint?: string;
}) {
  const open = leads.filter((lead) => !lead.deleted_at);
  if (open.length === 0) return null;
  return (
    <SelectField
      label="Lead"
      hint={hint ?? "The lead fields ({{lead.…}}) come from this lead; with none they are left empty."}
      value={value}
      options={[{ value: "", label: "No lead" }, ...open.map((lead) => ({ value: lead.lead_id, label: lead.name || "Unnamed lead" }))]}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
