// The API's refusal of POST /imports/{id}/start, put where the person will look: "mapping.3" under
// column 4's select, "options.owner_ids" under the owner choice, anything else above the form.

import { ApiError, errorMessage } from "../../api/errors";
import { OPTION_FIELDS, type OptionField } from "./options";

export interface StartErrors {
  /** By column index. */
  columns: Record<number, string>;
  options: Partial<Record<OptionField, string>>;
  /** Above the form: the message, and whatever has no control of its own. */
  summary: string | null;
}

export const NO_START_ERRORS: StartErrors = { columns: {}, options: {}, summary: null };

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function optionFieldOf(name: string): OptionField | undefined {
  return OPTION_FIELDS.find((field) => name === field || name.startsWith(`${field}.`));
}

export function startErrors(error: unknown): StartErrors {
  if (!error) return NO_START_ERRORS;
  if (!(error instanceof ApiError) || error.status !== 422) return { ...NO_START_ERRORS, summary: errorMessage(error) };
  const columns: Record<number, string> = {};
  const options: Partial<Record<OptionField, string>> = {};
  const other: string[] = [];
  for (const [name, message] of Object.entries(error.fields)) {
    const column = /^mapping\.(\d+)$/.exec(name);
    const option = optionFieldOf(name);
    if (column) columns[Number(column[1])] = capitalized(message);
    else if (option) options[option] ??= capitalized(message);
    else if (name !== "mapping") other.push(capitalized(message));
  }
  const summary = [error.message, ...other].filter((text, index, all) => text && all.indexOf(text) === index).join(" ");
  return { columns, options, summary: summary || null };
}
