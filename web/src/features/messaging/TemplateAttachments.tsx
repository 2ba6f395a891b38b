import { useState } from "react";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Alert, Button } from "../../components/ui";
import { MediaPicker } from "../media/MediaPicker";
import { formatSize } from "../media/upload";
import type { TemplateAttachment } from "./types";
import "../media/media.css";

export const MAX_ATTACHMENTS = 5;
const MAX_TOTAL_BYTES = 10 * 1024 * 1024;

/** How much the files weigh together (missing ones weigh nothing: they cannot be sent anyway). */
export function attachmentsSize(attachments: readonly TemplateAttachment[]): number {
  return attachments.reduce((total, attachment) => total + (attachment.size_bytes ?? 0), 0);
}

/**
 * An email template's files from the media library: listed with their sizes (one deleted from the library
 * shows as missing, to be removed before the template is sent), removed, and added from the library or
 * uploaded there and then.
 */
export function TemplateAttachments({
  attachments,
  editable,
  onChange,
}: {
  attachments: readonly TemplateAttachment[];
  editable: boolean;
  onChange: (next: TemplateAttachment[]) => void;
}) {
  const readsMedia = useAuth().grants.can(Permission.mediaRead);
  const [picking, setPicking] = useState(false);
  const total = attachmentsSize(attachments);
  const missing = attachments.some((attachment) => attachment.missing);
  return (
    <section className="attachments" aria-label="Attachments">
      <h3>Attachments</h3>
      {attachments.length === 0 ? (
        <p className="muted">No files attached.</p>
      ) : (
        <ul className="attachments-list">
          {attachments.map((attachment) => (
            <li key={attachment.media_id}>
              {attachment.missing ? (
                <span className="attachment-missing">A deleted file (no longer in the media library)</span>
              ) : (
                <>
                  <span className="media-name">{attachment.name}</span>
                  <span className="muted">{formatSize(attachment.size_bytes ?? 0)}</span>
                </>
              )}
              {editable && (
                <Button
                  variant="ghost"
                  className="btn-small"
                  aria-label={`Remove ${attachment.name ?? "the deleted file"}`}
                  onClick={() => onChange(attachments.filter((one) => one.media_id !== attachment.media_id))}
                >
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {attachments.length > 0 && (
        <p className="muted">
          {attachments.length} of {MAX_ATTACHMENTS} files · {formatSize(total)} of 10 MB
        </p>
      )}
      {missing && <Alert tone="warning">A file was deleted from the media library: remove it (or attach another) before this template is sent.</Alert>}
      {total > MAX_TOTAL_BYTES && <Alert tone="warning">The files add up to more than 10 MB, more than an email carries: remove one.</Alert>}
      {editable && readsMedia && attachments.length < MAX_ATTACHMENTS && (
        <div>
          <Button onClick={() => setPicking(true)}>Attach files</Button>
        </div>
      )}
      {picking && (
        <MediaPicker
          title="Attach files from the media library"
          room={MAX_ATTACHMENTS - attachments.length}
          chosenIds={attachments.map((attachment) => attachment.media_id)}
          onClose={() => setPicking(false)}
          onPick={(files) => {
            setPicking(false);
            onChange([
              ...attachments,
              ...files.map((file) => ({ media_id: file.media_id, name: file.name, content_type: file.content_type, size_bytes: file.size_bytes, missing: false })),
            ]);
          }}
        />
      )}
    </section>
  );
}
