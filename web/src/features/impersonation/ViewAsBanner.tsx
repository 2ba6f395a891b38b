import { useEffect, useState } from "react";
import { BrowserSessionStore, observeApiErrors } from "../../api/client";
import { useAuth } from "../../auth/AuthProvider";
import { currentToasts, dismissToast, subscribeToasts, toast } from "../../components/toasts";
import { Button } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useImpersonationApi } from "./api";
import type { Impersonation } from "./types";
import { exitViewAs, expireView, installViewFallback } from "./viewAs";
import { bannerView, forgetStaleAside, msUntil, takeNotice, viewingErrorText, viewingToastFor } from "./viewSession";
import "./impersonation.css";

// From the app's start: a view refused on the first request after a reload goes back too.
installViewFallback();

/**
 * Across the top of every signed-in page while viewing as someone (GET /me's `impersonation`): whom,
 * read-only or not, until when, and the way out. Otherwise nothing, but the notice a view's end left.
 */
export function ViewAsBanner() {
  const { profile } = useAuth();
  const view = profile?.impersonation ?? null;
  const viewing = view !== null;

  useEffect(() => {
    const notice = takeNotice(window.sessionStorage);
    if (notice) toast.info(notice);
  }, []);
  useEffect(() => {
    forgetStaleAside(new BrowserSessionStore(), window.sessionStorage, viewing);
  }, [viewing]);

  return view ? <Banner view={view} /> : null;
}

function Banner({ view }: { view: Impersonation }) {
  const api = useImpersonationApi();
  const [leaving, setLeaving] = useState(false);
  const text = bannerView(view);
  useExpiry(view.expires_at);
  useClearerRefusals(view.target_name);

  return (
    <section className={`view-banner ${text.writes ? "view-banner-writes" : ""}`} aria-label="Viewing as someone">
      <p className="view-banner-text">
        <strong>{text.title}</strong>
        <span className="badge view-banner-mode">{text.mode}</span>
        <span className="view-banner-note">
          until {formatDateTime(view.expires_at)} · by {text.by}
        </span>
      </p>
      <Button
        variant="primary"
        className="btn-small"
        busy={leaving}
        onClick={() => {
          setLeaving(true);
          void exitViewAs(api.endView);
        }}
      >
        Exit view
      </Button>
    </section>
  );
}

/** When the view's 30 minutes are up, back to the own session (the API would refuse the token anyway). */
function useExpiry(expiresAt: string) {
  useEffect(() => {
    const wait = msUntil(expiresAt, Date.now());
    if (wait === null) return;
    const timer = window.setTimeout(expireView, wait + 500);
    return () => window.clearTimeout(timer);
  }, [expiresAt]);
}

/**
 * The API's refusals of a change while viewing ("read-only", "exit first"), as a toast naming the person
 * viewed, whichever page made the request; the app's own toast of the API's words gives way to it.
 */
function useClearerRefusals(targetName: string) {
  useEffect(() => {
    const stopObserving = observeApiErrors((error) => {
      const text = viewingErrorText(error, targetName);
      if (text) queueMicrotask(() => toast.error(text));
    });
    const unsubscribe = subscribeToasts(() => {
      for (const shown of currentToasts()) {
        if (!viewingToastFor(shown.message, targetName)) continue;
        queueMicrotask(() => dismissToast(shown.id));
      }
    });
    return () => {
      stopObserving();
      unsubscribe();
    };
  }, [targetName]);
}
