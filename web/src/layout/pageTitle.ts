// Every screen's document title and where focus goes after a route change, read from the page itself:
// its one <h1> names it, so no page can forget to set a title and the title follows the heading when a
// page fills it in later (a lead's name once it has loaded).

export const APP_NAME = "Convertly";

/** The title for a screen: its heading, then the tab it is on where the heading is a section's
 * ("Pipelines · Settings · Convertly"), then the app. */
export function titleFor(heading: string | null | undefined, section?: string | null): string {
  const parts = [section, heading]
    .map((part) => part?.replace(/\s+/g, " ").trim())
    .filter((part): part is string => Boolean(part));
  const unique = parts.filter((part, index) => parts.indexOf(part) === index);
  return [...unique, APP_NAME].join(" · ");
}

/** The page's heading: the first <h1> in the main landmark (or the document, for the public pages). */
export function pageHeading(root: ParentNode = document): HTMLHeadingElement | null {
  return root.querySelector<HTMLHeadingElement>("main h1, #main h1") ?? root.querySelector<HTMLHeadingElement>("h1");
}

/** The current tab of a section whose tabs name the screen (a nav marked `data-title-tabs`). */
export function currentSection(root: ParentNode = document): string | null {
  return root.querySelector<HTMLElement>("nav[data-title-tabs] a[aria-current='page']")?.textContent ?? null;
}

export function documentTitle(root: ParentNode = document): string {
  return titleFor(pageHeading(root)?.textContent, currentSection(root));
}

/**
 * Move focus to the page's heading after a route change, so a screen reader starts at the new page
 * and the next Tab starts from its top. Leaves focus where it is when the new page put it somewhere
 * itself (a search box it focuses, a dialog it opens).
 */
export function focusHeading(heading: HTMLElement, focusedBefore: Element | null): boolean {
  const active = document.activeElement;
  const pageMovedFocus = active && active !== document.body && active !== focusedBefore && active.isConnected;
  if (pageMovedFocus) return false;
  if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
  heading.focus({ preventScroll: true });
  return document.activeElement === heading;
}
