import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Pager } from "../../components/Pager";
import { toast } from "../../components/toasts";
import { Alert, Button, EmptyState, Spinner, TextField } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useCursorPages } from "../../lib/useCursorPages";
import { FormDialog } from "../work/followups/FormDialog";
import { useMediaApi } from "./api";
import { MediaDropZone } from "./MediaDropZone";
import { MediaPreview } from "./MediaPreview";
import { mediaKeys } from "./queries";
import type { MediaFile, MediaListQuery } from "./types";
import { formatSize, KIND_LABELS } from "./upload";
import "./media.css";

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;

/** Settings > Media: the library of files email templates attach; Admins and Managers upload, rename and delete. */
export function MediaPage() {
  const manage = useAuth().grants.can(Permission.mediaManage);
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <>
      <p className="settings-intro media-intro">
        The media library keeps the files your email templates attach: brochures, price lists, photos. Each file is at most 10 MB, and
        an email carries at most 10 MB of them.
      </p>
      {manage && (
        <MediaDropZone
          onAdded={(file) => {
            toast.success(`${file.name} added`);
            void queryClient.invalidateQueries({ queryKey: mediaKeys.all });
          }}
        />
      )}
      <form className="media-filters" role="search" aria-label="Find files" onSubmit={(event) => event.preventDefault()}>
        <TextField label="Search" type="search" placeholder="Part of a file's name" value={text} maxLength={100} onChange={(event) => setText(event.target.value)} />
      </form>
      <MediaList query={{ q: q || undefined }} manage={manage} />
    </>
  );
}

function MediaList({ query, manage }: { query: MediaListQuery; manage: boolean }) {
  const api = useMediaApi();
  const queryClient = useQueryClient();
  const pages = useCursorPages(query, (filters, cursor) => mediaKeys.page(filters, cursor, PAGE_SIZE), (filters, cursor, signal) => api.files(filters, cursor, PAGE_SIZE, signal));
  const [previewing, setPreviewing] = useState<MediaFile | null>(null);
  const [renaming, setRenaming] = useState<MediaFile | null>(null);
  const [deleting, setDeleting] = useState<MediaFile | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: mediaKeys.all });
  const remove = useMutation({
    mutationFn: (file: MediaFile) => api.remove(file.media_id).then(() => file),
    onSuccess: (file) => {
      setDeleting(null);
      toast.success(`${file.name} deleted`);
    },
    onSettled: refresh,
  });

  if (pages.query.isPending) return <Spinner label="Loading the media library" />;
  if (pages.query.isError) {
    return (
      <Alert title="The media library could not be loaded" actions={<Button onClick={() => void pages.query.refetch()}>Try again</Button>}>
        {errorMessage(pages.query.error)}
      </Alert>
    );
  }
  const files = pages.query.data.items;
  if (files.length === 0 && pages.page === 1) {
    return query.q ? (
      <EmptyState title="No file matches" />
    ) : (
      <EmptyState title="No files yet">{manage ? <p>Drag files above, or choose them.</p> : <p>An Admin or Manager can add them.</p>}</EmptyState>
    );
  }
  return (
    <>
      <div className="table-wrap">
        <table className="table media-table">
          <caption className="visually-hidden">Files, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Size</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {files.map((file) => (
              <tr key={file.media_id}>
                <td className="media-name">{file.name}</td>
                <td>
                  <span className="badge">{KIND_LABELS[file.kind]}</span>
                </td>
                <td className="nowrap">{formatSize(file.size_bytes)}</td>
                <td className="nowrap muted">
                  {formatDateTime(file.created_at)}
                  {file.created_by_name ? ` · ${file.created_by_name}` : ""}
                </td>
                <td>
                  <div className="cell-actions">
                    <Button className="btn-small" aria-label={`Preview ${file.name}`} onClick={() => setPreviewing(file)}>
                      Preview
                    </Button>
                    {manage && (
                      <>
                        <Button className="btn-small" aria-label={`Rename ${file.name}`} onClick={() => setRenaming(file)}>
                          Rename
                        </Button>
                        <Button
                          variant="ghost"
                          className="btn-small"
                          aria-label={`Delete ${file.name}`}
                          onClick={() => {
                            remove.reset();
                            setDeleting(file);
                          }}
                        >
                          Delete
                        </Button>
                      </>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        page={pages.page}
        hasPrevious={pages.hasPrevious}
        hasNext={pages.hasNext}
        onPrevious={pages.previous}
        onNext={pages.next}
        busy={pages.query.isFetching}
        count={files.length}
        noun={["file", "files"]}
      />
      {previewing && <MediaPreview file={previewing} onClose={() => setPreviewing(null)} />}
      {renaming && <RenameDialog file={renaming} onClose={() => setRenaming(null)} onRenamed={refresh} />}
      {deleting && (
        <ConfirmDialog
          open
          title={`Delete ${deleting.name}?`}
          confirmLabel="Delete file"
          busy={remove.isPending}
          onConfirm={() => remove.mutate(deleting)}
          onCancel={() => setDeleting(null)}
        >
          <p>It cannot be restored. A template that attaches it shows it as missing, and cannot be sent until the file is removed from it.</p>
          {remove.isError && <Alert>{errorMessage(remove.error)}</Alert>}
        </ConfirmDialog>
      )}
    </>
  );
}

function RenameDialog({ file, onClose, onRenamed }: { file: MediaFile; onClose: () => void; onRenamed: () => Promise<unknown> }) {
  const api = useMediaApi();
  const [name, setName] = useState(file.name);
  const [problem, setProblem] = useState<string | null>(null);
  const rename = useMutation({
    mutationFn: () => api.rename(file.media_id, name.trim()),
    meta: { inlineErrors: true },
    onSuccess: async (renamed) => {
      toast.success(`Renamed to ${renamed.name}`);
      onClose();
      await onRenamed();
    },
    onError: (error) => setProblem(errorMessage(error)),
  });
  return (
    <FormDialog
      open
      title={`Rename ${file.name}`}
      submitLabel="Rename"
      busy={rename.isPending}
      onSubmit={() => {
        if (!name.trim()) setProblem("Give the file a name");
        else rename.mutate();
      }}
      onCancel={onClose}
    >
      <TextField label="Name" value={name} maxLength={200} error={problem ?? undefined} hint="The file keeps its extension: mail apps open an attachment by it." onChange={(event) => setName(event.target.value)} />
    </FormDialog>
  );
}
