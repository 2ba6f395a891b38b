// The company picker (a contact's company) and the contact picker (the contact a new lead is for),
// each searching the API from 3 characters.

import { useQueryClient } from "@tanstack/react-query";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { useContactsApi } from "./api";
import type { PickedCompany } from "./contactForm";
import { contactName } from "./labels";
import { contactKeys } from "./queries";
import { SearchPicker } from "./SearchPicker";

const RESULTS = 8;

export function CompanyPicker({
  value,
  error,
  onChange,
}: {
  value: PickedCompany | null;
  error?: string | undefined;
  onChange: (company: PickedCompany | null) => void;
}) {
  const api = useContactsApi();
  const { grants } = useAuth();
  const queryClient = useQueryClient();
  return (
    <SearchPicker
      label="Company"
      placeholder="Search by name or domain"
      hint="The company this contact works for"
      noun="company"
      value={value && { id: value.company_id, name: value.name || "Unnamed company" }}
      error={error}
      queryKey={contactKeys.companySearch}
      search={async (q, signal) =>
        (await api.listCompanies({ q }, null, RESULTS, signal)).items.map((company) => ({
          id: company.company_id,
          name: company.name,
          detail: company.domain,
        }))
      }
      onChange={(picked) => onChange(picked && { company_id: picked.id, name: picked.name })}
      create={
        grants.can(Permission.contactsWrite)
          ? async (name) => {
              const company = await api.createCompany({ name });
              void queryClient.invalidateQueries({ queryKey: contactKeys.companies });
              return { id: company.company_id, name: company.name };
            }
          : undefined
      }
    />
  );
}

/** The contact a lead is for. */
export interface PickedContact {
  contact_id: string;
  name: string;
  detail: string | null;
}

export function ContactPicker({
  value,
  error,
  onChange,
}: {
  value: PickedContact | null;
  error?: string | undefined;
  onChange: (contact: PickedContact | null) => void;
}) {
  const api = useContactsApi();
  return (
    <SearchPicker
      label="Existing contact"
      placeholder="Search by name, email or phone"
      hint="Pick someone already in your contacts, or leave this empty and type the person below"
      noun="contact"
      value={value && { id: value.contact_id, name: value.name, detail: value.detail }}
      error={error}
      queryKey={contactKeys.contactSearch}
      search={async (q, signal) =>
        (await api.listContacts({ q }, null, RESULTS, signal)).items.map((contact) => ({
          id: contact.contact_id,
          name: contactName(contact),
          detail: contact.email || contact.phone || contact.company_name,
        }))
      }
      onChange={(picked) => onChange(picked && { contact_id: picked.id, name: picked.name, detail: picked.detail ?? null })}
    />
  );
}
