import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Alert, Button, Spinner, TextField } from "../../components/ui";
import { useMediaApi } from "./api";
import { MediaDropZone } from "./MediaDropZone";
import { mediaKeys } from "./queries";
import type { MediaFile } from "./types";
import { formatSize, KIND_LABELS } from "./upload";
import "./media.css";

const SHOWN = 50;
const SEARCH_DELAY_MS = 300;

/**
 * Files chosen from the media library (the newest 50, or those a search finds), or uploaded right here
 * by whoever may add files; `room` is how many more may be chosen.
 */
export function MediaPicker({
  title,
  room,
  chosenIds,
  onPick,
  onClose,
}: {
  title: string;
  room: number;
  chosenIds: readonly string[];
  onPick: (files: MediaFile[]) => void;
  onClose: () => void;
}) {
  const api = useMediaApi();
  const queryClient = useQueryClient();
  const manage = useAuth().grants.can(Permission.mediaManage);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [picked, setPicked] = useState<MediaFile[]>([]);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const query = { q: q || undefined };
  const files = useQuery({ queryKey: mediaKeys.page(query, null, SHOWN), queryFn: ({ signal }) => api.files(query, null, SHOWN, signal) });
  const isPicked = (file: MediaFile) => picked.some((one) => one.media_id === file.media_id);
  const toggle = (file: MediaFile) => setPicked((current) => (isPicked(file) ? current.filter((one) => one.media_id !== file.media_id) : [...current, file]));
  const full = picked.length >= room;

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
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">
        {manage && (
          <MediaDropZone
            label="Files to upload and attach"
            onAdded={(file) => {
              void queryClient.invalidateQueries({ queryKey: mediaKeys.all });
              setPicked((current) => (current.length < room ? [...current, file] : current));
            }}
          />
        )}
        <TextField label="Search the library" type="search" value={text} maxLength={100} onChange={(event) => setText(event.target.value)} />
        {files.isPending && <Spinner label="Loading the media library" />}
        {files.isError && <Alert>{errorMessage(files.error)}</Alert>}
        {files.data && files.data.items.length === 0 && <p className="muted">{q ? "No file matches." : "The media library has no files yet."}</p>}
        {files.data && files.data.items.length > 0 && (
          <ul className="media-picker-list" aria-label="Files of the media library">
            {files.data.items.map((file) => {
              const attached = chosenIds.includes(file.media_id);
              return (
                <li key={file.media_id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={attached || isPicked(file)}
                      disabled={attached || (full && !isPicked(file))}
                      onChange={() => toggle(file)}
                    />
                    <span className="media-name">{file.name}</span>
                    <span className="muted">
                      {KIND_LABELS[file.kind]} · {formatSize(file.size_bytes)}
                      {attached ? " · attached" : ""}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
        {full && <p className="muted">An email template attaches at most 5 files.</p>}
      </div>
      <div className="dialog-actions">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="primary" disabled={picked.length === 0} onClick={() => onPick(picked)}>
          {picked.length > 1 ? `Attach ${picked.length} files` : "Attach"}
        </Button>
      </div>
    </dialog>
  );
}
