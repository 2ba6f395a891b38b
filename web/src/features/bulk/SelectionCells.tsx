import { useEffect, useRef } from "react";
import type { PageState } from "./selection";

/** What a table needs to show its selection: the header checkbox's state and each row's. */
export interface RowSelection {
  page: PageState;
  isSelected: (id: string) => boolean;
  onToggle: (id: string, on: boolean) => void;
  onTogglePage: (on: boolean) => void;
  /** The header checkbox's name: "Select every lead on this page". */
  pageLabel: string;
}

/** The header checkbox: ticked when the whole page is selected, mixed when part of it is. */
export function PageCheckbox({ state, label, onChange }: { state: PageState; label: string; onChange: (on: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === "some";
  }, [state]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="select-box"
      data-testid="select-page"
      aria-label={label}
      checked={state === "all"}
      onChange={(event) => onChange(event.target.checked)}
    />
  );
}

export function RowCheckbox({ id, name, checked, onChange }: { id: string; name: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <input
      type="checkbox"
      className="select-box"
      data-testid={`select-${id}`}
      aria-label={`Select ${name}`}
      checked={checked}
      onChange={(event) => onChange(event.target.checked)}
    />
  );
}

export function SelectPageHeader({ selection }: { selection: RowSelection }) {
  return (
    <th scope="col" className="select-cell">
      <PageCheckbox state={selection.page} label={selection.pageLabel} onChange={selection.onTogglePage} />
    </th>
  );
}

export function SelectRowCell({ selection, id, name }: { selection: RowSelection; id: string; name: string }) {
  return (
    <td className="select-cell">
      <RowCheckbox id={id} name={name} checked={selection.isSelected(id)} onChange={(on) => selection.onToggle(id, on)} />
    </td>
  );
}
