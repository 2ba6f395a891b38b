import { useQuery, type QueryKey } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { errorMessage } from "../../api/errors";
import { toast } from "../../components/toasts";
import { Button, TextField } from "../../components/ui";
import { SEARCH_HINT, searchText, searchTooShort } from "./search";
import "./contacts.css";

/** What a picker holds once something is picked. */
export interface Picked {
  id: string;
  name: string;
  /** A second line: an email, a domain. */
  detail?: string | null;
}

const SEARCH_DELAY_MS = 250;

/**
 * Pick one record by searching for it (from 3 characters, as the API searches); the picked one shows
 * with a button to remove it. `create` offers to make a new one from what was typed.
 */
export function SearchPicker({
  label,
  hint,
  placeholder,
  value,
  error,
  noun,
  queryKey,
  search,
  onChange,
  create,
}: {
  label: string;
  hint?: string;
  placeholder: string;
  value: Picked | null;
  error?: string | undefined;
  /** What a record is, for the messages: "company". */
  noun: string;
  queryKey: (q: string) => QueryKey;
  search: (q: string, signal: AbortSignal) => Promise<Picked[]>;
  onChange: (picked: Picked | null) => void;
  create?: (name: string) => Promise<Picked>;
}) {
  const labelId = useId();
  const [text, setText] = useState("");
  const [q, setQ] = useState<string | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setQ(searchText(text)), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const results = useQuery({
    queryKey: queryKey(q ?? ""),
    queryFn: ({ signal }) => search(q ?? "", signal),
    enabled: q !== undefined && value === null,
    staleTime: 30_000,
  });

  function pick(picked: Picked) {
    onChange(picked);
    setText("");
    setQ(undefined);
  }

  async function createFromText() {
    if (!create) return;
    setCreating(true);
    try {
      pick(await create(text.trim()));
    } catch (failure) {
      toast.error(`The ${noun} was not created: ${errorMessage(failure)}`);
    } finally {
      setCreating(false);
    }
  }

  if (value) return <PickedValue labelId={labelId} label={label} value={value} error={error} onRemove={() => onChange(null)} />;
  const items = results.data ?? [];
  const typed = text.trim();
  // Only once the search for what is typed has answered, so a match is never made twice.
  const settled = searchText(text) === q && !results.isFetching;
  const offerCreate = Boolean(
    create && typed && settled && !items.some((item) => item.name.toLowerCase() === typed.toLowerCase()),
  );
  return (
    <div className="picker">
      <TextField
        label={label}
        type="search"
        value={text}
        autoComplete="off"
        placeholder={placeholder}
        hint={searchTooShort(text) ? SEARCH_HINT : hint}
        error={error}
        onChange={(event) => setText(event.target.value)}
      />
      {(q !== undefined || offerCreate) && (
        <div className="picker-results" aria-live="polite">
          {q !== undefined && <PickerResults noun={noun} q={q} items={items} status={results} onPick={pick} />}
          {offerCreate && (
            <Button className="btn-small picker-create" busy={creating} onClick={() => void createFromText()}>
              Create {noun} “{typed}”
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

function PickedValue({
  labelId,
  label,
  value,
  error,
  onRemove,
}: {
  labelId: string;
  label: string;
  value: Picked;
  error?: string | undefined;
  onRemove: () => void;
}) {
  return (
    <div className={`field ${error ? "field-invalid" : ""}`}>
      <span className="field-label" id={labelId}>
        {label}
      </span>
      <div className="picked" role="group" aria-labelledby={labelId}>
        <span className="picked-name">{value.name}</span>
        {value.detail && <span className="muted">{value.detail}</span>}
        <Button className="btn-small" variant="ghost" aria-label={`Remove ${value.name}`} onClick={onRemove}>
          Remove
        </Button>
      </div>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

function PickerResults({
  noun,
  q,
  items,
  status,
  onPick,
}: {
  noun: string;
  q: string;
  items: Picked[];
  status: { isFetching: boolean; isError: boolean; error: unknown };
  onPick: (picked: Picked) => void;
}) {
  if (status.isError) return <p className="field-error">{errorMessage(status.error)}</p>;
  if (items.length === 0) return <p className="muted">{status.isFetching ? "Searching…" : `No ${noun} matches “${q}”.`}</p>;
  return (
    <ul aria-label={`Matching ${noun === "company" ? "companies" : `${noun}s`}`}>
      {items.map((item) => (
        <li key={item.id}>
          <button type="button" onClick={() => onPick(item)}>
            <span className="picked-name">{item.name}</span>
            {item.detail && <span className="muted"> · {item.detail}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
