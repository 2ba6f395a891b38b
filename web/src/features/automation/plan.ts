// Automation is a plan feature: whether the tenant's plan has it (GET /me's billing block), which
// plan to upgrade to (GET /billing's plans), and a 402 that says the plan lacks it.

import { ApiError } from "../../api/errors";
import { sortPlans } from "../billing/billingModel";
import { BILLING_PATH } from "../billing/planLimit";
import type { BillingSummary, PlanView } from "../billing/types";
import type { PlanLock } from "../../components/PlanLocked";

export const AUTOMATION_FEATURE = "automation";

/**
 * Whether workflows can be created and published. Without a billing block the API treats the
 * tenant as on its trial plan, which has no automation.
 */
export function automationAllowed(billing: Pick<BillingSummary, "features"> | null | undefined): boolean {
  return Boolean(billing?.features.includes(AUTOMATION_FEATURE));
}

/** A create or publish refused because the plan has no automation (402 `plan_feature_required`). */
export function isFeatureLock(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 402 && error.code === "plan_feature_required";
}

/** What the lock on automation shows (components/PlanLocked). */
export type AutomationLock = PlanLock;

/** The cheapest plan that has automation, by its name. */
export function planWithAutomation(plans: readonly PlanView[] | undefined): string | null {
  return sortPlans(plans ?? []).find((plan) => plan.features.includes(AUTOMATION_FEATURE))?.name ?? null;
}

/** Only a path of this app: a path from a response is never followed elsewhere. */
function ownPath(value: unknown): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : BILLING_PATH;
}

function titled(planId: string): string {
  return planId.charAt(0).toUpperCase() + planId.slice(1);
}

/** The lock a 402 describes: its upgrade plan and path, and its message. */
export function lockOf(error: ApiError, plans: readonly PlanView[] | undefined): AutomationLock {
  const upgrade = typeof error.details.upgrade_plan === "string" ? error.details.upgrade_plan : null;
  const named = upgrade ? (plans?.find((plan) => plan.plan_id === upgrade)?.name ?? titled(upgrade)) : planWithAutomation(plans);
  return { planName: named, upgradePath: ownPath(error.details.upgrade_path), message: error.message };
}
