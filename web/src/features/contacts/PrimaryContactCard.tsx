import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { ApiError } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, SelectField, type Option } from "../../components/ui";
import { useFormErrors } from "../../components/useFormErrors";
import { useContactsApi } from "./api";
import { contactName } from "./labels";
import { contactKeys } from "./queries";
import type { CompanyDetail } from "./types";

const FIELDS = ["primary_contact_id"];

/** The company's primary contact, picked from its contacts. */
export function PrimaryContactCard({ company }: { company: CompanyDetail }) {
  const api = useContactsApi();
  const { grants } = useAuth();
  const queryClient = useQueryClient();
  const current = company.primary_contact_id ?? "";
  const [chosen, setChosen] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const errors = useFormErrors(FIELDS);
  const value = chosen ?? current;
  const primary = company.contacts.find((contact) => contact.contact_id === company.primary_contact_id);
  const save = useMutation({
    mutationFn: () => api.updateCompany(company.company_id, { primary_contact_id: value || null, version: company.version }),
    meta: { inlineErrors: true },
    onMutate: () => {
      errors.clear();
      setConflict(false);
    },
    onSuccess: async () => {
      toast.success(value ? "Primary contact saved" : "The company has no primary contact now");
      setChosen(null);
      await queryClient.invalidateQueries({ queryKey: contactKeys.company(company.company_id) });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.isConflict) setConflict(true);
      else errors.show(error);
    },
  });

  if (!grants.can(Permission.contactsWrite) || company.deleted_at) {
    return (
      <Card title="Primary contact">
        {primary ? <Link to={`/contacts/${primary.contact_id}`}>{contactName(primary)}</Link> : <p className="muted">None chosen.</p>}
      </Card>
    );
  }
  if (company.contacts.length === 0) {
    return (
      <Card title="Primary contact">
        <p className="muted">Add a contact to this company first, then make them its primary contact.</p>
      </Card>
    );
  }
  const options: Option[] = [
    { value: "", label: "None" },
    ...company.contacts.map((contact) => ({ value: contact.contact_id, label: contactName(contact) })),
  ];
  return (
    <Card title="Primary contact">
      {conflict && (
        <Alert
          tone="warning"
          title="Someone else changed this company: reload"
          actions={
            <Button
              variant="primary"
              onClick={() => {
                setConflict(false);
                void queryClient.invalidateQueries({ queryKey: contactKeys.company(company.company_id) });
              }}
            >
              Reload
            </Button>
          }
        >
          The primary contact was not saved.
        </Alert>
      )}
      {errors.summary && !errors.byField.primary_contact_id && <Alert>{errors.summary}</Alert>}
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <SelectField
          label="Pick from its contacts"
          options={options}
          value={value}
          error={errors.byField.primary_contact_id}
          hint="The person to reach first at this company"
          onChange={(event) => setChosen(event.target.value)}
        />
        <Button type="submit" variant="secondary" busy={save.isPending} disabled={value === current}>
          Save
        </Button>
      </form>
    </Card>
  );
}
