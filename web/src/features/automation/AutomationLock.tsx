import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { useBillingApi } from "../billing/api";
import { BILLING_KEY } from "../billing/BillingPage";
import { BILLING_PATH } from "../billing/planLimit";
import { automationAllowed, isFeatureLock, lockOf, planWithAutomation, type AutomationLock } from "./plan";
import "./automation.css";

/**
 * Whether this tenant's plan has automation (the profile's billing block), and when it has not, the
 * plan that has it (GET /billing's plans, for those who may read billing). `refused` takes a 402 the
 * API answered: the profile is read again, since the plan changed since it was.
 */
export function useAutomationPlan() {
  const { profile, grants, reloadProfile } = useAuth();
  const allowed = automationAllowed(profile?.billing);
  const billingApi = useBillingApi();
  const billing = useQuery({
    queryKey: BILLING_KEY,
    queryFn: billingApi.billing,
    enabled: !allowed && grants.can(Permission.billingRead),
    staleTime: 60_000,
  });
  const lock: AutomationLock | null = allowed
    ? null
    : { planName: planWithAutomation(billing.data?.plans), upgradePath: BILLING_PATH, message: null };
  return {
    allowed,
    lock,
    /** The lock a refused request describes, or null for any other error. */
    refused(error: unknown): AutomationLock | null {
      if (!isFeatureLock(error)) return null;
      reloadProfile();
      return lockOf(error, billing.data?.plans);
    },
  };
}

/** Automation on a plan without it: what it does, and the way to the plan that has it. */
export function AutomationLocked({ lock }: { lock: AutomationLock }) {
  const { grants, profile } = useAuth();
  const id = useId();
  const current = profile?.billing?.plan_name;
  const heading = lock.planName
    ? `Automation is part of the ${lock.planName} plan`
    : `Automation is not part of your ${current ? `${current} ` : ""}plan`;
  const canUpgrade = grants.can(Permission.billingManage);
  return (
    <section className="card automation-locked" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <p>
        Workflows act on your leads and contacts by themselves: they email a new lead, give it an owner, create the tasks to
        call it, wait, and move it along your pipeline, so no lead waits for someone to remember it.
      </p>
      {lock.message && <p className="muted">{lock.message}</p>}
      <div className="automation-locked-actions">
        {grants.can(Permission.billingRead) && (
          <Link className={`btn ${canUpgrade ? "btn-primary" : "btn-secondary"}`} to={lock.upgradePath}>
            {canUpgrade && lock.planName ? `Upgrade to ${lock.planName}` : "See the plans"}
          </Link>
        )}
        {!canUpgrade && <span className="muted">Ask an Admin of your workspace to upgrade the plan.</span>}
      </div>
    </section>
  );
}
