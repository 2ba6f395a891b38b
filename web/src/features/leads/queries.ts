// Query keys of the lead list and a lead's page.

import type { LeadFilters } from "./filters";

export const leadKeys = {
  leads: ["leads"] as const,
  leadPage: (filters: LeadFilters, cursor: string | null) => ["leads", "page", filters, cursor] as const,
  lead: (leadId: string) => ["lead", leadId] as const,
};
