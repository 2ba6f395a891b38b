// Starting and leaving a view in the browser. Each switch reloads the app at its landing page, so no
// answer read under one identity (the query cache, the profile) survives into the other.

import { BrowserSessionStore, setSessionFallback } from "../../api/client";
import {
  beginView,
  endMessage,
  landingFor,
  leaveNotice,
  readAside,
  restoreOwn,
  viewFallback,
  type KeyValueStorage,
  type ViewEnd,
} from "./viewSession";
import type { ViewAs } from "./types";

// The same session the app's client keeps (main.tsx makes its store with the same key).
const store = () => new BrowserSessionStore();
const storage = (): KeyValueStorage => window.sessionStorage;

/** Set while this tab exits a view itself: the fallback then leaves the navigation to the exit. */
let exiting = false;

/**
 * Start viewing as someone from the API's answer (POST /team/{user_id}/impersonate or POST
 * /platform/tenants/{tenant_id}/impersonate): the own session is set aside for this tab, the client
 * uses the view's token, and the app opens at the person's home page. `returnTo`: where exiting
 * returns (by default the tenant's console page for Convertly's support, else Settings > Team).
 */
export function startViewAs(view: ViewAs, returnTo?: string): void {
  beginView(store(), storage(), view, returnTo);
  window.location.assign(landingFor(view.impersonation.target_role));
}

function goBack(targetName: string, returnTo: string, how: ViewEnd): void {
  leaveNotice(storage(), endMessage(targetName, how));
  window.location.assign(returnTo);
}

/**
 * Exit the view: ended on the API (best effort: `endOnApi`), the own session back, and the app at the
 * page the view started from. Without an own session kept in this tab, exiting logs out.
 */
export async function exitViewAs(endOnApi: () => Promise<unknown>): Promise<void> {
  exiting = true;
  const aside = readAside(storage());
  try {
    await endOnApi();
  } catch {
    // Best effort: the view ends here whatever the API answered (its token expires on its own).
  }
  restoreOwn(store(), storage());
  if (aside) {
    goBack(aside.targetName, aside.returnTo, "exit");
  } else {
    store().set(null);
    window.location.assign("/login");
  }
}

/** The view's time is up (the banner's timer): back to the own session without asking the API. */
export function expireView(): void {
  if (exiting) return;
  const aside = restoreOwn(store(), storage());
  if (aside) goBack(aside.targetName, aside.returnTo, "expired");
}

/** A refused view gives the own session back to the client (api/client.ts asks this), then the app reloads. */
export function installViewFallback(): void {
  setSessionFallback(
    viewFallback(storage, (aside, cause) => {
      if (exiting) return;
      const how: ViewEnd = cause?.code === "impersonation_ended" && Date.parse(aside.expiresAt) <= Date.now() ? "expired" : "ended";
      // After the client has put the own session back (it does so as soon as this returns).
      setTimeout(() => goBack(aside.targetName, aside.returnTo, how), 0);
    }),
  );
}
