import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { STEP_GROUPS, STEP_KINDS } from "./definition";
import type { StepKind } from "./types";

/**
 * A button that opens the menu of step kinds; choosing one adds it here. The menu follows the menu
 * pattern: arrow keys move between its items, Escape closes it and gives focus back to the button.
 */
export function AddStepMenu({ label, onAdd }: { label: string; onAdd: (kind: StepKind) => void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>("[role=menuitem]")?.focus();
    const close = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  function onKey(event: KeyboardEvent<HTMLDivElement>) {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>("[role=menuitem]") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 };
    if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if (event.key in moves) {
      event.preventDefault();
      items[(moves[event.key]! + items.length) % items.length]?.focus();
    }
  }

  return (
    <div className="add-step">
      <button
        ref={button}
        type="button"
        className="btn btn-secondary btn-small add-step-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={label}
        onClick={() => setOpen(!open)}
      >
        + Add step
      </button>
      {open && (
        <div ref={menu} id={id} role="menu" tabIndex={-1} aria-label={label} className="add-step-menu" onKeyDown={onKey}>
          {STEP_GROUPS.map((group) => (
            <div key={group} role="group" aria-label={group} className="add-step-group">
              <span className="add-step-group-label" aria-hidden="true">
                {group}
              </span>
              {STEP_KINDS.filter((info) => info.group === group).map((info) => (
                <button
                  key={info.kind}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  onClick={() => {
                    setOpen(false);
                    onAdd(info.kind);
                  }}
                >
                  {info.label}
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
