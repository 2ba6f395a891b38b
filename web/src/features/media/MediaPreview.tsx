import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef } from "react";
import { errorMessage } from "../../api/errors";
import { Alert, Button, Spinner } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useMediaApi } from "./api";
import type { MediaFile } from "./types";
import { formatSize, KIND_LABELS, showsInline } from "./upload";
import "./media.css";

/** What a preview shows in the page: an image as a data URL (the page may show no other origin's images), text as text. */
type Shown = { kind: "image"; src: string } | { kind: "text"; text: string } | { kind: "none" };

const TEXT_SHOWN = 5_000;

async function shown(file: MediaFile, url: string, signal: AbortSignal): Promise<Shown> {
  if (file.kind !== "image" && file.kind !== "text") return { kind: "none" };
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`The file could not be read (${response.status})`);
  if (file.kind === "text") return { kind: "text", text: (await response.text()).slice(0, TEXT_SHOWN) };
  const blob = await response.blob();
  const src = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error("The image could not be read"));
    reader.readAsDataURL(blob);
  });
  return { kind: "image", src };
}

/**
 * One file of the library: an image or text shown here, and its 10-minute links to open it in a new tab
 * (images, PDFs, text) or download it. Asked for when the preview opens.
 */
export function MediaPreview({ file, onClose }: { file: MediaFile; onClose: () => void }) {
  const api = useMediaApi();
  const links = useQuery({
    queryKey: ["media", "links", file.media_id],
    queryFn: async () => ({ open: showsInline(file) ? (await api.link(file.media_id, true)).url : null, download: (await api.link(file.media_id, false)).url }),
    staleTime: 5 * 60_000,
    gcTime: 0,
  });
  const content = useQuery({
    queryKey: ["media", "shown", file.media_id],
    queryFn: ({ signal }) => shown(file, links.data?.open ?? "", signal),
    enabled: Boolean(links.data?.open),
    staleTime: 5 * 60_000,
    gcTime: 0,
  });
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog media-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{file.name}</h2>
      <div className="dialog-body">
        <p className="muted">
          {KIND_LABELS[file.kind]} · {formatSize(file.size_bytes)} · added {formatDateTime(file.created_at)}
          {file.created_by_name ? ` by ${file.created_by_name}` : ""}
        </p>
        {links.isPending && <Spinner label="Getting the file" />}
        {links.isError && <Alert>{errorMessage(links.error)}</Alert>}
        {content.data?.kind === "image" && <img className="media-preview-image" src={content.data.src} alt={`Preview of ${file.name}`} />}
        {content.data?.kind === "text" && <pre className="media-preview-text">{content.data.text}</pre>}
        {content.isError && <Alert tone="info">The preview could not be shown here: open the file instead.</Alert>}
        {links.data && (
          <p className="media-preview-links">
            {links.data.open && (
              <a className="btn btn-secondary" href={links.data.open} target="_blank" rel="noopener noreferrer">
                Open in a new tab
              </a>
            )}
            <a className="btn btn-secondary" href={links.data.download} download={file.name} rel="noopener">
              Download
            </a>
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <Button onClick={onClose}>Close</Button>
      </div>
    </dialog>
  );
}
