import { useCallback } from "react";
import { Button, SelectField, type Option } from "../../components/ui";
import type { Lookups } from "../../lib/lookups";
import {
  activeContactFilters,
  CONTACT_SORTS,
  contactSortApplies,
  withContactFilter,
  type ContactFilters,
} from "./filters";
import { SearchBox } from "./SearchBox";
import { CONTACT_ROLES } from "./types";

export function ContactFiltersBar({
  filters,
  onChange,
  lookups,
  showRole,
  showOwner,
}: {
  filters: ContactFilters;
  onChange: (filters: ContactFilters) => void;
  lookups: Lookups;
  showRole: boolean;
  showOwner: boolean;
}) {
  const search = useCallback((q: string | undefined) => onChange({ ...filters, q }), [filters, onChange]);
  const roles: Option[] = [{ value: "", label: "All roles" }, ...CONTACT_ROLES.map((role) => ({ value: role, label: role }))];
  const owners: Option[] = [
    { value: "", label: "Anyone" },
    ...lookups.users.map((user) => ({ value: user.user_id, label: user.name || user.email })),
  ];
  const sorted = contactSortApplies(filters);
  // The list is served by one of role and owner at a time; picking one clears the other.
  const both = showRole && showOwner;

  return (
    <form className="filters" role="search" aria-label="Filter contacts" onSubmit={(event) => event.preventDefault()}>
      <SearchBox label="Search contacts" placeholder="Name, email, phone, company or tag" value={filters.q ?? ""} onSearch={search} />
      {showRole && (
        <SelectField
          label="Role"
          options={roles}
          value={filters.role ?? ""}
          onChange={(event) => onChange(withContactFilter(filters, "role", event.target.value))}
          hint={both && filters.owner_id ? "Picking a role clears the owner" : undefined}
        />
      )}
      {showOwner && (
        <SelectField
          label="Owner"
          options={owners}
          value={filters.owner_id ?? ""}
          onChange={(event) => onChange(withContactFilter(filters, "owner_id", event.target.value))}
          hint={both && filters.role ? "Picking an owner clears the role" : undefined}
        />
      )}
      <SelectField
        label="Sort"
        options={CONTACT_SORTS}
        value={sorted ? (filters.sort ?? "created") : "created"}
        disabled={!sorted}
        onChange={(event) => {
          const sort = CONTACT_SORTS.find((option) => option.value === event.target.value)?.value;
          onChange({ ...filters, sort: sort === "created" ? undefined : sort });
        }}
        hint={sorted ? undefined : "Sorting applies to the full list only"}
      />
      {activeContactFilters(filters) > 0 && (
        <Button variant="ghost" className="filters-clear" onClick={() => onChange(filters.sort ? { sort: filters.sort } : {})}>
          Clear filters
        </Button>
      )}
    </form>
  );
}
