import { initials } from "../../lib/format";
import { avatarStyle } from "./avatar";

/** Initials in the person's avatar colour (decorative: the name is always written next to it). */
export function Avatar({ name, color, className = "" }: { name: string; color?: string | null; className?: string }) {
  return (
    <span className={`avatar ${className}`} style={avatarStyle(color)} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
