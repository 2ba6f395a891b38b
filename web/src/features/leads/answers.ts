// What a visitor answered on a form submission ([{label, value}] in the form's order, open objects in
// the document), read for a lead's page and its timeline.

import { plainText } from "../contacts/customFieldValues";

export interface Answer {
  label: string;
  /** As read: lists joined, Yes/No, nothing as a dash. */
  value: string;
}

/** The answers with a label; a value of any shape reads as text. */
export function readAnswers(raw: readonly Readonly<Record<string, unknown>>[] | null | undefined): Answer[] {
  return (raw ?? []).flatMap((item) =>
    typeof item.label === "string" && item.label ? [{ label: item.label, value: plainText(item.value) }] : [],
  );
}
