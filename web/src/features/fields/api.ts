// The fields operations: custom field definitions, custom values and tags.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type {
  CustomFields,
  CustomFieldsSave,
  CustomValue,
  CustomValueCreate,
  CustomValueList,
  CustomValueUpdate,
  ObjectType,
  Tag,
  TagCreate,
  TagDeletion,
  TagList,
  TagUpdate,
} from "./types";

const fieldsPath = (objectType: ObjectType) => `/custom-fields/${encodeURIComponent(objectType)}`;
const valuePath = (valueId: string) => `/custom-values/${encodeURIComponent(valueId)}`;
const tagPath = (tagId: string) => `/tags/${encodeURIComponent(tagId)}`;

export function fieldsApi(client: ApiClient) {
  return {
    customFields: (objectType: ObjectType) => client.get<CustomFields>(fieldsPath(objectType)),
    /** The whole ordered list; a version other than the stored one is a 409 with the current list. */
    saveCustomFields: (objectType: ObjectType, body: CustomFieldsSave) =>
      client.request<CustomFields>("PUT", fieldsPath(objectType), { body }),
    customValues: () => client.get<CustomValueList>("/custom-values").then((list) => list.items),
    createCustomValue: (body: CustomValueCreate) => client.post<CustomValue>("/custom-values", body),
    updateCustomValue: (valueId: string, body: CustomValueUpdate) => client.patch<CustomValue>(valuePath(valueId), body),
    deleteCustomValue: (valueId: string) => client.delete<CustomValue>(valuePath(valueId)),
    tags: () => client.get<TagList>("/tags").then((list) => list.items),
    createTag: (body: TagCreate) => client.post<Tag>("/tags", body),
    updateTag: (tagId: string, body: TagUpdate) => client.patch<Tag>(tagPath(tagId), body),
    mergeTag: (tagId: string, intoTagId: string) => client.post<Tag>(`${tagPath(tagId)}/merge`, { into: intoTagId }),
    deleteTag: (tagId: string) => client.delete<TagDeletion>(tagPath(tagId)),
  };
}

export type FieldsApi = ReturnType<typeof fieldsApi>;
export const useFieldsApi = apiHook(fieldsApi);
