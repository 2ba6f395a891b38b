import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type DragEvent } from "react";
import { useNavigate } from "react-router";
import { errorMessage } from "../../api/errors";
import { Alert, Spinner } from "../../components/ui";
import { useImportsApi } from "./api";
import { importPath } from "./paths";
import { PreviewTable } from "./PreviewTable";
import { previewFile, type FilePreview } from "./preview";
import { ProgressBar } from "./ProgressBar";
import { importKeys, useImport } from "./queries";
import { stepOf } from "./status";
import type { Import, ImportCreated } from "./types";
import { ACCEPT_ATTRIBUTE, fileProblem, formatBytes, isExcel, uploadFile } from "./upload";

type Phase = { kind: "choose" } | { kind: "uploading"; percent: number } | { kind: "checking"; importId: string };

type Preview = { kind: "none" } | { kind: "excel" } | { kind: "rows"; preview: FilePreview } | { kind: "unreadable" };

function withoutUpload(created: ImportCreated): Import {
  const { upload: _upload, ...item } = created;
  return item;
}

/**
 * Step 1: choose a file (input or drag and drop). The browser refuses what the API would, previews a
 * CSV's first rows, creates the import, uploads the file to S3 with its progress, then waits while the
 * server checks it and opens the import's page.
 */
export function FileStep() {
  const api = useImportsApi();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ kind: "choose" });
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview>({ kind: "none" });
  const [error, setError] = useState<string | null>(null);
  const upload = useRef<AbortController | null>(null);

  // Leaving the page stops an upload under way.
  useEffect(() => () => upload.current?.abort(), []);

  async function choose(chosen: File) {
    const problem = fileProblem(chosen);
    setError(problem);
    if (problem) return;
    setFile(chosen);
    showPreview(chosen, setPreview);
    setPhase({ kind: "uploading", percent: 0 });
    let created: ImportCreated;
    try {
      created = await api.create({ file_name: chosen.name, size_bytes: chosen.size });
    } catch (failure) {
      setError(errorMessage(failure));
      setPhase({ kind: "choose" });
      return;
    }
    queryClient.setQueryData(importKeys.one(created.import_id), withoutUpload(created));
    const controller = new AbortController();
    upload.current = controller;
    try {
      await uploadFile(created.upload, chosen, (percent) => setPhase({ kind: "uploading", percent }), controller.signal);
    } catch (failure) {
      if (controller.signal.aborted) return;
      setError(errorMessage(failure));
      setPhase({ kind: "choose" });
      // The import would wait for its file forever: it is cancelled, so the list shows what happened.
      void api.cancel(created.import_id).catch(() => undefined);
      return;
    }
    void queryClient.invalidateQueries({ queryKey: importKeys.all });
    setPhase({ kind: "checking", importId: created.import_id });
  }

  const busy = phase.kind !== "choose";
  return (
    <>
      <DropZone disabled={busy} onFile={(chosen) => void choose(chosen)} />
      {error && (
        <Alert title="This file cannot be imported">
          <span data-testid="file-error">{error}</span>
        </Alert>
      )}
      {file && !error && (
        <section className="import-chosen" aria-label="The chosen file">
          <p>
            <strong>{file.name}</strong> <span className="muted">· {formatBytes(file.size)}</span>
          </p>
          {phase.kind === "uploading" && (
            <ProgressBar label="Upload" value={phase.percent} max={100} text={`Uploading: ${phase.percent}%`} testId="upload-progress" />
          )}
          {phase.kind === "checking" && <CheckingWatcher importId={phase.importId} />}
          <FilePreviewView preview={preview} fileName={file.name} />
        </section>
      )}
    </>
  );
}

function showPreview(file: File, setPreview: (preview: Preview) => void) {
  if (isExcel(file.name)) {
    setPreview({ kind: "excel" });
    return;
  }
  setPreview({ kind: "none" });
  previewFile(file).then(
    (preview) => setPreview({ kind: "rows", preview }),
    () => setPreview({ kind: "unreadable" }),
  );
}

/** Reads the import every second while the server checks the file, then opens its page. */
function CheckingWatcher({ importId }: { importId: string }) {
  const navigate = useNavigate();
  const query = useImport(importId);
  const status = query.data?.status;
  const checked = status !== undefined && stepOf(status) !== "checking";
  useEffect(() => {
    if (checked) navigate(importPath(importId), { replace: true });
  }, [checked, importId, navigate]);
  if (query.isError && !query.data) {
    return <Alert title="The import could not be read">{errorMessage(query.error)}</Alert>;
  }
  return <Spinner label="Uploaded. Checking the file" />;
}

function DropZone({ disabled, onFile }: { disabled: boolean; onFile: (file: File) => void }) {
  const id = useId();
  const [over, setOver] = useState(false);
  function drop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped && !disabled) onFile(dropped);
  }
  return (
    <div
      className={`import-drop ${over ? "import-drop-over" : ""}`}
      data-testid="import-drop"
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <p className="import-drop-title">Drag a file here, or choose it</p>
      <label htmlFor={id} className="visually-hidden">
        Spreadsheet to import
      </label>
      <input
        id={id}
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        data-testid="import-file-input"
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          event.target.value = ""; // choosing the same file again after a refusal reads it again
          if (chosen) onFile(chosen);
        }}
      />
      <p className="field-hint" id={`${id}-hint`}>
        A CSV file (.csv, .txt, .tsv) or an Excel workbook (.xlsx), up to 50 MB, with the column names in the first row.
      </p>
    </div>
  );
}

function FilePreviewView({ preview, fileName }: { preview: Preview; fileName: string }) {
  if (preview.kind === "excel") return <p className="muted import-preview-note">Excel preview appears once the file is checked.</p>;
  if (preview.kind === "unreadable") return <p className="muted import-preview-note">The browser cannot preview this file; the server checks it all the same.</p>;
  if (preview.kind === "none") return null;
  return <PreviewTable header={preview.preview.header} rows={preview.preview.rows} caption={`The first rows of ${fileName}, as your browser reads them`} />;
}
