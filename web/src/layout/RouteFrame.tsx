import { useEffect, useRef } from "react";
import { Outlet, useLocation } from "react-router";
import { documentTitle, focusHeading, pageHeading } from "./pageTitle";
import { labelTableCells } from "./tableLabels";

/**
 * The frame around every route: keeps the document title on the screen's heading and, after a route
 * change (not the first load, where the page's own focus stands), moves focus to that heading; labels
 * table cells with their column for the phone layout.
 */
export function RouteFrame() {
  const { pathname } = useLocation();
  const firstLoad = useRef(true);
  // Where focus was before this route's page committed (read while rendering, before the new page can
  // focus something of its own).
  const focusedBefore = useRef<Element | null>(null);
  focusedBefore.current = document.activeElement;

  useEffect(() => {
    let frame = 0;
    const sync = () => {
      frame = 0;
      const title = documentTitle();
      if (document.title !== title) document.title = title;
      labelTableCells();
    };
    sync();
    // At most once a frame, however many changes a render makes.
    const observer = new MutationObserver(() => {
      if (!frame) frame = window.requestAnimationFrame(sync);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["aria-current"] });
    return () => {
      observer.disconnect();
      window.cancelAnimationFrame(frame);
    };
  }, []);

  useEffect(() => {
    if (firstLoad.current) {
      firstLoad.current = false;
      return;
    }
    const before = focusedBefore.current;
    // The new page may still be loading: wait for its heading, a few seconds at most.
    let done = false;
    const tryFocus = () => {
      const heading = pageHeading();
      if (done || !heading || heading.closest("[aria-busy='true']")) return;
      done = true;
      focusHeading(heading, before);
      observer.disconnect();
    };
    const observer = new MutationObserver(tryFocus);
    observer.observe(document.body, { subtree: true, childList: true });
    const giveUp = window.setTimeout(() => {
      done = true;
      observer.disconnect();
    }, 5000);
    // The old page's heading may still be in the document: look once the new page has rendered.
    const frame = window.requestAnimationFrame(tryFocus);
    return () => {
      done = true;
      observer.disconnect();
      window.clearTimeout(giveUp);
      window.cancelAnimationFrame(frame);
    };
  }, [pathname]);

  return <Outlet />;
}
