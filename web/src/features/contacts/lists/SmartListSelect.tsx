import { useId } from "react";
import { useProfile } from "../../../auth/AuthProvider";
import { useSmartLists } from "./queries";
import type { SmartList } from "./types";
import "./lists.css";

function optionLabel(list: SmartList): string {
  const count = list.status === "building" ? "building" : `${list.members}`;
  return `${list.name} (${count})`;
}

/**
 * Which contacts the page lists: all of them, or the members of one of my smart lists or of the
 * team's, each with its member count.
 */
export function SmartListSelect({ value, onChange }: { value: string | null; onChange: (listId: string | null) => void }) {
  const id = useId();
  const { user } = useProfile();
  const lists = useSmartLists();
  const items = lists.data ?? [];
  const mine = items.filter((list) => list.owner_id === user.user_id);
  const team = items.filter((list) => list.owner_id !== user.user_id);
  // The list in the URL keeps its place while the lists load (or if it is not among them).
  const unknown = value !== null && !items.some((list) => list.list_id === value);

  return (
    <div className="field list-select">
      <label htmlFor={id}>List</label>
      <select
        id={id}
        value={value ?? ""}
        aria-describedby={lists.isError ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value || null)}
      >
        <option value="">All contacts</option>
        {mine.length > 0 && (
          <optgroup label="My lists">
            {mine.map((list) => (
              <option key={list.list_id} value={list.list_id}>
                {`${optionLabel(list)}${list.visibility === "team" ? " · shared" : ""}`}
              </option>
            ))}
          </optgroup>
        )}
        {team.length > 0 && (
          <optgroup label="Team lists">
            {team.map((list) => (
              <option key={list.list_id} value={list.list_id}>
                {optionLabel(list)}
              </option>
            ))}
          </optgroup>
        )}
        {unknown && <option value={value}>{lists.isPending ? "Loading the list…" : "This list"}</option>}
      </select>
      {lists.isError && (
        <p className="field-error" id={`${id}-error`}>
          Your smart lists could not be loaded
        </p>
      )}
    </div>
  );
}
