// The page's query string, and a setter whose updater starts from the address bar as it is now.
//
// React Router applies a URL change in a transition: until the page renders again, its own
// `setSearchParams(fn)` hands `fn` the parameters of the last render, so a second change made in that
// moment (two filters chosen quickly, a click while the page loads) would undo the first. The address
// bar has the first change already (the router writes the history entry at once), so this setter
// reads it from there.

import { useCallback } from "react";
import { useSearchParams, type NavigateOptions } from "react-router";

export type ParamsUpdate = (current: URLSearchParams) => URLSearchParams;

/** The current query string as the address bar has it (what the next render will read). */
export function currentParams(): URLSearchParams {
  return new URLSearchParams(typeof window === "undefined" ? "" : window.location.search);
}

export function useLatestSearchParams(): [URLSearchParams, (update: ParamsUpdate, options?: NavigateOptions) => void] {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (update: ParamsUpdate, options?: NavigateOptions) => setParams(() => update(currentParams()), options),
    [setParams],
  );
  return [params, set];
}
