import { useId, useState } from "react";
import { DEFINITIONS, type Metric } from "./definitions";

/**
 * A figure's name with its definition: the name is a button described by the definition, which
 * shows on hover and on keyboard focus (Escape hides it), so a screen reader reads it too. `id` names
 * the label alone, for what the figure's value is labelled by.
 */
export function Term({ label, metric, id: labelId }: { label: string; metric?: Metric | undefined; id?: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  if (!metric) return <span id={labelId}>{label}</span>;
  return (
    <span className="term" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        id={labelId}
        type="button"
        className="term-button"
        aria-describedby={id}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen((shown) => !shown)}
        onKeyDown={(event) => {
          if (event.key === "Escape") setOpen(false);
        }}
      >
        {label}
      </button>
      <span role="tooltip" id={id} className="term-tip" hidden={!open}>
        {DEFINITIONS[metric]}
      </span>
    </span>
  );
}
