import { statusHint, statusLabel, statusTone } from "./labels";
import "./conversions.css";

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge conversion-status tone-${statusTone(status)}`} title={statusHint(status)}>
      {statusLabel(status)}
    </span>
  );
}

export function Hash({ value }: { value: string | null }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <span className="mono break" title={value}>
      {value}
    </span>
  );
}
