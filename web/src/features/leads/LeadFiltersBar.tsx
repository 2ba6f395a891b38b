import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button, SelectField, TextField, type Option } from "../../components/ui";
import { FoldOnPhone } from "../../components/FilterPanel";
import { sourceLabel } from "../../lib/format";
import type { Lookups } from "../../lib/lookups";
import { activeFilterCount, type LeadFilters } from "./filters";
import { LEAD_SOURCES } from "./types";

const SEARCH_DELAY_MS = 300;

export function LeadFiltersBar({
  filters,
  onChange,
  lookups,
  showOwner,
  extra,
}: {
  filters: LeadFilters;
  onChange: (filters: LeadFilters) => void;
  lookups: Lookups;
  showOwner: boolean;
  /** More controls after the filters (the AI score's sort and floor). */
  extra?: ReactNode;
}) {
  const [search, setSearch] = useState(filters.q ?? "");
  // The last search this bar sent: a URL change from elsewhere (back button, a link) replaces what
  // is typed, the echo of the bar's own change does not (the person may have typed on meanwhile).
  const sent = useRef(filters.q ?? "");
  useEffect(() => {
    const fromUrl = filters.q ?? "";
    if (fromUrl !== sent.current) {
      sent.current = fromUrl;
      setSearch(fromUrl);
    }
  }, [filters.q]);
  useEffect(() => {
    const wanted = search.trim();
    if (wanted === (filters.q ?? "")) return;
    const timer = setTimeout(() => {
      sent.current = wanted;
      onChange({ ...filters, q: wanted || undefined });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, filters, onChange]);

  const set = (key: keyof LeadFilters) => (event: { target: { value: string } }) =>
    onChange({ ...filters, [key]: event.target.value || undefined });
  const stageOptions: Option[] = [
    { value: "", label: "All stages" },
    ...lookups.stages.map((stage) => ({ value: stage.stage_id, label: stage.name })),
  ];
  const sourceOptions: Option[] = [
    { value: "", label: "All sources" },
    ...LEAD_SOURCES.map((source) => ({ value: source, label: sourceLabel(source) })),
  ];
  const ownerOptions: Option[] = [
    { value: "", label: "Anyone" },
    ...lookups.users.map((user) => ({ value: user.user_id, label: user.name || user.email })),
  ];

  return (
    <FoldOnPhone active={activeFilterCount(filters)}>
      <form
        className="filters"
        role="search"
        aria-label="Filter leads"
        onSubmit={(event) => {
          event.preventDefault();
          sent.current = search.trim();
          onChange({ ...filters, q: search.trim() || undefined });
        }}
      >
        <TextField
          label="Search leads"
          type="search"
          placeholder="Name, email or phone"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          className="filter-search"
        />
        <SelectField label="Stage" options={stageOptions} value={filters.stage_id ?? ""} onChange={set("stage_id")} />
        <SelectField label="Source" options={sourceOptions} value={filters.source ?? ""} onChange={set("source")} />
        {showOwner && (
          <SelectField label="Owner" options={ownerOptions} value={filters.owner_id ?? ""} onChange={set("owner_id")} />
        )}
        <TextField label="Created from" type="date" value={filters.created_from ?? ""} onChange={set("created_from")} />
        <TextField label="Created to" type="date" value={filters.created_to ?? ""} onChange={set("created_to")} />
        {extra}
        {activeFilterCount(filters) > 0 && (
          <Button
            variant="ghost"
            className="filters-clear"
            onClick={() => {
              setSearch("");
              sent.current = "";
              onChange({ sort: filters.sort, order: filters.order }); // the order is no filter: it stays
            }}
          >
            Clear filters
          </Button>
        )}
      </form>
    </FoldOnPhone>
  );
}
