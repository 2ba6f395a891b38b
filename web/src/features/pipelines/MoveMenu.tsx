import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";

export interface MoveTarget {
  stage_id: string;
  name: string;
}

/**
 * "Move" (to another stage): the keyboard and screen-reader way to move a card (the same move as a drag). A menu
 * button: Enter or Space opens it on its first stage, arrows move, Escape closes it.
 */
export function MoveMenu({
  leadName,
  targets,
  disabled = false,
  focusNow = false,
  onFocused,
  onMove,
}: {
  leadName: string;
  targets: readonly MoveTarget[];
  disabled?: boolean;
  /** Take the focus (the card has just arrived in its new column after a move from this menu). */
  focusNow?: boolean;
  onFocused?: () => void;
  onMove: (stageId: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!focusNow) return;
    button.current?.focus();
    onFocused?.();
  }, [focusNow, onFocused]);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const close = (event: MouseEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  function onMenuKey(event: KeyboardEvent<HTMLUListElement>) {
    const items = Array.from(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    const focus = (at: number) => items[(at + items.length) % items.length]?.focus();
    if (event.key === "ArrowDown") focus(index + 1);
    else if (event.key === "ArrowUp") focus(index - 1);
    else if (event.key === "Home") focus(0);
    else if (event.key === "End") focus(items.length - 1);
    else if (event.key === "Escape") {
      setOpen(false);
      button.current?.focus();
    } else if (event.key === "Tab") setOpen(false);
    else return;
    if (event.key !== "Tab") event.preventDefault();
  }

  if (targets.length === 0) return null;
  return (
    <div className="move-menu" ref={wrapper}>
      <button
        ref={button}
        type="button"
        className="btn btn-ghost btn-small"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`Move ${leadName} to another stage`}
        aria-disabled={disabled || undefined}
        onClick={() => {
          if (!disabled) setOpen((value) => !value);
        }}
      >
        Move
      </button>
      {open && (
        <ul ref={menu} id={menuId} role="menu" aria-label={`Move ${leadName} to`} className="move-menu-list" onKeyDown={onMenuKey}>
          {targets.map((target) => (
            <li key={target.stage_id} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  setOpen(false);
                  onMove(target.stage_id);
                }}
              >
                {target.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
