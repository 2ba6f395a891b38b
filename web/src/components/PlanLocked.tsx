import { useQuery } from "@tanstack/react-query";
import { useId, type ReactNode } from "react";
import { Link } from "react-router";
import { useAuth } from "../auth/AuthProvider";
import { Permission } from "../auth/permissions";
import { useBillingApi } from "../features/billing/api";
import { BILLING_KEY } from "../features/billing/BillingPage";
import "./planLocked.css";

/** What a plan feature's lock shows: the plan that has it, where to upgrade, the API's own words. */
export interface PlanLock {
  /** The plan that has the feature ("Professional"); null when it is not known. */
  planName: string | null;
  upgradePath: string;
  /** The API's message, when a request was refused. */
  message: string | null;
}

/**
 * GET /billing's plans, read only when the plan lacks a feature and the person may read billing: a
 * lock then names the plan that has it.
 */
export function useBillingPlans(needed: boolean) {
  const { grants } = useAuth();
  const billingApi = useBillingApi();
  const billing = useQuery({
    queryKey: BILLING_KEY,
    queryFn: billingApi.billing,
    enabled: needed && grants.can(Permission.billingRead),
    staleTime: 60_000,
  });
  return billing.data?.plans;
}

/**
 * A plan feature on a plan without it: `feature` ("AI", "Automation"), what it does (`children`), and
 * the way to the plan that has it. `compact` for a side card (a smaller heading, no card frame).
 */
export function PlanLocked({
  feature,
  lock,
  compact = false,
  children,
}: {
  feature: string;
  lock: PlanLock;
  compact?: boolean;
  children: ReactNode;
}) {
  const { grants, profile } = useAuth();
  const id = useId();
  const current = profile?.billing?.plan_name;
  const heading = lock.planName
    ? `${feature} is part of the ${lock.planName} plan`
    : `${feature} is not part of your ${current ? `${current} ` : ""}plan`;
  const canUpgrade = grants.can(Permission.billingManage);
  const Heading = compact ? "h3" : "h2";
  return (
    <section className={`${compact ? "" : "card "}plan-locked`} aria-labelledby={id}>
      <Heading id={id}>{heading}</Heading>
      <p>{children}</p>
      {lock.message && <p className="muted">{lock.message}</p>}
      <div className="plan-locked-actions">
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
