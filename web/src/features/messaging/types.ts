// The messaging API's shapes: email and SMS templates, their preview, and a one-off email to a contact.

import type { QueryOf, Schemas } from "../../api/contract";

export type Template = Schemas["Template"];
/** A file an email template attaches; `missing`: deleted from the media library since. */
export type TemplateAttachment = Schemas["TemplateAttachment"];
export type TemplateList = Schemas["TemplateList"];
export type TemplateCreate = Schemas["TemplateCreate"];
export type TemplateUpdate = Schemas["TemplateUpdate"];
export type Channel = Template["channel"];
/** GET /message-templates: a search of name, subject and body, and the channel. */
export type TemplateListQuery = QueryOf<"/message-templates">;

export type PreviewRequest = Schemas["PreviewRequest"];
/** A template filled in for a contact (and lead), or for a sample person. */
export type Preview = Schemas["Preview"];

export type MessageSend = Schemas["MessageSend"];
export type MessageSent = Schemas["MessageSent"];

export const CHANNEL_LABELS: Record<Channel, string> = { email: "Email", sms: "SMS" };
