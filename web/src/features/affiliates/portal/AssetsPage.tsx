import { useQuery } from "@tanstack/react-query";
import { Card, EmptyState, PageHeader, Spinner } from "../../../components/ui";
import { usePortalApi } from "./api";
import { CopyButton, LoadError } from "./parts";
import { formatBytes } from "./portalModel";
import { portalKeys } from "./queries";
import type { PartnerAsset } from "./types";

function fileKind(contentType: string | null): string {
  if (!contentType) return "File";
  if (contentType === "application/pdf") return "PDF";
  if (contentType === "image/svg+xml") return "SVG image";
  if (contentType.startsWith("image/")) return `${contentType.slice(6).toUpperCase()} image`;
  return contentType;
}

/** /affiliate/assets: the program's ready-made copy (with Copy buttons) and files (logos, banners, guides) to download. */
export function AssetsPage() {
  const api = usePortalApi();
  const assets = useQuery({ queryKey: portalKeys.assets, queryFn: ({ signal }) => api.assets(signal) });
  const items = assets.data?.items ?? [];
  const copy = items.filter((asset) => asset.kind === "copy");
  const files = items.filter((asset) => asset.kind === "file" && asset.download_url);
  return (
    <>
      <PageHeader title="Marketing assets" subtitle="Ready-made copy and files for promoting Convertly. Add your referral link wherever you use them." />
      {assets.isPending && <Spinner label="Loading the marketing assets" />}
      {assets.isError && <LoadError what="The marketing assets" error={assets.error} retry={() => void assets.refetch()} />}
      {assets.data && copy.length === 0 && files.length === 0 && (
        <EmptyState title="No marketing assets yet">
          <p>The program team adds copy and files here; your referral link works on its own meanwhile.</p>
        </EmptyState>
      )}
      {copy.length > 0 && (
        <Card title="Copy">
          <ul className="asset-list">
            {copy.map((asset) => (
              <CopySnippet key={asset.asset_id} asset={asset} />
            ))}
          </ul>
        </Card>
      )}
      {files.length > 0 && (
        <Card title="Files">
          <ul className="asset-list">
            {files.map((asset) => (
              <li key={asset.asset_id} className="asset-file">
                <div>
                  <strong>{asset.title}</strong>
                  <div className="muted small">
                    {fileKind(asset.content_type)}
                    {asset.size ? ` · ${formatBytes(asset.size)}` : ""}
                  </div>
                </div>
                <a className="btn btn-secondary btn-small" href={asset.download_url ?? undefined} target="_blank" rel="noopener noreferrer" download>
                  Download<span className="visually-hidden"> {asset.title}</span>
                </a>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}

function CopySnippet({ asset }: { asset: PartnerAsset }) {
  const text = asset.text ?? "";
  return (
    <li className="asset-copy">
      <div className="row-between">
        <strong>{asset.title}</strong>
        <CopyButton text={text} name={`Copy ${asset.title}`} />
      </div>
      <blockquote className="asset-text">{text}</blockquote>
    </li>
  );
}
