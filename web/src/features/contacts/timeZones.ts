// The time zones a contact can be given: the browser's list of IANA zones.

import type { Option } from "../../components/ui";

function zones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return ["UTC"];
  }
}

/** "Not set", then every zone; a saved zone the browser does not list stays on offer. */
export function timeZoneOptions(current: string): Option[] {
  const names = zones();
  if (current && !names.includes(current)) names.unshift(current);
  return [{ value: "", label: "Not set" }, ...names.map((name) => ({ value: name, label: name.replace(/_/g, " ") }))];
}
