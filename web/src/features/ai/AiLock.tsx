import { useEffect, useRef } from "react";
import { Link } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { PlanLocked, useBillingPlans } from "../../components/PlanLocked";
import { aiAllowed, aiLockOf, AI_SETTINGS_PATH, type AiLock } from "./plan";
import "./ai.css";

/**
 * Whether this tenant's plan has AI (the profile's billing block) and the person may use it, and
 * when the plan has not, the plan that has it (GET /billing's plans, for those who may read billing).
 */
export function useAiPlan() {
  const { profile, grants, reloadProfile } = useAuth();
  const allowed = aiAllowed(profile?.billing);
  const plans = useBillingPlans(!allowed);
  return {
    allowed,
    /** The plan has AI and the role may use scores and summaries. */
    usable: allowed && grants.can(Permission.aiUse),
    lock: allowed ? null : aiLockOf(null, plans),
    plans,
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
  return (
    <PlanLocked feature="AI" lock={lock} compact={compact}>
      AI gives every lead its chance to win with the reasons in words, learned from your own won and lost leads, and writes a
      short brief of the lead so you know where it stands before you call.
    </PlanLocked>
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
