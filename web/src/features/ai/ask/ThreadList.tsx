import { useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError, errorMessage } from "../../../api/errors";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { toast } from "../../../components/toasts";
import { Button } from "../../../components/ui";
import { formatDateTime } from "../../../lib/format";
import { askKeys, useAskApi } from "./api";
import type { ThreadRead, ThreadsRead } from "./reads";
import { listWith, listWithout } from "./threadState";
import type { Thread } from "./types";

export const ASK_PATH = "/ask";
export const threadPath = (threadId: string) => `${ASK_PATH}/${encodeURIComponent(threadId)}`;
const TITLE_MAX = 80;

type ListData = InfiniteData<ThreadsRead, string | null>;

/** The person's threads, latest first: open one, rename it in place, delete it (after a confirmation). */
export function ThreadList({
  threads,
  activeId,
  hasMore,
  loadingMore,
  onLoadMore,
}: {
  threads: readonly Thread[];
  activeId: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}) {
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState<Thread | null>(null);
  const remove = useDelete(activeId, () => setDeleting(null));
  return (
    <nav className="ask-threads" aria-label="Threads">
      <div className="ask-threads-head">
        <h2>Threads</h2>
        <Button variant="primary" className="btn-small" onClick={() => void navigate(ASK_PATH)}>
          New thread
        </Button>
      </div>
      {threads.length === 0 ? (
        <p className="muted ask-threads-empty">No threads yet. Your questions and their answers are kept here.</p>
      ) : (
        <ul>
          {threads.map((thread) => (
            <ThreadItem key={thread.thread_id} thread={thread} active={thread.thread_id === activeId} onDelete={() => setDeleting(thread)} />
          ))}
        </ul>
      )}
      {hasMore && (
        <Button className="btn-small" busy={loadingMore} onClick={onLoadMore}>
          Show older threads
        </Button>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this thread?"
        confirmLabel="Delete thread"
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onCancel={() => setDeleting(null)}
      >
        “{deleting?.title}” and its questions and answers are deleted for good.
      </ConfirmDialog>
    </nav>
  );
}

function useDelete(activeId: string | null, done: () => void) {
  const api = useAskApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async (thread: Thread) => {
      try {
        await api.remove(thread.thread_id);
      } catch (error) {
        // Already gone (deleted in another tab): the list only has to catch up.
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
      return thread;
    },
    onSuccess: (thread) => {
      queryClient.setQueryData<ListData>(askKeys.list, (data) => listWithout(data, thread.thread_id));
      queryClient.removeQueries({ queryKey: askKeys.thread(thread.thread_id) });
      done();
      toast.success(`Deleted “${thread.title}”`);
      if (thread.thread_id === activeId) void navigate(ASK_PATH, { replace: true });
    },
  });
}

function ThreadItem({ thread, active, onDelete }: { thread: Thread; active: boolean; onDelete: () => void }) {
  const [editing, setEditing] = useState(false);
  return (
    <li className={`ask-thread-item${active ? " ask-thread-active" : ""}`}>
      {editing ? (
        <RenameForm thread={thread} onDone={() => setEditing(false)} />
      ) : (
        <>
          <Link to={threadPath(thread.thread_id)} aria-current={active ? "page" : undefined} className="ask-thread-link">
            <span className="ask-thread-title">{thread.title}</span>
            <span className="ask-thread-meta muted">
              {thread.pending_message_id ? "Answering…" : <time dateTime={thread.updated_at}>{formatDateTime(thread.updated_at)}</time>}
            </span>
          </Link>
          <div className="ask-thread-actions">
            <Button variant="ghost" className="btn-small" aria-label={`Rename ${thread.title}`} onClick={() => setEditing(true)}>
              Rename
            </Button>
            <Button variant="ghost" className="btn-small" aria-label={`Delete ${thread.title}`} onClick={onDelete}>
              Delete
            </Button>
          </div>
        </>
      )}
    </li>
  );
}

function RenameForm({ thread, onDone }: { thread: Thread; onDone: () => void }) {
  const api = useAskApi();
  const queryClient = useQueryClient();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState(thread.title);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    input.current?.select();
  }, []);
  const rename = useMutation({
    mutationFn: (text: string) => api.rename(thread.thread_id, text),
    meta: { inlineErrors: true },
    onSuccess: (renamed) => {
      queryClient.setQueryData<ListData>(askKeys.list, (data) => listWith(data, renamed));
      queryClient.setQueryData<ThreadRead>(askKeys.thread(renamed.thread_id), (read) =>
        read?.kind === "ready" ? { ...read, detail: { ...read.detail, thread: { ...read.detail.thread, title: renamed.title } } } : read,
      );
      onDone();
    },
    onError: (failure) => {
      if (failure instanceof ApiError && failure.status === 404) {
        void queryClient.invalidateQueries({ queryKey: askKeys.list });
        onDone();
        return;
      }
      setError(failure instanceof ApiError ? (failure.fields.title ?? errorMessage(failure)) : errorMessage(failure));
    },
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const text = title.trim();
    if (!text) return setError("Give the thread a name.");
    if (text.length > TITLE_MAX) return setError(`A name is at most ${TITLE_MAX} characters.`);
    if (text === thread.title) return onDone();
    rename.mutate(text);
  }
  return (
    <form className="ask-rename" onSubmit={onSubmit}>
      <label htmlFor={id}>Thread name</label>
      <input
        id={id}
        ref={input}
        value={title}
        onKeyDown={(event) => event.key === "Escape" && onDone()}
        onChange={(event) => {
          setError(null);
          setTitle(event.target.value);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div className="ask-rename-actions">
        <Button type="submit" variant="primary" className="btn-small" busy={rename.isPending}>
          Save
        </Button>
        <Button className="btn-small" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
