// The API names a refused form's problems by path (`name`, `captcha.secret`, `fields.2.label`,
// `fields.1`, `body`); the builder shows each under its input. Field paths use the position in the
// list that was sent, so they are tied to the field's key at once and follow it when it moves.

/** The builder's inputs that API paths land on. */
export const SETTINGS_INPUTS = {
  name: "name",
  submit_label: "submit_label",
  pipeline_id: "pipeline_id",
  stage_id: "stage_id",
  assignment: "assignment",
  "assignment.mode": "assignment",
  "assignment.user_id": "owner",
  thank_you_message: "thank_you_message",
  redirect_url: "redirect_url",
  allowed_domains: "allowed_domains",
  captcha: "captcha_provider",
  "captcha.provider": "captcha_provider",
  "captcha.site_key": "captcha_site_key",
  "captcha.secret": "captcha_secret",
  duplicates: "duplicates",
  default_value: "default_value",
  currency: "currency",
  fields: "fields",
  // A rule about the form as a whole (say, no field for the lead's name, email or phone) is about its fields.
  body: "fields",
} as const satisfies Record<string, string>;

export type SettingsInput = (typeof SETTINGS_INPUTS)[keyof typeof SETTINGS_INPUTS];

export const FIELD_PROPS = [
  "name",
  "type",
  "label",
  "placeholder",
  "required",
  "options",
  "maps_to",
  "default",
  "consent_signals",
] as const;
export type FieldProp = (typeof FIELD_PROPS)[number];

/** The input id of one field's property, or of the field as a whole. */
export function fieldInput(key: string, prop?: FieldProp): string {
  return prop ? `field:${key}:${prop}` : `field:${key}`;
}

// A rule about one field as a whole names no property; its message says which input it is about.
const WHOLE_FIELD_HINTS: readonly [RegExp, FieldProp][] = [
  [/\breserved\b/i, "name"],
  [/\boptions?\b/i, "options"],
  [/\bconsent signals?\b/i, "consent_signals"],
  [/\bmaps[_ ]to\b/i, "maps_to"],
];

export interface ErrorPlacement {
  /** Input id -> the message shown under it. */
  byInput: Record<string, string>;
  /** Messages no input of the builder shows, for the summary above it. */
  other: string[];
}

function readable(path: string): string {
  const text = path.replace(/[._]/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function fieldTarget(rest: string[], key: string, message: string): string {
  const [prop] = rest;
  if (prop && (FIELD_PROPS as readonly string[]).includes(prop)) return fieldInput(key, prop as FieldProp);
  if (!prop) {
    const hinted = WHOLE_FIELD_HINTS.find(([pattern]) => pattern.test(message));
    if (hinted) return fieldInput(key, hinted[1]);
  }
  return fieldInput(key);
}

/**
 * Where each of the API's messages goes: `fieldKeys` are the keys of the fields in the order they
 * were sent. A path deeper than an input (`allowed_domains.3`, `fields.0.options.2`) goes to the
 * input it is part of; a path the builder has no input for goes to `other`.
 */
export function placeErrors(fields: Record<string, string>, fieldKeys: readonly string[]): ErrorPlacement {
  const byInput: Record<string, string> = {};
  const other: string[] = [];
  const put = (input: string, message: string) => {
    if (!(input in byInput)) byInput[input] = message;
  };
  for (const [path, message] of Object.entries(fields)) {
    const parts = path.split(".");
    if (parts[0] === "fields" && parts.length > 1 && /^\d+$/.test(parts[1]!)) {
      const key = fieldKeys[Number(parts[1])];
      if (key) put(fieldTarget(parts.slice(2), key, message), message);
      else other.push(`Field ${Number(parts[1]) + 1}: ${message}`);
      continue;
    }
    let input: string | undefined;
    for (let length = parts.length; length > 0 && !input; length -= 1) {
      input = (SETTINGS_INPUTS as Record<string, string>)[parts.slice(0, length).join(".")];
    }
    if (input) put(input, message);
    else other.push(path === "" ? message : `${readable(path)}: ${message}`);
  }
  return { byInput, other };
}

/** Messages under a field's inputs, or on the field as a whole: whether the field has any. */
export function fieldHasErrors(byInput: Record<string, string>, key: string): boolean {
  const prefix = fieldInput(key);
  return Object.keys(byInput).some((input) => input === prefix || input.startsWith(`${prefix}:`));
}
