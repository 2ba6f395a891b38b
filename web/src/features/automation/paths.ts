// Where the automation pages and the records an enrolment is about live in the app.

export const WORKFLOWS_PATH = "/settings/automation";

export function workflowPath(workflowId: string): string {
  return `${WORKFLOWS_PATH}/${encodeURIComponent(workflowId)}`;
}

/** The page of an enrolment's lead, else its contact; null when it names neither. */
export function subjectPath(subject: { lead_id: string | null; contact_id: string | null }): string | null {
  if (subject.lead_id) return `/leads/${encodeURIComponent(subject.lead_id)}`;
  if (subject.contact_id) return `/contacts/${encodeURIComponent(subject.contact_id)}`;
  return null;
}

/** Settings > Automation > Webhooks: the account's signing secret. */
export const WEBHOOKS_SETTINGS_PATH = `${WORKFLOWS_PATH}/webhooks`;
