import type { FollowUpType } from "../types";
import { typeLabel } from "./model";

const PATHS: Record<FollowUpType, string> = {
  call: "M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a1 1 0 0 1-1 1A16 16 0 0 1 4 5a1 1 0 0 1 1-1z",
  email: "M4 6h16v12H4zM4 7l8 6 8-6",
  sms: "M4 5h16v11H9l-5 4zM8 10h8M8 13h5",
  meeting: "M5 6h14v14H5zM5 10h14M9 4v4M15 4v4",
};

/** The follow-up's type as an icon and its name. */
export function TypeBadge({ type }: { type: FollowUpType }) {
  return (
    <span className={`type-badge type-${type}`}>
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
        <path d={PATHS[type]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {typeLabel(type)}
    </span>
  );
}
