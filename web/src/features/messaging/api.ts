// The messaging operations: templates (listed, read, written, cloned, deleted, previewed) and a
// one-off email to a contact.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type {
  MessageSend,
  MessageSent,
  Preview,
  PreviewRequest,
  Template,
  TemplateCreate,
  TemplateList,
  TemplateListQuery,
  TemplateUpdate,
} from "./types";

const template = (templateId: string) => `/message-templates/${encodeURIComponent(templateId)}`;

export function messagingApi(client: ApiClient) {
  return {
    listTemplates: (query: TemplateListQuery, signal?: AbortSignal) =>
      client.get<TemplateList>("/message-templates", query, signal).then((list) => list.items),
    getTemplate: (templateId: string) => client.get<Template>(template(templateId)),
    createTemplate: (body: TemplateCreate) => client.post<Template>("/message-templates", body),
    /** A version other than the stored one is a 409 `stale_version`. */
    updateTemplate: (templateId: string, body: TemplateUpdate) => client.patch<Template>(template(templateId), body),
    deleteTemplate: (templateId: string) => client.delete<null>(template(templateId)),
    cloneTemplate: (templateId: string) => client.post<Template>(`${template(templateId)}/clone`),
    /** 422 `unknown_merge_field` names a merge field that exists nowhere. */
    preview: (body: PreviewRequest) => client.post<Preview>("/message-templates/preview", body),
    /** Queued (202); the same request key twice sends once. */
    sendMessage: (contactId: string, body: MessageSend) =>
      client.post<MessageSent>(`/contacts/${encodeURIComponent(contactId)}/messages`, body),
  };
}

export type MessagingApi = ReturnType<typeof messagingApi>;
export const useMessagingApi = apiHook(messagingApi);
