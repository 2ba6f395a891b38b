import { useId } from "react";
import type { User } from "../accounts/types";

/**
 * Who the records go to: one person, or several to share them out in turn (round robin), from the
 * active team members. A role that sees only its own records assigns them to itself: it is told so.
 */
export function OwnersField({
  choices,
  chosen,
  onlySelf,
  error,
  onChange,
}: {
  choices: readonly User[];
  chosen: readonly string[];
  onlySelf: boolean;
  error: string | undefined;
  onChange: (ownerIds: string[]) => void;
}) {
  const id = useId();
  if (onlySelf) {
    return <p className="muted">They are assigned to you: your role assigns records to yourself only.</p>;
  }
  const toggle = (userId: string, on: boolean) =>
    onChange(on ? [...chosen.filter((item) => item !== userId), userId] : chosen.filter((item) => item !== userId));
  return (
    <fieldset
      className={`field bulk-owners ${error ? "field-invalid" : ""}`}
      aria-describedby={error ? `${id}-error` : `${id}-hint`}
      aria-invalid={error ? true : undefined}
    >
      <legend>Owners</legend>
      <p className="field-hint" id={`${id}-hint`}>
        Choose one person, or several to share the records out in turn (round robin), in the order you tick them.
      </p>
      <div className="bulk-owner-list">
        {choices.map((user) => (
          <label key={user.user_id} className="checkbox-label">
            <input type="checkbox" checked={chosen.includes(user.user_id)} onChange={(event) => toggle(user.user_id, event.target.checked)} />
            <span>
              {user.name || user.email} <span className="muted">· {user.role}</span>
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
