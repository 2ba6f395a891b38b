// Leaving a form with unsaved changes asks first: a link or Back inside the app opens a confirmation
// (react-router's blocker), a reload or closing the tab the browser's own question. A router keeps only
// the last blocker it was given, so an area with several forms on one page (Settings) wraps its pages
// in one UnsavedChangesScope, which asks for all of them: a form inside it only reports whether it is dirty.

import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode, type RefObject } from "react";
import { useBlocker, type BlockerFunction } from "react-router";
import { ConfirmDialog } from "../components/ConfirmDialog";

export const UNSAVED_CHANGES_MESSAGE = "Your changes are not saved: if you leave this page now, they are lost.";

/** A navigation leaves the page when it goes to another path: a new query string or hash stays on it. */
export function leavesPage(current: { pathname: string }, next: { pathname: string }): boolean {
  const path = (pathname: string) => (pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname);
  return path(current.pathname) !== path(next.pathname);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, item]) => [key, canonical(item)]));
  }
  return value;
}

/** A form's values (or the body they make) as text that is equal when the values are: key order and
 * keys left undefined do not count. */
export function valuesKey(value: unknown): string {
  return JSON.stringify(canonical(value)) ?? "undefined";
}

/** Whether a form's values differ from the saved ones, compared as data. */
export function differs(saved: unknown, current: unknown): boolean {
  return valuesKey(saved) !== valuesKey(current);
}

/**
 * The blocker, the browser's question and the confirmation for one page. `skip` lets the next
 * navigation that leaves the page go without asking: a save that navigates away once it is done.
 */
function UnsavedChangesGuard({ dirty, message, skip }: { dirty: boolean; message: string; skip: RefObject<boolean> }) {
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) => {
      if (!leavesPage(currentLocation, nextLocation)) return false;
      if (skip.current) {
        skip.current = false;
        return false;
      }
      return dirty;
    },
    [dirty, skip],
  );
  const blocker = useBlocker(shouldBlock);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers ask only when a return value is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  // Saved (or undone) while the question was open: there is nothing left to lose, and no reason to leave.
  useEffect(() => {
    if (blocker.state === "blocked" && !dirty) blocker.reset();
  }, [blocker, dirty]);

  if (blocker.state !== "blocked") return null;
  return (
    <ConfirmDialog
      open
      title="Leave without saving?"
      confirmLabel="Leave without saving"
      cancelLabel="Stay"
      confirmTestId="leave-without-saving"
      onConfirm={() => blocker.proceed()}
      onCancel={() => blocker.reset()}
    >
      <p>{message}</p>
    </ConfirmDialog>
  );
}

interface Scope {
  report: (id: string, dirty: boolean) => void;
  allow: () => void;
}

const ScopeContext = createContext<Scope | null>(null);

/** One guard for every form inside it (the Settings pages): leaving asks while any of them is dirty. */
export function UnsavedChangesScope({ children, message = UNSAVED_CHANGES_MESSAGE }: { children: ReactNode; message?: string }) {
  const [dirtyForms, setDirtyForms] = useState<ReadonlySet<string>>(() => new Set());
  const skip = useRef(false);
  const report = useCallback((id: string, dirty: boolean) => {
    setDirtyForms((current) => {
      if (current.has(id) === dirty) return current;
      const next = new Set(current);
      if (dirty) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const allow = useCallback(() => {
    skip.current = true;
  }, []);
  const scope = useMemo(() => ({ report, allow }), [report, allow]);
  return (
    <ScopeContext.Provider value={scope}>
      {children}
      <UnsavedChangesGuard dirty={dirtyForms.size > 0} message={message} skip={skip} />
    </ScopeContext.Provider>
  );
}

/**
 * Asks before leaving the page while `dirty` (the form's values differ from the saved ones). Render
 * `prompt` with the form; call `allowNavigation` once a save is done, just before it navigates away.
 * Inside an UnsavedChangesScope the scope asks, and `prompt` is nothing.
 */
export function useUnsavedChanges(dirty: boolean, message: string = UNSAVED_CHANGES_MESSAGE): { prompt: ReactNode; allowNavigation: () => void } {
  const scope = useContext(ScopeContext);
  const id = useId();
  const skip = useRef(false);

  useEffect(() => {
    if (!scope) return;
    scope.report(id, dirty);
    return () => scope.report(id, false);
  }, [scope, id, dirty]);

  const allowNavigation = useCallback(() => {
    if (scope) scope.allow();
    else skip.current = true;
  }, [scope]);

  return { prompt: scope ? null : <UnsavedChangesGuard dirty={dirty} message={message} skip={skip} />, allowNavigation };
}
