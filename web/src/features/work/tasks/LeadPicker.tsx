import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { Button, TextField } from "../../../components/ui";
import { useLeadsApi } from "../../leads/api";
import type { LinkedLead } from "./taskForm";

const RESULTS = 8;

/** Link a lead by searching its name, email or phone; a linked lead shows with Unlink. */
export function LeadPicker({
  value,
  error,
  onChange,
}: {
  value: LinkedLead | null;
  error?: string | undefined;
  onChange: (lead: LinkedLead | null) => void;
}) {
  const api = useLeadsApi();
  const labelId = useId();
  const [text, setText] = useState("");
  const [search, setSearch] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const results = useQuery({
    queryKey: ["leads", "pick", search],
    queryFn: ({ signal }) => api.listLeads({ q: search }, null, RESULTS, signal),
    enabled: search.length >= 2 && value === null,
    staleTime: 30_000,
  });

  if (value) {
    return (
      <div className={`field ${error ? "field-invalid" : ""}`}>
        <span className="field-label" id={labelId}>
          Linked lead
        </span>
        <div className="linked-lead" role="group" aria-labelledby={labelId}>
          <span className="lead-name">{value.name}</span>
          <Button className="btn-small" variant="ghost" aria-label={`Unlink ${value.name}`} onClick={() => onChange(null)}>
            Unlink
          </Button>
        </div>
        {error && <p className="field-error">{error}</p>}
      </div>
    );
  }
  const items = results.data?.items ?? [];
  return (
    <div className="lead-picker">
      <TextField
        label="Linked lead"
        type="search"
        value={text}
        autoComplete="off"
        placeholder="Search by name, email or phone"
        hint="Optional: the lead this task is about"
        error={error}
        onChange={(event) => setText(event.target.value)}
      />
      {search.length >= 2 && (
        <div className="lead-results" aria-live="polite">
          {results.isFetching && items.length === 0 ? (
            <p className="muted">Searching…</p>
          ) : items.length === 0 ? (
            <p className="muted">No lead matches “{search}”.</p>
          ) : (
            <ul aria-label="Matching leads">
              {items.map((lead) => (
                <li key={lead.lead_id}>
                  <button
                    type="button"
                    onClick={() => {
                      onChange({ lead_id: lead.lead_id, name: lead.name || "Unnamed lead" });
                      setText("");
                      setSearch("");
                    }}
                  >
                    <span className="lead-name">{lead.name || "Unnamed lead"}</span>
                    {(lead.email || lead.phone) && <span className="muted"> · {lead.email || lead.phone}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
