import { Link } from "react-router";
import type { ChangeLine, ValuePart } from "./changeLog";
import "./activity.css";

function Value({ part }: { part: ValuePart }) {
  return part.to ? <Link to={part.to}>{part.text}</Link> : <>{part.text}</>;
}

/** The fields one change touched, each as "Label: old → new" (a contact's or company's Activity, a lead's timeline). */
export function ChangeList({ lines }: { lines: readonly ChangeLine[] }) {
  if (lines.length === 0) return null;
  return (
    <div className="change-list" role="group" aria-label="Changes">
      {lines.map((line) => (
        <p key={line.key} className="change-line">
          <span className="change-field">{line.label}:</span> <Value part={line.from} /> → <Value part={line.to} />
        </p>
      ))}
    </div>
  );
}
