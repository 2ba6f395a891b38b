import { useId, useState, type DragEvent } from "react";
import { errorMessage } from "../../api/errors";
import { Alert } from "../../components/ui";
import { useMediaApi } from "./api";
import type { MediaFile } from "./types";
import { ACCEPT_ATTRIBUTE, ACCEPTED_WORDS, fileProblem, uploadToLibrary } from "./upload";
import "./media.css";

type Progress = { name: string; percent: number } | null;

/**
 * Files into the media library: dropped here or picked, one after the other. The browser refuses what
 * the API would; each goes straight to S3 with its presigned form, then is added to the library.
 */
export function MediaDropZone({ onAdded, label = "Files to add to the media library" }: { onAdded: (file: MediaFile) => void; label?: string }) {
  const api = useMediaApi();
  const id = useId();
  const [over, setOver] = useState(false);
  const [progress, setProgress] = useState<Progress>(null);
  const [problems, setProblems] = useState<string[]>([]);

  async function add(chosen: File[]) {
    const found: string[] = [];
    for (const file of chosen) {
      const problem = fileProblem(file);
      if (problem) {
        found.push(problem);
        continue;
      }
      setProgress({ name: file.name, percent: 0 });
      try {
        onAdded(await uploadToLibrary(api, file, (percent) => setProgress({ name: file.name, percent })));
      } catch (failure) {
        found.push(`“${file.name}” was not added: ${errorMessage(failure)}`);
      }
    }
    setProgress(null);
    setProblems(found);
  }

  function drop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setOver(false);
    if (!progress) void add([...event.dataTransfer.files]);
  }

  return (
    <div
      className={`media-drop ${over ? "media-drop-over" : ""}`}
      data-testid="media-drop"
      onDragOver={(event) => {
        event.preventDefault();
        if (!progress) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <p className="media-drop-title">Drag files here, or choose them</p>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        disabled={progress !== null}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          const chosen = [...(event.target.files ?? [])];
          event.target.value = ""; // choosing the same file again reads it again
          void add(chosen);
        }}
      />
      <p className="field-hint" id={`${id}-hint`}>
        {ACCEPTED_WORDS}
      </p>
      {progress && (
        <p role="status" className="muted">
          Uploading {progress.name}: {progress.percent}%
        </p>
      )}
      {problems.length > 0 && (
        <Alert title="Some files were not added">
          <ul className="media-uploads">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}
