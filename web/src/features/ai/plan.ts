// AI is a plan feature, like automation: whether the tenant's plan has it (GET /me's billing block),
// which plan to upgrade to (GET /billing's plans), and the refusals that say AI is not available now
// (402 `plan_feature_required`, 409 `ai_disabled`).

import { ApiError } from "../../api/errors";
import { isFeatureLock, lockOf } from "../automation/plan";
import { sortPlans } from "../billing/billingModel";
import { BILLING_PATH } from "../billing/planLimit";
import type { BillingSummary, PlanView } from "../billing/types";
import type { PlanLock } from "../../components/PlanLocked";

export const AI_FEATURE = "ai";
export const AI_SETTINGS_PATH = "/settings/ai";

/** Whether the plan has AI. Without a billing block the API treats the tenant as on its trial plan, which has none. */
export function aiAllowed(billing: Pick<BillingSummary, "features"> | null | undefined): boolean {
  return Boolean(billing?.features.includes(AI_FEATURE));
}

/** What the lock on AI shows (components/PlanLocked). */
export type AiLock = PlanLock;

/** The cheapest plan that has AI, by its name. */
export function planWithAi(plans: readonly PlanView[] | undefined): string | null {
  return sortPlans(plans ?? []).find((plan) => plan.features.includes(AI_FEATURE))?.name ?? null;
}

/** The lock of a plan without AI: from a 402 the API answered, else from the plans. */
export function aiLockOf(error: unknown, plans: readonly PlanView[] | undefined): AiLock {
  if (isFeatureLock(error)) {
    const lock = lockOf(error, plans);
    return { ...lock, planName: error.details.upgrade_plan ? lock.planName : planWithAi(plans) };
  }
  return { planName: planWithAi(plans), upgradePath: BILLING_PATH, message: null };
}

/** What stands between the person and AI right now, read from a refusal; null for any other error. */
export type AiRefusal = { kind: "plan"; error: ApiError } | { kind: "off"; message: string };

export function aiRefusal(error: unknown): AiRefusal | null {
  if (isFeatureLock(error)) return { kind: "plan", error };
  if (error instanceof ApiError && error.status === 409 && error.code === "ai_disabled") {
    return { kind: "off", message: error.message };
  }
  return null;
}
