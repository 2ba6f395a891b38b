import type { CaptureForm } from "./types";
import "./forms.css";

export function StatusBadge({ status }: { status: CaptureForm["status"] }) {
  return <span className={`badge form-status form-status-${status}`}>{status === "published" ? "Published" : "Draft"}</span>;
}
