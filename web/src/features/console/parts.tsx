import type { ReactNode } from "react";
import { memberStatusLabel, tenantStatusLabel } from "./consoleModel";

export function TenantStatusBadge({ status }: { status: string }) {
  return <span className={`badge tenant-status tenant-status-${status}`}>{tenantStatusLabel(status)}</span>;
}

export function MemberStatusBadge({ status }: { status: string }) {
  return <span className={`badge member-status member-status-${status}`}>{memberStatusLabel(status)}</span>;
}

/** One label and value of a details list. */
export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="detail-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
