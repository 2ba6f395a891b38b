// The partner application form: its state and the request it sends (POST /affiliate/applications).

import type { PartnerApplicationRequest } from "./types";

export interface ApplicationForm {
  name: string;
  email: string;
  website: string;
  audience: string;
  promotion: string;
}

export const EMPTY_APPLICATION: ApplicationForm = { name: "", email: "", website: "", audience: "", promotion: "" };

/** The form as the API takes it: trimmed, and no website when none was given. */
export function applicationRequest(form: ApplicationForm): PartnerApplicationRequest {
  const website = form.website.trim();
  return {
    name: form.name.trim(),
    email: form.email.trim(),
    ...(website ? { website } : {}),
    audience: form.audience.trim(),
    promotion: form.promotion.trim(),
  };
}
