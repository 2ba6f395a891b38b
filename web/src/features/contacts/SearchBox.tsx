import { useEffect, useRef, useState } from "react";
import { TextField } from "../../components/ui";
import { SEARCH_HINT, searchTooShort } from "./search";

const SEARCH_DELAY_MS = 300;

/**
 * A list's search box: what is typed goes to the URL (`q`) after a pause; the list searches once it
 * is 3 characters long, and until then the box says so.
 */
export function SearchBox({
  label,
  placeholder,
  value,
  onSearch,
}: {
  label: string;
  placeholder: string;
  /** The search in the URL. */
  value: string;
  onSearch: (q: string | undefined) => void;
}) {
  const [text, setText] = useState(value);
  // The last search this box sent: a URL change from elsewhere (back button, Clear filters) replaces
  // what is typed, the echo of the box's own change does not (the person may have typed on meanwhile).
  const sent = useRef(value);
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => {
    const wanted = text.trim();
    if (wanted === value) return;
    const timer = setTimeout(() => {
      sent.current = wanted;
      onSearch(wanted || undefined);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);

  return (
    <TextField
      label={label}
      type="search"
      placeholder={placeholder}
      value={text}
      onChange={(event) => setText(event.target.value)}
      className="filter-search"
      hint={searchTooShort(text) ? SEARCH_HINT : undefined}
    />
  );
}
