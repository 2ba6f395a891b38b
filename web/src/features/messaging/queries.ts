// Query keys of the messaging feature.

import type { TemplateListQuery } from "./types";

export const templateKeys = {
  templates: ["message-templates"] as const,
  list: (query: TemplateListQuery) => ["message-templates", "list", query] as const,
  template: (templateId: string) => ["message-templates", "one", templateId] as const,
};
