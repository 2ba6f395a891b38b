import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, PageHeader, SelectField, Spinner, TextField, type Option } from "../../components/ui";
import { useFormErrors } from "../../components/useFormErrors";
import { useLookups } from "../../lib/lookups";
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
import type { CompanyDetail } from "./types";
import { useCustomFieldForm, type CustomFieldForm } from "./useCustomFieldForm";
import "./contacts.css";

type FormErrors = ReturnType<typeof useFormErrors>;

export function NewCompanyPage() {
  const api = useContactsApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<CompanyFormValues>(emptyCompanyForm);
  const [busy, setBusy] = useState(false);
  const custom = useCustomFieldForm("company");
  const errors = useFormErrors([...COMPANY_FORM_FIELDS, ...custom.inputNames]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      const body = companyCreateBody(values);
      const customFields = custom.body();
      if (Object.keys(customFields).length) body.custom_fields = customFields;
      const company = await api.createCompany(body);
      await queryClient.invalidateQueries({ queryKey: contactKeys.companies });
      toast.success(`${company.name} was added`);
      navigate(`/companies/${company.company_id}`, { replace: true });
    } catch (error) {
      errors.show(error);
      setBusy(false);
    }
  }

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
      {custom.loading ? (
        <Spinner label="Loading the custom fields" />
      ) : (
        <CompanyForm
          values={values}
          onChange={setValues}
          custom={custom}
          onSubmit={submit}
          errors={errors}
          busy={busy}
          submitLabel="Add company"
          cancelTo="/companies"
        />
      )}
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
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // What the editor started from: a background refetch must not move the version under their edits.
  const [base, setBase] = useState(() => ({ values: companyToForm(company), customFields: company.custom_fields, version: company.version }));
  const [values, setValues] = useState(base.values);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);
  const custom = useCustomFieldForm("company", base.customFields);
  const errors = useFormErrors([...COMPANY_FORM_FIELDS, ...custom.inputNames]);
  const detailPath = `/companies/${company.company_id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setConflict(null);
    const changes = changedCompanyFields(base.values, values);
    // The map is written whole: it goes only when a custom field changed.
    if (custom.changed) changes.custom_fields = custom.body();
    if (Object.keys(changes).length === 0) {
      toast.info("Nothing changed");
      navigate(detailPath);
      return;
    }
    setBusy(true);
    try {
      await api.updateCompany(company.company_id, { ...changes, version: base.version });
      // A new name is carried to the company's contacts and their leads.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: contactKeys.company(company.company_id) }),
        queryClient.invalidateQueries({ queryKey: contactKeys.companies }),
        changes.name !== undefined && queryClient.invalidateQueries({ queryKey: contactKeys.contacts }),
        changes.name !== undefined && queryClient.invalidateQueries({ queryKey: ["contact"] }),
      ]);
      toast.success("Company saved");
      navigate(detailPath);
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) setConflict(error.message);
      else errors.show(error);
      setBusy(false);
    }
  }

  async function reload() {
    setReloading(true);
    try {
      const fresh = await queryClient.fetchQuery({
        queryKey: contactKeys.company(company.company_id),
        queryFn: () => api.getCompany(company.company_id),
        staleTime: 0,
      });
      const next = { values: companyToForm(fresh), customFields: fresh.custom_fields, version: fresh.version };
      setBase(next);
      setValues(next.values);
      custom.reset();
      setConflict(null);
      errors.clear();
      toast.info("Loaded the latest version of this company");
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setReloading(false);
    }
  }

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
      {conflict && (
        <Alert
          tone="warning"
          title="Someone else changed this company: reload"
          actions={
            <Button variant="primary" busy={reloading} onClick={reload}>
              Reload
            </Button>
          }
        >
          Your changes were not saved. Reload to see the latest version, then make your changes again.
        </Alert>
      )}
      {company.deleted_at && <Alert tone="warning">This company is deleted: restore it before editing.</Alert>}
      {custom.loading ? (
        <Spinner label="Loading the custom fields" />
      ) : (
        <CompanyForm
          values={values}
          onChange={setValues}
          custom={custom}
          onSubmit={submit}
          errors={errors}
          busy={busy}
          submitLabel="Save changes"
          cancelTo={detailPath}
        />
      )}
    </>
  );
}

type TextKey = "name" | "domain" | "phone" | "website" | "owner_id" | "tags";

function CompanyForm({
  values,
  onChange,
  custom,
  onSubmit,
  errors,
  busy,
  submitLabel,
  cancelTo,
}: {
  values: CompanyFormValues;
  onChange: (values: CompanyFormValues) => void;
  custom: CustomFieldForm;
  onSubmit: (event: FormEvent) => void;
  errors: FormErrors;
  busy: boolean;
  submitLabel: string;
  cancelTo: string;
}) {
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
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Company">
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
      <div className="form-actions sticky-actions">
        <Link className="btn btn-secondary" to={cancelTo}>
          Cancel
        </Link>
        <Button type="submit" variant="primary" busy={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
