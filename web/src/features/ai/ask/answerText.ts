// An answer as the page shows it: plain text in which only the markdown links to the pages the answer
// cites become links. Whatever else the model wrote stays text, so nothing it says is rendered as HTML
// and no link leaves Convertly.

import type { Citation } from "./types";

export type AnswerSegment = { kind: "text"; text: string } | { kind: "link"; label: string; to: string };

// As the API reads links in an answer (convertly/ai/questions.py): a label on one line, a path without spaces.
const MARKDOWN_LINK = /\[([^\]\n]{0,200})\]\(([^)\s]{0,500})\)/g;

/** A path of this app: one leading slash, not a protocol-relative `//host` nor a backslash trick. */
export function isOwnPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.includes("\\");
}

/**
 * The answer's text split into text and links. A markdown link becomes a link only when its path is
 * one of the message's citations and a page of this app; any other link becomes its label as text.
 */
export function answerSegments(text: string, citations: readonly Citation[]): AnswerSegment[] {
  const cited = new Set(citations.map((citation) => citation.path).filter(isOwnPath));
  const segments: AnswerSegment[] = [];
  const addText = (piece: string) => {
    if (!piece) return;
    const last = segments[segments.length - 1];
    if (last?.kind === "text") last.text += piece;
    else segments.push({ kind: "text", text: piece });
  };
  let at = 0;
  for (const match of text.matchAll(MARKDOWN_LINK)) {
    const [whole, label = "", path = ""] = match;
    addText(text.slice(at, match.index));
    if (cited.has(path)) segments.push({ kind: "link", label: label.trim() || path, to: path });
    else addText(label);
    at = match.index + whole.length;
  }
  addText(text.slice(at));
  return segments;
}

/** A tool call's arguments in words: `period: last_month, limit: 10`; "no arguments" when it took none. */
export function argumentsText(args: Record<string, unknown>): string {
  const parts = Object.entries(args).map(([name, value]) => `${name}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  return parts.length ? parts.join(", ") : "no arguments";
}
