// Convertly support's access, as the card shows it: whether support may change things now, until when,
// and the choices offered.

import { formatDateTime } from "../../lib/format";

export const SUPPORT_ACCESS_CHOICES: readonly { hours: number; label: string }[] = [
  { hours: 2, label: "2 hours" },
  { hours: 24, label: "24 hours" },
  { hours: 72, label: "3 days" },
];

export interface SupportAccessView {
  granted: boolean;
  text: string;
}

/** `until` in the past (the API keeps none, but a page open for long may) reads as not granted. */
export function supportAccessView(
  until: string | null | undefined,
  now: number,
  format: (iso: string) => string = formatDateTime,
): SupportAccessView {
  const at = until ? Date.parse(until) : Number.NaN;
  if (!until || Number.isNaN(at) || at <= now) {
    return {
      granted: false,
      text: "Convertly support can only look: while viewing your account they cannot change anything.",
    };
  }
  return { granted: true, text: `Convertly support may change things while viewing your account until ${format(until)}.` };
}

/** What the toast says once a choice is saved. */
export function supportAccessSaved(hours: number): string {
  if (hours === 0) return "Convertly support's access to change things is withdrawn";
  const choice = SUPPORT_ACCESS_CHOICES.find((option) => option.hours === hours);
  return `Convertly support may change things for ${choice?.label ?? `${hours} hours`}`;
}
