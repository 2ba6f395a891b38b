import { useAuth } from "../../auth/AuthProvider";
import { PlanLocked, useBillingPlans } from "../../components/PlanLocked";
import { BILLING_PATH } from "../billing/planLimit";
import { automationAllowed, isFeatureLock, lockOf, planWithAutomation, type AutomationLock } from "./plan";
import "./automation.css";

/**
 * Whether this tenant's plan has automation (the profile's billing block), and when it has not, the
 * plan that has it (GET /billing's plans, for those who may read billing). `refused` takes a 402 the
 * API answered: the profile is read again, since the plan changed since it was.
 */
export function useAutomationPlan() {
  const { profile, reloadProfile } = useAuth();
  const allowed = automationAllowed(profile?.billing);
  const plans = useBillingPlans(!allowed);
  const lock: AutomationLock | null = allowed
    ? null
    : { planName: planWithAutomation(plans), upgradePath: BILLING_PATH, message: null };
  return {
    allowed,
    lock,
    /** The lock a refused request describes, or null for any other error. */
    refused(error: unknown): AutomationLock | null {
      if (!isFeatureLock(error)) return null;
      reloadProfile();
      return lockOf(error, plans);
    },
  };
}

/** Automation on a plan without it: what it does, and the way to the plan that has it. */
export function AutomationLocked({ lock }: { lock: AutomationLock }) {
  return (
    <PlanLocked feature="Automation" lock={lock}>
      Workflows act on your leads and contacts by themselves: they email a new lead, give it an owner, create the tasks to call
      it, wait, and move it along your pipeline, so no lead waits for someone to remember it.
    </PlanLocked>
  );
}
