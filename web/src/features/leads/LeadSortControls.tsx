import { Button, SelectField } from "../../components/ui";
import { LEAD_SORTS, orderLabel } from "./filters";
import type { LeadSort, SortOrder } from "./types";

/** "Sort by" and the direction beside it, one group of the lead list's filter bar. A search keeps its
 * own order (best match first), so both wait while there is one. */
export function LeadSortControls({
  sort,
  order,
  searching,
  onChange,
}: {
  sort: LeadSort;
  order: SortOrder;
  searching: boolean;
  onChange: (sort: LeadSort, order?: SortOrder) => void;
}) {
  const other: SortOrder = order === "asc" ? "desc" : "asc";
  return (
    <div className="lead-sort" role="group" aria-label="Order of the list">
      <SelectField
        label="Sort by"
        options={LEAD_SORTS}
        value={sort}
        disabled={searching}
        title={searching ? "Search results are in match order" : undefined}
        onChange={(event) => onChange(LEAD_SORTS.find((option) => option.value === event.target.value)?.value ?? "created")}
      />
      <Button
        disabled={searching}
        aria-label={`${orderLabel(sort, order)}, change to ${orderLabel(sort, other).toLowerCase()}`}
        onClick={() => onChange(sort, other)}
      >
        {orderLabel(sort, order)}
      </Button>
    </div>
  );
}
