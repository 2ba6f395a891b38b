// Contact and company search asks for at least 3 characters (else the API answers 422 on `q`). What
// counts is what the API looks up (convertly/platform/terms.py query_prefix): the digits of a
// phone-like entry, else the text folded (lower case, accents removed, spaces collapsed).

export const MIN_SEARCH = 3;

const PHONE_LIKE = /^[+0-9 ().-]+$/;

/** What the API looks up for `text`. */
export function searchPrefix(text: string): string {
  const stripped = text.trim();
  if (stripped && PHONE_LIKE.test(stripped)) return stripped.replace(/\D/g, "");
  return stripped
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");
}

/** The search to send for what was typed: the trimmed text once it is long enough, else nothing. */
export function searchText(text: string): string | undefined {
  return searchPrefix(text).length >= MIN_SEARCH ? text.trim() : undefined;
}

/** Typed something, but too little to search yet: the box says how much more it needs. */
export function searchTooShort(text: string): boolean {
  return text.trim() !== "" && searchText(text) === undefined;
}

export const SEARCH_HINT = `Type at least ${MIN_SEARCH} characters to search`;
