// A text sent to a contact as its Activity shows it (a "texted" entry): to whom, what, who sent it
// (a person or a workflow), and what became of it (queued, sent, failed with Twilio's reason).

export type TextedStatus = "queued" | "retrying" | "sent" | "failed" | "not_sent";

export interface Texted {
  to: string;
  body: string;
  segments: number | null;
  status: TextedStatus;
  /** Why it was not sent (failed, not sent) or is tried again (retrying). */
  error: string | null;
  templateId: string | null;
  /** The workflow that sent it, by name; null when a person did. */
  workflow: string | null;
  leadId: string | null;
}

const STATUSES: readonly TextedStatus[] = ["queued", "retrying", "sent", "failed", "not_sent"];

const textOf = (value: unknown): string => (typeof value === "string" ? value : "");
const idOf = (value: unknown): string | null => (typeof value === "string" && value ? value : null);

export function readTexted(raw: Readonly<Record<string, unknown>> | null | undefined): Texted {
  const status = STATUSES.find((candidate) => candidate === raw?.status) ?? "queued";
  return {
    to: textOf(raw?.to),
    body: textOf(raw?.body),
    segments: typeof raw?.segments === "number" ? raw.segments : null,
    status,
    error: idOf(raw?.error),
    templateId: idOf(raw?.template_id),
    workflow: idOf(raw?.workflow),
    leadId: idOf(raw?.lead_id),
  };
}

/** "Texted +14155550123" */
export function textedTitle(texted: Texted): string {
  return texted.to ? `Texted ${texted.to}` : "Texted";
}

export type StatusTone = "good" | "bad" | "busy" | "muted";

/** The text's status as a badge, and the reason when it was not (yet) sent. */
export function textedStatus(texted: Texted): { label: string; tone: StatusTone; reason: string | null } {
  switch (texted.status) {
    case "sent":
      return { label: texted.segments && texted.segments > 1 ? `Sent (${texted.segments} parts)` : "Sent", tone: "good", reason: null };
    case "failed":
      return { label: "Failed", tone: "bad", reason: texted.error };
    case "not_sent":
      return { label: "Not sent", tone: "muted", reason: texted.error };
    case "retrying":
      return { label: "Queued: trying again", tone: "busy", reason: texted.error };
    default:
      return { label: "Queued", tone: "busy", reason: null };
  }
}
