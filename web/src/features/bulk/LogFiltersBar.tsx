import { Button, SelectField, TextField, type Option } from "../../components/ui";
import { actionLabel, BULK_ACTIONS, BULK_OBJECTS, BULK_STATUSES, objectLabel, statusLabel } from "./labels";
import { hasBulkFilters, withBulkFilter, type BulkLogFilter, type BulkLogFilters } from "./logFilters";

const OBJECT_OPTIONS: Option[] = [{ value: "", label: "Leads and contacts" }, ...BULK_OBJECTS.map((object) => ({ value: object, label: objectLabel(object) }))];
const ACTION_OPTIONS: Option[] = [{ value: "", label: "Every action" }, ...BULK_ACTIONS.map((action) => ({ value: action, label: actionLabel(action) }))];
const STATUS_OPTIONS: Option[] = [{ value: "", label: "Any status" }, ...BULK_STATUSES.map((status) => ({ value: status, label: statusLabel(status) }))];

/** The log's filters: the type (records and action), who ran it (for roles that see everyone's), status and days. */
export function LogFiltersBar({
  filters,
  onChange,
  people,
  problem,
}: {
  filters: BulkLogFilters;
  onChange: (filters: BulkLogFilters) => void;
  /** Who may be filtered by; none for a role that sees only its own. */
  people: readonly Option[];
  problem: string | null;
}) {
  const set = (name: BulkLogFilter) => (event: { target: { value: string } }) => onChange(withBulkFilter(filters, name, event.target.value));
  return (
    <form className="filters bulk-log-filters" role="search" aria-label="Filter bulk actions" onSubmit={(event) => event.preventDefault()}>
      <SelectField label="Records" options={OBJECT_OPTIONS} value={filters.object ?? ""} onChange={set("object")} />
      <SelectField label="Action" options={ACTION_OPTIONS} value={filters.action ?? ""} onChange={set("action")} />
      {people.length > 0 && (
        <SelectField label="Started by" options={[{ value: "", label: "Everyone" }, ...people]} value={filters.user_id ?? ""} onChange={set("user_id")} />
      )}
      <SelectField label="Status" options={STATUS_OPTIONS} value={filters.status ?? ""} onChange={set("status")} />
      <TextField label="From" type="date" value={filters.date_from ?? ""} max={filters.date_to} error={problem ?? undefined} onChange={set("date_from")} />
      <TextField label="To" type="date" value={filters.date_to ?? ""} min={filters.date_from} onChange={set("date_to")} />
      {hasBulkFilters(filters) && (
        <div className="bulk-log-actions">
          <Button variant="ghost" onClick={() => onChange({})}>
            Clear filters
          </Button>
        </div>
      )}
    </form>
  );
}
