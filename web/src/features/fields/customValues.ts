// Settings > Custom values, without React: the key made from a name, and the key checked before sending.

import { snake } from "./customFields";

export const VALUE_KEY_PATTERN = /^[a-z0-9_]{1,50}$/;

/** "Office phone" -> "office_phone" (digits may lead here; at most 50). */
export function valueKeyFromName(name: string): string {
  return snake(name).slice(0, 50).replace(/_+$/, "");
}

export function placeholderOf(key: string): string {
  return `{{custom_values.${key}}}`;
}

export function valueErrors(form: { name: string; key: string; value: string }): Partial<Record<"name" | "key" | "value", string>> {
  const errors: Partial<Record<"name" | "key" | "value", string>> = {};
  if (!form.name.trim()) errors.name = "Give the value a name";
  else if (form.name.trim().length > 100) errors.name = "Use at most 100 characters";
  if (!VALUE_KEY_PATTERN.test(form.key)) errors.key = "Lowercase letters, digits and underscores (at most 50)";
  if (form.value.length > 2000) errors.value = "Use at most 2000 characters";
  return errors;
}
