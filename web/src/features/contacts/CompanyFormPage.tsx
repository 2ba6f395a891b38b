import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Alert, Card, PageHeader, SelectField, Spinner, TextField, type Option } from "../../components/ui";
import { useLookups } from "../../lib/lookups";
import { useUnsavedChanges } from "../../lib/useUnsavedChanges";
import { useContactsApi } from "./api";
import { AddressFields } from "./AddressFields";
import { CustomFieldInputs } from "./CustomFieldInputs";
import {
  changedCompanyFields,
  COMPANY_FORM_FIELDS,
  companyCreateBody,
  companyToForm,
  emptyCompanyForm,
  type CompanyFormValues,
} from "./contactForm";
import { contactKeys } from "./queries";
import { EditConflictAlert, FormActions, useNewRecordForm, useVersionedEdit, type RecordForm } from "./recordForm";
import type { CompanyDetail } from "./types";
import "./contacts.css";

export function NewCompanyPage() {
  const api = useContactsApi();
  const queryClient = useQueryClient();
  const form = useNewRecordForm({
    objectType: "company",
    inputs: COMPANY_FORM_FIELDS,
    initial: emptyCompanyForm,
    create: async (values, customFields) => {
      const body = companyCreateBody(values);
      if (customFields) body.custom_fields = customFields;
      const company = await api.createCompany(body);
      await queryClient.invalidateQueries({ queryKey: contactKeys.companies });
      toast.success(`${company.name} was added`);
      // Added: the form opens the company, nothing left unsaved.
      unsaved.allowNavigation();
      return `/companies/${company.company_id}`;
    },
  });
  // Dirty once anything is filled in.
  const unsaved = useUnsavedChanges(
    Object.keys(changedCompanyFields(emptyCompanyForm(), form.values)).length > 0 || form.custom.changed,
  );

  return (
    <>
      <PageHeader
        title="New company"
        back={
          <Link to="/companies" className="back-link">
            ← All companies
          </Link>
        }
      />
      <CompanyForm form={form} submitLabel="Add company" cancelTo="/companies" />
      {unsaved.prompt}
    </>
  );
}

export function EditCompanyPage() {
  const { companyId = "" } = useParams();
  const api = useContactsApi();
  const company = useQuery({ queryKey: contactKeys.company(companyId), queryFn: () => api.getCompany(companyId) });
  if (company.isPending) return <Spinner label="Loading the company" />;
  if (company.isError) return <Alert title="The company could not be loaded">{errorMessage(company.error)}</Alert>;
  return <EditCompanyForm key={companyId} company={company.data} />;
}

function EditCompanyForm({ company }: { company: CompanyDetail }) {
  const api = useContactsApi();
  const queryClient = useQueryClient();
  const detailPath = `/companies/${company.company_id}`;
  const edit = useVersionedEdit({
    objectType: "company",
    record: company,
    inputs: COMPANY_FORM_FIELDS,
    toForm: companyToForm,
    changed: changedCompanyFields,
    read: { queryKey: contactKeys.company(company.company_id), queryFn: () => api.getCompany(company.company_id) },
    save: async (changes) => {
      await api.updateCompany(company.company_id, changes);
      // A new name is carried to the company's contacts and their leads.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: contactKeys.company(company.company_id) }),
        queryClient.invalidateQueries({ queryKey: contactKeys.companies }),
        changes.name !== undefined && queryClient.invalidateQueries({ queryKey: contactKeys.contacts }),
        changes.name !== undefined && queryClient.invalidateQueries({ queryKey: ["contact"] }),
      ]);
      // Saved: the editor goes back to the company, its edits no longer unsaved.
      unsaved.allowNavigation();
    },
    savedMessage: "Company saved",
    detailPath,
  });
  // Dirty against the company as saved now (a reload after a conflict moves it), custom fields included.
  const unsaved = useUnsavedChanges(
    Object.keys(changedCompanyFields(companyToForm(company), edit.values)).length > 0 || edit.custom.changed,
  );

  return (
    <>
      <PageHeader
        title={`Edit ${company.name}`}
        back={
          <Link to={detailPath} className="back-link">
            ← Back to the company
          </Link>
        }
      />
      {edit.conflict && <EditConflictAlert noun="company" reloading={edit.reloading} onReload={edit.reload} />}
      {company.deleted_at && <Alert tone="warning">This company is deleted: restore it before editing.</Alert>}
      <CompanyForm form={edit} submitLabel="Save changes" cancelTo={detailPath} />
      {unsaved.prompt}
    </>
  );
}

type TextKey = "name" | "domain" | "phone" | "website" | "owner_id" | "tags";

function CompanyForm({ form, submitLabel, cancelTo }: { form: RecordForm<CompanyFormValues>; submitLabel: string; cancelTo: string }) {
  const { values, setValues: onChange, custom, errors } = form;
  const { grants } = useAuth();
  const lookups = useLookups();
  const field = (key: TextKey) => ({
    value: values[key],
    onChange: (event: { target: { value: string } }) => onChange({ ...values, [key]: event.target.value }),
    error: errors.byField[key],
  });
  const owners: Option[] = [
    { value: "", label: "Unassigned" },
    ...lookups.users.map((user) => ({ value: user.user_id, label: user.name || user.email })),
  ];
  if (custom.loading) return <Spinner label="Loading the custom fields" />;
  return (
    <form onSubmit={form.submit} noValidate aria-label="Company">
      {errors.summary && <Alert title="The company was not saved">{errors.summary}</Alert>}
      <Card title="Company">
        <div className="form-grid">
          <TextField label="Name" autoComplete="off" required {...field("name")} />
          <TextField label="Domain" autoComplete="off" placeholder="example.com" {...field("domain")} />
          <TextField label="Phone" type="tel" autoComplete="off" {...field("phone")} />
          <TextField label="Website" type="url" autoComplete="off" placeholder="https://" {...field("website")} />
          {grants.can(Permission.contactsReadAll) && <SelectField label="Owner" options={owners} {...field("owner_id")} />}
          <TextField label="Tags" {...field("tags")} hint="Separate tags with commas" className="span-2" />
        </div>
      </Card>
      <Card title="Address">
        <AddressFields values={values.address} onChange={(address) => onChange({ ...values, address })} errors={errors.byField} />
      </Card>
      <CustomFieldInputs definitions={custom.definitions} values={custom.values} errors={errors.byField} onChange={custom.onChange} />
      <FormActions cancelTo={cancelTo} busy={form.busy} submitLabel={submitLabel} />
    </form>
  );
}
