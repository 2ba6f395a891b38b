import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef } from "react";
import { Link } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { useBillingApi } from "../billing/api";
import { BILLING_KEY } from "../billing/BillingPage";
import { aiAllowed, aiLockOf, AI_SETTINGS_PATH, type AiLock } from "./plan";
import "./ai.css";

/**
 * Whether this tenant's plan has AI (the profile's billing block) and the person may use it, and
 * when the plan has not, the plan that has it (GET /billing's plans, for those who may read billing).
 */
export function useAiPlan() {
  const { profile, grants, reloadProfile } = useAuth();
  const allowed = aiAllowed(profile?.billing);
  const billingApi = useBillingApi();
  const billing = useQuery({
    queryKey: BILLING_KEY,
    queryFn: billingApi.billing,
    enabled: !allowed && grants.can(Permission.billingRead),
    staleTime: 60_000,
  });
  return {
    allowed,
    /** The plan has AI and the role may use scores and summaries. */
    usable: allowed && grants.can(Permission.aiUse),
    lock: allowed ? null : aiLockOf(null, billing.data?.plans),
    plans: billing.data?.plans,
    reloadProfile,
  };
}

/**
 * A request refused for the plan (402) while the profile said the plan has AI: the plan changed since
 * the profile was read, so it is read again (once), and the lock the refusal describes shows meanwhile.
 */
export function RefusedLock({ error, compact = false }: { error: unknown; compact?: boolean }) {
  const { plans, reloadProfile } = useAiPlan();
  const reloaded = useRef(false);
  useEffect(() => {
    if (reloaded.current) return;
    reloaded.current = true;
    reloadProfile();
  }, [reloadProfile]);
  return <AiLocked lock={aiLockOf(error, plans)} compact={compact} />;
}

/** AI on a plan without it: what it does, and the way to the plan that has it. `compact` for a side card. */
export function AiLocked({ lock, compact = false }: { lock: AiLock; compact?: boolean }) {
  const { grants, profile } = useAuth();
  const id = useId();
  const current = profile?.billing?.plan_name;
  const heading = lock.planName ? `AI is part of the ${lock.planName} plan` : `AI is not part of your ${current ? `${current} ` : ""}plan`;
  const canUpgrade = grants.can(Permission.billingManage);
  const Heading = compact ? "h3" : "h2";
  return (
    <section className={`${compact ? "" : "card "}ai-locked`} aria-labelledby={id}>
      <Heading id={id}>{heading}</Heading>
      <p>
        AI gives every lead its chance to win with the reasons in words, learned from your own won and lost leads, and writes a
        short brief of the lead so you know where it stands before you call.
      </p>
      {lock.message && <p className="muted">{lock.message}</p>}
      <div className="ai-locked-actions">
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

/** AI turned off by an Admin: said so, with the way to Settings > AI for those who may turn it on. */
export function AiTurnedOff() {
  const { grants } = useAuth();
  return (
    <div className="ai-off" role="status">
      <p>AI is turned off for this workspace.</p>
      {grants.can(Permission.aiManage) ? (
        <Link to={AI_SETTINGS_PATH}>Turn it on in Settings &gt; AI</Link>
      ) : (
        <p className="muted">An Admin can turn it on in Settings &gt; AI.</p>
      )}
    </div>
  );
}
