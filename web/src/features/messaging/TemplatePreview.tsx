import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Card } from "../../components/ui";
import { useContactsApi } from "../contacts/api";
import { contactName } from "../contacts/labels";
import { contactKeys } from "../contacts/queries";
import { SearchPicker, type Picked } from "../contacts/SearchPicker";
import { useMessagingApi } from "./api";
import { LeadSelect, PreviewError, PreviewResult } from "./PreviewResult";
import type { PreviewRequest } from "./types";

const RESULTS = 8;
/** Apart from the other contact pickers' searches: its results read otherwise. */
const searchKey = (q: string) => [...contactKeys.contacts, "pick", "preview", q] as const;

/** The contact a preview is for: a search of the contacts the user sees, and then one of its leads. */
function PreviewContact({
  contact,
  leadId,
  onContact,
  onLead,
}: {
  contact: Picked | null;
  leadId: string;
  onContact: (contact: Picked | null) => void;
  onLead: (leadId: string) => void;
}) {
  const api = useContactsApi();
  const detail = useQuery({
    queryKey: contactKeys.contact(contact?.id ?? ""),
    queryFn: () => api.getContact(contact?.id ?? ""),
    enabled: contact !== null,
  });
  return (
    <>
      <SearchPicker
        label="Contact"
        placeholder="Search by name, email or phone"
        hint="Leave empty to preview with a sample person"
        noun="contact"
        value={contact}
        queryKey={searchKey}
        search={async (q, signal) =>
          (await api.listContacts({ q }, null, RESULTS, signal)).items.map((found) => ({
            id: found.contact_id,
            name: contactName(found),
            detail: found.email,
          }))
        }
        onChange={(picked) => {
          onContact(picked);
          onLead("");
        }}
      />
      {contact && detail.data && <LeadSelect leads={detail.data.leads} value={leadId} onChange={onLead} />}
    </>
  );
}

/**
 * The template being edited (saved or not) filled in for a contact as it is now, or for a sample
 * person: the API renders it exactly as a send would.
 */
export function TemplatePreview({ content }: { content: Omit<PreviewRequest, "contact_id" | "lead_id" | "template_id"> }) {
  const api = useMessagingApi();
  const [contact, setContact] = useState<Picked | null>(null);
  const [leadId, setLeadId] = useState("");
  const preview = useMutation({
    mutationFn: () => api.preview({ ...content, contact_id: contact?.id ?? null, lead_id: leadId || null }),
    meta: { inlineErrors: true },
  });
  return (
    <Card title="Preview" className="template-preview">
      <p className="card-intro muted">
        See the template as a contact would receive it, with their details filled in as they are now. Nothing is sent.
      </p>
      <div className="preview-controls">
        <PreviewContact contact={contact} leadId={leadId} onContact={setContact} onLead={setLeadId} />
        <Button busy={preview.isPending} onClick={() => preview.mutate()}>
          {contact ? `Preview for ${contact.name}` : "Preview with a sample person"}
        </Button>
      </div>
      {preview.isError && <PreviewError error={preview.error} />}
      {preview.isSuccess && <PreviewResult preview={preview.data} />}
    </Card>
  );
}
