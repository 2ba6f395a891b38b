import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "../../../api/errors";
import { useAuth } from "../../../auth/AuthProvider";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { toast } from "../../../components/toasts";
import { Alert, Button, Card, EmptyState, PageHeader, Spinner, TextAreaField, TextField } from "../../../components/ui";
import { formatDate } from "../../../lib/format";
import { formatSize } from "../../media/upload";
import { useAffiliatesApi } from "./api";
import {
  ASSET_ACCEPT,
  ASSET_TEXT_MAX,
  ASSET_TITLE_MAX,
  ASSET_WORDS,
  assetFileProblem,
  assetKindLabel,
  mayManageAffiliates,
  READ_ONLY_NOTE,
} from "./affiliatesModel";
import { affiliateKeys } from "./queries";
import type { PartnerAsset } from "./types";
import { uploadAsset } from "./upload";

/** /platform/affiliate-assets: what partners find in their portal to promote Convertly: copy to paste, images and PDFs. */
export function AssetsPage() {
  const manage = mayManageAffiliates(useAuth().grants);
  return (
    <>
      <PageHeader title="Partner assets" subtitle="Copy, images and PDFs partners use to promote Convertly, from their portal" />
      {manage ? (
        <div className="aff-add">
          <AddCopyCard />
          <UploadCard />
        </div>
      ) : (
        <p className="muted console-note">{READ_ONLY_NOTE}</p>
      )}
      <AssetList manage={manage} />
    </>
  );
}

function useAssetsChanged() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: affiliateKeys.assets });
}

function titleProblem(title: string): string | undefined {
  return title.trim() ? undefined : "A title partners recognise it by";
}

function AddCopyCard() {
  const api = useAffiliatesApi();
  const changed = useAssetsChanged();
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [problems, setProblems] = useState<{ title?: string; text?: string; other?: string }>({});
  const add = useMutation({
    mutationFn: () => api.addAsset({ kind: "copy", title: title.trim(), text: text.trim() }),
    meta: { inlineErrors: true },
    onSuccess: (added) => {
      toast.success(`“${added.asset.title}” is added`);
      setTitle("");
      setText("");
      changed();
    },
    onError: (error) => {
      const fields = error instanceof ApiError ? error.fields : {};
      setProblems({ title: fields.title, text: fields.text, other: fields.title || fields.text ? undefined : errorMessage(error) });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const found = { title: titleProblem(title), text: text.trim() ? undefined : "The text partners copy" };
    setProblems(found);
    if (!found.title && !found.text) add.mutate();
  }
  return (
    <Card title="Add copy">
      <form className="console-form" aria-label="Add copy" noValidate onSubmit={submit}>
        <TextField label="Title" value={title} maxLength={ASSET_TITLE_MAX} error={problems.title} onChange={(event) => setTitle(event.target.value)} />
        <TextAreaField
          label="Text"
          value={text}
          rows={5}
          maxLength={ASSET_TEXT_MAX}
          error={problems.text}
          hint="An email, a post or a blurb partners paste as it is"
          onChange={(event) => setText(event.target.value)}
        />
        {problems.other && <Alert>{problems.other}</Alert>}
        <div>
          <Button type="submit" variant="primary" busy={add.isPending}>
            Add copy
          </Button>
        </div>
      </form>
    </Card>
  );
}

function UploadCard() {
  const api = useAffiliatesApi();
  const changed = useAssetsChanged();
  const inputId = useId();
  const [title, setTitle] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [problems, setProblems] = useState<{ title?: string; file?: string; other?: string }>({});
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadAsset(api, title.trim(), chosen),
    meta: { inlineErrors: true },
    onSuccess: (added) => {
      toast.success(`“${added.title}” is uploaded`);
      setTitle("");
      setFile(null);
      setInputKey((key) => key + 1);
      changed();
    },
    onError: (error) => {
      setProblems({ other: errorMessage(error) });
      changed();
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const found = { title: titleProblem(title), file: file ? (assetFileProblem(file) ?? undefined) : "Choose the file" };
    setProblems(found);
    if (!found.title && !found.file && file) upload.mutate(file);
  }
  return (
    <Card title="Upload a file">
      <form className="console-form" aria-label="Upload a file" noValidate onSubmit={submit}>
        <TextField label="File title" value={title} maxLength={ASSET_TITLE_MAX} error={problems.title} onChange={(event) => setTitle(event.target.value)} />
        <div className={`field ${problems.file ? "field-invalid" : ""}`}>
          <label htmlFor={inputId}>File</label>
          <input
            key={inputKey}
            id={inputId}
            type="file"
            accept={ASSET_ACCEPT}
            aria-invalid={problems.file ? true : undefined}
            aria-describedby={`${inputId}-note`}
            disabled={upload.isPending}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
          <p className={problems.file ? "field-error" : "field-hint"} id={`${inputId}-note`}>
            {problems.file ?? ASSET_WORDS}
          </p>
        </div>
        {problems.other && <Alert>{problems.other}</Alert>}
        <div>
          <Button type="submit" variant="primary" busy={upload.isPending}>
            Upload file
          </Button>
        </div>
      </form>
    </Card>
  );
}

function AssetList({ manage }: { manage: boolean }) {
  const api = useAffiliatesApi();
  const assets = useQuery({ queryKey: affiliateKeys.assets, queryFn: api.assets });
  const [deleting, setDeleting] = useState<PartnerAsset | null>(null);
  let body;
  if (assets.isPending) body = <Spinner label="Loading the assets" />;
  else if (assets.isError) {
    body = (
      <Alert title="The assets could not be loaded" actions={<Button onClick={() => void assets.refetch()}>Try again</Button>}>
        {errorMessage(assets.error)}
      </Alert>
    );
  } else if (assets.data.length === 0) body = <EmptyState title="No assets yet" />;
  else {
    body = (
      <div className="table-scroll">
        <table className="table console-table">
          <caption className="visually-hidden">Partner assets, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Asset</th>
              <th scope="col">Kind</th>
              <th scope="col">Added</th>
              {manage && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {assets.data.map((asset) => (
              <AssetRow key={asset.asset_id} asset={asset} onDelete={manage ? setDeleting : undefined} />
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <Card title="Assets">
      {body}
      {deleting && <DeleteDialog asset={deleting} onClose={() => setDeleting(null)} />}
    </Card>
  );
}

function AssetRow({ asset, onDelete }: { asset: PartnerAsset; onDelete?: (asset: PartnerAsset) => void }) {
  return (
    <tr>
      <td>
        <span className="lead-name">{asset.title}</span>
        {asset.kind === "copy" && asset.text && <p className="aff-text">{asset.text}</p>}
        {asset.kind === "file" &&
          (asset.download_url ? (
            <a className="block" href={asset.download_url} target="_blank" rel="noreferrer">
              Open the file{asset.size ? ` (${formatSize(asset.size)})` : ""}
            </a>
          ) : (
            <span className="block muted">Its upload did not finish: partners do not see it</span>
          ))}
      </td>
      <td>{assetKindLabel(asset)}</td>
      <td className="nowrap">{formatDate(asset.created_at)}</td>
      {onDelete && (
        <td>
          <Button variant="ghost" className="btn-small" aria-label={`Delete ${asset.title}`} onClick={() => onDelete(asset)}>
            Delete
          </Button>
        </td>
      )}
    </tr>
  );
}

function DeleteDialog({ asset, onClose }: { asset: PartnerAsset; onClose: () => void }) {
  const api = useAffiliatesApi();
  const changed = useAssetsChanged();
  const [problem, setProblem] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: () => api.deleteAsset(asset.asset_id),
    meta: { inlineErrors: true },
    onSuccess: () => {
      toast.success(`“${asset.title}” is deleted`);
      changed();
      onClose();
    },
    onError: (error) => {
      setProblem(errorMessage(error));
      changed();
    },
  });
  return (
    <ConfirmDialog
      open
      title={`Delete “${asset.title}”`}
      confirmLabel="Delete asset"
      busy={remove.isPending}
      onConfirm={() => remove.mutate()}
      onCancel={() => !remove.isPending && onClose()}
    >
      <p>Partners no longer find it in their portal{asset.kind === "file" ? ", and its file is deleted" : ""}.</p>
      {problem && <Alert>{problem}</Alert>}
    </ConfirmDialog>
  );
}
