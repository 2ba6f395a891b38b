// Query keys of the fields feature.

import type { ObjectType } from "./types";

export const fieldsKeys = {
  customFields: (objectType: ObjectType) => ["custom-fields", objectType] as const,
  customValues: ["custom-values"] as const,
  tags: ["tags"] as const,
};
