import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "../../api/errors";
import { useAuth, useProfile } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, TextAreaField } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useLeadsApi } from "./api";
import { leadKeys } from "./queries";
import type { LeadDetail, Note } from "./types";

export function LeadNotes({ lead }: { lead: LeadDetail }) {
  const api = useLeadsApi();
  const queryClient = useQueryClient();
  const { grants } = useAuth();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const canWrite = grants.can(Permission.notesWrite) && !lead.deleted_at;
  const add = useMutation({
    mutationFn: (text: string) => api.addNote(lead.lead_id, text),
    meta: { inlineErrors: true },
    onSuccess: () => {
      setBody("");
      toast.success("Note added");
      return queryClient.invalidateQueries({ queryKey: leadKeys.lead(lead.lead_id) });
    },
    onError: (failure) => setError(failure instanceof ApiError && failure.fields.body ? failure.fields.body : errorMessage(failure)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!body.trim()) {
      setError("Write something first");
      return;
    }
    add.mutate(body.trim());
  }

  return (
    <Card title="Notes">
      {canWrite && (
        <form onSubmit={submit} className="note-form" noValidate>
          <TextAreaField
            label="New note"
            rows={3}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            error={error ?? undefined}
            placeholder="Call summary, next steps, anything the team should know"
          />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={add.isPending}>
              Add note
            </Button>
          </div>
        </form>
      )}
      {lead.notes.length === 0 ? (
        <p className="muted">No notes yet.</p>
      ) : (
        <ul className="notes" aria-label="Notes">
          {lead.notes.map((note) => (
            <NoteItem key={note.note_id} note={note} lead={lead} canWrite={canWrite} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function NoteItem({ note, lead, canWrite }: { note: Note; lead: LeadDetail; canWrite: boolean }) {
  const api = useLeadsApi();
  const queryClient = useQueryClient();
  const profile = useProfile();
  const { grants } = useAuth();
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(note.body);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const mayEdit = canWrite && (note.author_id === profile.user.user_id || grants.can(Permission.leadsReadAll));
  const reload = () => queryClient.invalidateQueries({ queryKey: leadKeys.lead(lead.lead_id) });
  const save = useMutation({
    mutationFn: () => api.updateNote(lead.lead_id, note.note_id, body.trim(), note.version),
    meta: { inlineErrors: true },
    onSuccess: async () => {
      toast.success("Note saved");
      await reload();
      setEditing(false);
    },
    onError: (failure) => setError(failure),
  });
  const conflict = error instanceof ApiError && error.isConflict;

  return (
    <li className="note">
      <div className="note-meta">
        <strong>{note.author_name}</strong>
        <time dateTime={note.created_at}>{formatDateTime(note.created_at)}</time>
        {note.updated_at !== note.created_at && <span className="muted">(edited)</span>}
      </div>
      {editing ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setError(null);
            save.mutate();
          }}
        >
          {conflict && (
            <Alert
              tone="warning"
              title="Someone else changed this note: reload"
              actions={
                <Button
                  onClick={async () => {
                    await reload();
                    setEditing(false);
                    setError(null);
                  }}
                >
                  Reload
                </Button>
              }
            />
          )}
          <TextAreaField
            label="Edit note"
            rows={3}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            error={!conflict && error ? ((error instanceof ApiError && error.fields.body) || errorMessage(error)) : undefined}
          />
          <div className="form-actions">
            <Button
              onClick={() => {
                setEditing(false);
                setBody(note.body);
                setError(null);
              }}
            >
              Cancel
            </Button>
            <Button type="submit" variant="primary" busy={save.isPending}>
              Save note
            </Button>
          </div>
        </form>
      ) : (
        <>
          <p className="note-body">{note.body}</p>
          {mayEdit && (
            <Button
              variant="ghost"
              className="btn-small"
              aria-label="Edit this note"
              onClick={() => {
                setBody(note.body);
                setEditing(true);
              }}
            >
              Edit
            </Button>
          )}
        </>
      )}
    </li>
  );
}
