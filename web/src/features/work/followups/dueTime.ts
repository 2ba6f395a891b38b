// Due times between a <input type="datetime-local"> (the viewer's wall clock, no zone) and the API
// (ISO 8601 with a zone). The date and time the person typed are sent as typed, with the viewer's
// UTC offset at that moment, so the API (not the browser) judges a date that does not exist.

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, "0");

/** "+02:00" for a UTC offset of 120 minutes east (Date#getTimezoneOffset is west-positive). */
export function offsetText(minutesEast: number): string {
  const sign = minutesEast < 0 ? "-" : "+";
  return `${sign}${pad(Math.trunc(Math.abs(minutesEast) / 60))}:${pad(Math.abs(minutesEast) % 60)}`;
}

/** A moment as the viewer's wall-clock time with its offset: "2026-05-01T09:30:00+02:00". */
export function localIso(moment: Date): string {
  const date = `${pad(moment.getFullYear(), 4)}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
  const time = `${pad(moment.getHours())}:${pad(moment.getMinutes())}:${pad(moment.getSeconds())}`;
  return `${date}T${time}${offsetText(-moment.getTimezoneOffset())}`;
}

/**
 * A datetime-local value ("2026-05-01T09:30") as the API takes it ("2026-05-01T09:30:00+02:00");
 * null when the input is empty or not a date and time at all.
 */
export function apiDueTime(localValue: string): string | null {
  const match = LOCAL_INPUT.exec(localValue.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second = "00"] = match;
  const wallClock = new Date(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute));
  const offset = Number.isNaN(wallClock.getTime()) ? 0 : -wallClock.getTimezoneOffset();
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${offsetText(offset)}`;
}

/** An API time as a datetime-local value in the viewer's zone ("" when there is none). */
export function localInputValue(iso: string | null | undefined): string {
  if (!iso) return "";
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return "";
  return localIso(moment).slice(0, 16);
}

/** A date input's value ("2026-05-01"), or null. */
export function dateValue(value: string | null | undefined): string | null {
  const text = value?.trim() ?? "";
  return LOCAL_DATE.test(text) ? text : null;
}

/** The start of the viewer's next day after `now`. */
export function startOfNextDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
}

/** The viewer's IANA time zone ("Europe/Berlin"); the API reads "today" in it. */
export function viewerTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}
