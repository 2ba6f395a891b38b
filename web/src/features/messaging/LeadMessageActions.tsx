import { useQuery } from "@tanstack/react-query";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { useContactsApi } from "../contacts/api";
import { contactKeys } from "../contacts/queries";
import { SendEmailButton } from "./SendEmailDialog";
import { SendSmsButton } from "./SendSmsDialog";
import "./messaging.css";

/**
 * "Send email" and "Send SMS" on a lead's page: to the lead's contact, the text about this lead (its
 * merge fields). Both go on the contact's Activity; the email shows on the lead's timeline too. Nothing
 * shows for a lead without a contact, or for someone who sends no messages.
 */
export function LeadMessageActions({ lead }: { lead: { lead_id: string; contact_id?: string | null; deleted_at?: string | null } }) {
  const api = useContactsApi();
  const sends = useAuth().grants.can(Permission.messagesSend);
  const contactId = lead.contact_id ?? "";
  const contact = useQuery({
    queryKey: contactKeys.contact(contactId),
    queryFn: () => api.getContact(contactId),
    enabled: sends && Boolean(contactId) && !lead.deleted_at,
    meta: { inlineErrors: true },
  });
  if (!sends || !contact.data || lead.deleted_at) return null;
  return (
    <div className="record-toolbar" aria-label="Message the lead's contact" role="group">
      <SendEmailButton contact={contact.data} leadId={lead.lead_id} />
      <SendSmsButton contact={contact.data} leadId={lead.lead_id} />
    </div>
  );
}
