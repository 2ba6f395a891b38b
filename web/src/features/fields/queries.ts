// Query keys of the fields feature, and the custom field definitions read that record pages and forms
// share.

import { useQuery } from "@tanstack/react-query";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { useFieldsApi } from "./api";
import type { ObjectType } from "./types";

export const fieldsKeys = {
  customFields: (objectType: ObjectType) => ["custom-fields", objectType] as const,
  customValues: ["custom-values"] as const,
  tags: ["tags"] as const,
};

/** The ordered custom field definitions of an object type, for the pages and forms that show them. */
export function useCustomFields(objectType: ObjectType) {
  const api = useFieldsApi();
  const { grants } = useAuth();
  return useQuery({
    queryKey: fieldsKeys.customFields(objectType),
    queryFn: () => api.customFields(objectType),
    enabled: grants.can(Permission.contactsRead),
    staleTime: 60_000,
  });
}
