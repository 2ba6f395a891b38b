import { useState } from "react";
import { Link, useLocation } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { bannerView } from "./billingModel";
import { BILLING_PATH } from "./planLimit";
import "./billing.css";

const DISMISSED_KEY = "convertly.billing-banner.dismissed";

function readDismissed(): Set<string> {
  try {
    const raw = window.sessionStorage.getItem(DISMISSED_KEY);
    const keys: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(keys) ? keys.filter((key): key is string => typeof key === "string") : []);
  } catch {
    return new Set();
  }
}

function saveDismissed(keys: Set<string>): void {
  try {
    window.sessionStorage.setItem(DISMISSED_KEY, JSON.stringify([...keys]));
  } catch {
    // Private windows may refuse storage: the banner then comes back on the next page load.
  }
}

/** Across the top of every signed-in page while billing needs attention (GET /me's billing banner). */
export function PlanBanner() {
  const { profile, grants } = useAuth();
  const location = useLocation();
  const [dismissed, setDismissed] = useState(readDismissed);
  const view = bannerView(profile?.billing, {
    canManage: grants.can(Permission.billingManage),
    onBillingPage: location.pathname.replace(/\/+$/, "") === BILLING_PATH,
    dismissed,
  });
  if (!view) return null;

  function dismiss(key: string) {
    const next = new Set(dismissed).add(key);
    saveDismissed(next);
    setDismissed(next);
  }

  return (
    <section className={`plan-banner plan-banner-${view.tone}`} aria-label="Billing notice">
      <p className="plan-banner-text">
        <span>{view.message}</span>
        {view.note && <span className="plan-banner-note">{view.note}</span>}
      </p>
      <div className="plan-banner-actions">
        {view.action && (
          <Link className="btn btn-small btn-primary" to={view.action.to}>
            {view.action.label}
          </Link>
        )}
        {view.dismissible && (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            aria-label="Dismiss billing notice"
            onClick={() => dismiss(view.key)}
          >
            Dismiss
          </button>
        )}
      </div>
    </section>
  );
}
