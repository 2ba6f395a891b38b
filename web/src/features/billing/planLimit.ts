// A write refused for the plan's limit (402 plan_limit_reached): which limit, and where to upgrade.

import { ApiError } from "../../api/errors";
import type { ToastAction } from "../../components/toasts";

export const BILLING_PATH = "/billing";

export interface PlanLimit {
  /** The limit's name, as the API names it in `fields` and `details.limit` (`leads_per_month`, `users`). */
  limit: string;
  limitValue: number | null;
  used: number | null;
  plan: string | null;
  /** The plan that lifts the limit; null when the tenant is on the largest plan already. */
  upgradePlan: string | null;
  /** Where the web app upgrades (always one of its own paths). */
  upgradePath: string;
  message: string;
}

const LIMIT_LABELS: Record<string, string> = {
  leads_per_month: "New leads a month",
  users: "Users",
};

export function limitLabel(limit: string): string {
  const known = LIMIT_LABELS[limit];
  if (known) return known;
  const text = limit.replace(/_/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function text(value: unknown): string | null {
  return typeof value === "string" && value ? value : null;
}

function count(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Only a path of this app: an absolute URL or a protocol-relative one from a response is never followed. */
function ownPath(value: unknown): string {
  const path = text(value);
  return path && path.startsWith("/") && !path.startsWith("//") ? path : BILLING_PATH;
}

export function isPlanLimit(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 402 && error.code === "plan_limit_reached";
}

/** The limit a 402 `plan_limit_reached` names (from `details`, else its `fields`); null for any other error. */
export function planLimitOf(error: unknown): PlanLimit | null {
  if (!isPlanLimit(error)) return null;
  const details = error.details;
  return {
    limit: text(details.limit) ?? Object.keys(error.fields)[0] ?? "",
    limitValue: count(details.limit_value),
    used: count(details.used),
    plan: text(details.plan),
    upgradePlan: text(details.upgrade_plan),
    upgradePath: ownPath(details.upgrade_path),
    message: error.message,
  };
}

/** The "Upgrade" action of a limit's toast, for a user who may change the plan and when a larger plan exists. */
export function upgradeAction(
  error: unknown,
  canManageBilling: boolean,
  open: (path: string) => void,
): ToastAction | undefined {
  const limit = planLimitOf(error);
  if (!limit || !limit.upgradePlan || !canManageBilling) return undefined;
  return { label: "Upgrade", run: () => open(limit.upgradePath) };
}
