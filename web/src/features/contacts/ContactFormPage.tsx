import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, PageHeader, SelectField, Spinner, TextAreaField, TextField, type Option } from "../../components/ui";
import { useFormErrors } from "../../components/useFormErrors";
import { useLookups } from "../../lib/lookups";
import { UpgradeLink } from "../billing/UpgradeLink";
import { CheckboxField } from "../capture/controls";
import { useContactsApi } from "./api";
import { AddressFields } from "./AddressFields";
import {
  changedContactFields,
  CONTACT_FORM_FIELDS,
  contactCreateBody,
  contactToForm,
  emptyContactForm,
  type ContactFormValues,
  type PickedCompany,
} from "./contactForm";
import { CustomFieldInputs } from "./CustomFieldInputs";
import { CONSENT_CHOICE_LABELS, CONSENT_LABELS, contactName } from "./labels";
import { CompanyPicker } from "./pickers";
import { contactKeys } from "./queries";
import { timeZoneOptions } from "./timeZones";
import { CONSENT_CHOICES, CONSENT_SIGNALS, CONTACT_ROLES, type ContactDetail, type ContactFields } from "./types";
import { useCustomFieldForm, type CustomFieldForm } from "./useCustomFieldForm";
import "../capture/forms.css";
import "./contacts.css";

type FormErrors = ReturnType<typeof useFormErrors>;

export function NewContactPage() {
  const [params] = useSearchParams();
  const companyId = params.get("company_id");
  const api = useContactsApi();
  // Opened from a company's page: the company is already picked.
  const company = useQuery({
    queryKey: contactKeys.company(companyId ?? ""),
    queryFn: () => api.getCompany(companyId ?? ""),
    enabled: Boolean(companyId),
  });
  if (companyId && company.isPending) return <Spinner label="Loading the company" />;
  const picked = company.data && !company.data.deleted_at ? { company_id: company.data.company_id, name: company.data.name } : null;
  return <NewContactForm company={picked} />;
}

function NewContactForm({ company }: { company: PickedCompany | null }) {
  const api = useContactsApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<ContactFormValues>(() => emptyContactForm(company));
  const [busy, setBusy] = useState(false);
  const custom = useCustomFieldForm("contact");
  const errors = useFormErrors([...CONTACT_FORM_FIELDS, ...custom.inputNames]);
  const back = company ? { to: `/companies/${company.company_id}`, label: `← Back to ${company.name}` } : { to: "/contacts", label: "← All contacts" };

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      const body: ContactFields = contactCreateBody(values);
      const customFields = custom.body();
      if (Object.keys(customFields).length) body.custom_fields = customFields;
      const contact = await api.createContact(body);
      await queryClient.invalidateQueries({ queryKey: contactKeys.contacts });
      if (contact.company_id) void queryClient.invalidateQueries({ queryKey: contactKeys.company(contact.company_id) });
      toast.success(`${contactName(contact)} was added`);
      navigate(`/contacts/${contact.contact_id}`, { replace: true });
    } catch (error) {
      errors.show(error);
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title="New contact"
        back={
          <Link to={back.to} className="back-link">
            {back.label}
          </Link>
        }
      />
      {custom.loading ? (
        <Spinner label="Loading the custom fields" />
      ) : (
        <ContactForm
          values={values}
          onChange={setValues}
          custom={custom}
          onSubmit={submit}
          errors={errors}
          busy={busy}
          submitLabel="Add contact"
          cancelTo={back.to}
        />
      )}
    </>
  );
}

export function EditContactPage() {
  const { contactId = "" } = useParams();
  const api = useContactsApi();
  const contact = useQuery({ queryKey: contactKeys.contact(contactId), queryFn: () => api.getContact(contactId) });
  if (contact.isPending) return <Spinner label="Loading the contact" />;
  if (contact.isError) return <Alert title="The contact could not be loaded">{errorMessage(contact.error)}</Alert>;
  return <EditContactForm key={contactId} contact={contact.data} />;
}

function EditContactForm({ contact }: { contact: ContactDetail }) {
  const api = useContactsApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // What the editor started from: a background refetch must not move the version under their edits.
  const [base, setBase] = useState(() => ({ values: contactToForm(contact), customFields: contact.custom_fields, version: contact.version }));
  const [values, setValues] = useState(base.values);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);
  const custom = useCustomFieldForm("contact", base.customFields);
  const errors = useFormErrors([...CONTACT_FORM_FIELDS, ...custom.inputNames]);
  const detailPath = `/contacts/${contact.contact_id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setConflict(null);
    const changes = changedContactFields(base.values, values);
    // The map is written whole: it goes only when a custom field changed.
    if (custom.changed) changes.custom_fields = custom.body();
    if (Object.keys(changes).length === 0) {
      toast.info("Nothing changed");
      navigate(detailPath);
      return;
    }
    setBusy(true);
    try {
      await api.updateContact(contact.contact_id, { ...changes, version: base.version });
      // The contact's name, email, phone and company are copied onto its leads and its companies' lists.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: contactKeys.contact(contact.contact_id) }),
        queryClient.invalidateQueries({ queryKey: contactKeys.contacts }),
        queryClient.invalidateQueries({ queryKey: ["company"] }),
        queryClient.invalidateQueries({ queryKey: ["lead"] }),
        queryClient.invalidateQueries({ queryKey: ["leads"] }),
      ]);
      toast.success("Contact saved");
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
        queryKey: contactKeys.contact(contact.contact_id),
        queryFn: () => api.getContact(contact.contact_id),
        staleTime: 0,
      });
      const next = { values: contactToForm(fresh), customFields: fresh.custom_fields, version: fresh.version };
      setBase(next);
      setValues(next.values);
      custom.reset();
      setConflict(null);
      errors.clear();
      toast.info("Loaded the latest version of this contact");
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setReloading(false);
    }
  }

  return (
    <>
      <PageHeader
        title={`Edit ${contactName(contact)}`}
        back={
          <Link to={detailPath} className="back-link">
            ← Back to the contact
          </Link>
        }
      />
      {conflict && (
        <Alert
          tone="warning"
          title="Someone else changed this contact: reload"
          actions={
            <Button variant="primary" busy={reloading} onClick={reload}>
              Reload
            </Button>
          }
        >
          Your changes were not saved. Reload to see the latest version, then make your changes again.
        </Alert>
      )}
      {contact.deleted_at && <Alert tone="warning">This contact is deleted: restore it before editing.</Alert>}
      {contact.leads.length > 0 && (
        <Alert tone="info">
          Its leads show this contact's name, email, phone, country and company: a change here shows on each of its{" "}
          {contact.leads.length === 1 ? "lead" : `${contact.leads.length} leads`} too.
        </Alert>
      )}
      {custom.loading ? (
        <Spinner label="Loading the custom fields" />
      ) : (
        <ContactForm
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

function ContactForm({
  values,
  onChange,
  custom,
  onSubmit,
  errors,
  busy,
  submitLabel,
  cancelTo,
}: {
  values: ContactFormValues;
  onChange: (values: ContactFormValues) => void;
  custom: CustomFieldForm;
  onSubmit: (event: FormEvent) => void;
  errors: FormErrors;
  busy: boolean;
  submitLabel: string;
  cancelTo: string;
}) {
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Contact" className="contact-form">
      {errors.summary && (
        <Alert title="The contact was not saved" actions={errors.planLimit && <UpgradeLink limit={errors.planLimit} />}>
          {errors.summary}
        </Alert>
      )}
      <PersonCard values={values} onChange={onChange} errors={errors} />
      <Card title="Address">
        <AddressFields
          values={values.address}
          onChange={(address) => onChange({ ...values, address })}
          errors={errors.byField}
        />
      </Card>
      <DetailsCard values={values} onChange={onChange} errors={errors} />
      <CustomFieldInputs definitions={custom.definitions} values={custom.values} errors={errors.byField} onChange={custom.onChange} />
      <ConsentCard values={values} onChange={onChange} errors={errors} />
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

type TextKey = "first_name" | "last_name" | "email" | "emails" | "phone" | "phones" | "country" | "owner_id" | "tags" | "website" | "time_zone";

interface SectionProps {
  values: ContactFormValues;
  onChange: (values: ContactFormValues) => void;
  errors: FormErrors;
}

function textField(values: ContactFormValues, onChange: (values: ContactFormValues) => void, errors: FormErrors) {
  return (key: TextKey) => ({
    value: values[key],
    onChange: (event: { target: { value: string } }) => onChange({ ...values, [key]: event.target.value }),
    error: errors.byField[key],
  });
}

function PersonCard({ values, onChange, errors }: SectionProps) {
  const { grants } = useAuth();
  const lookups = useLookups();
  const field = textField(values, onChange, errors);
  const roles: Option[] = CONTACT_ROLES.map((role) => ({ value: role, label: role }));
  const owners: Option[] = [
    { value: "", label: "Unassigned" },
    ...lookups.users.map((user) => ({ value: user.user_id, label: user.name || user.email })),
  ];
  return (
    <Card title="Person">
      <div className="form-grid">
        <TextField label="First name" autoComplete="off" {...field("first_name")} />
        <TextField label="Last name" autoComplete="off" {...field("last_name")} />
        <TextField label="Email" type="email" autoComplete="off" {...field("email")} hint="The main email" />
        <TextAreaField label="Other emails" rows={2} {...field("emails")} hint="One per line, up to 5" />
        <TextField label="Phone" type="tel" autoComplete="off" {...field("phone")} hint="The main phone" />
        <TextAreaField label="Other phones" rows={2} {...field("phones")} hint="One per line, up to 5" />
        <TextField
          label="Country"
          maxLength={2}
          autoComplete="off"
          {...field("country")}
          hint="Two letters, e.g. US: local phone numbers are read as this country's"
        />
        <CompanyPicker value={values.company} error={errors.byField.company_id} onChange={(company) => onChange({ ...values, company })} />
        <SelectField
          label="Role"
          options={roles}
          value={values.role}
          error={errors.byField.role}
          onChange={(event) => onChange({ ...values, role: CONTACT_ROLES.find((role) => role === event.target.value) ?? "Lead" })}
        />
        {grants.can(Permission.contactsReadAll) && <SelectField label="Owner" options={owners} {...field("owner_id")} />}
        <TextField label="Tags" {...field("tags")} hint="Separate tags with commas" className="span-2" />
      </div>
    </Card>
  );
}

function DetailsCard({ values, onChange, errors }: SectionProps) {
  const field = textField(values, onChange, errors);
  const zones = useMemo(() => timeZoneOptions(values.time_zone), [values.time_zone]);
  return (
    <Card title="More details">
      <div className="form-grid">
        <TextField label="Website" type="url" autoComplete="off" placeholder="https://" {...field("website")} />
        <SelectField label="Time zone" options={zones} {...field("time_zone")} />
        <CheckboxField
          label="Active"
          checked={values.active}
          error={errors.byField.active}
          hint="Clear it for someone you no longer work with; the contact and its leads stay"
          onChange={(event) => onChange({ ...values, active: event.target.checked })}
        />
        <CheckboxField
          label="Test contact"
          checked={values.test}
          error={errors.byField.test}
          hint="Marks someone made while trying things out, such as a test form submission"
          onChange={(event) => onChange({ ...values, test: event.target.checked })}
        />
      </div>
    </Card>
  );
}

function ConsentCard({ values, onChange, errors }: SectionProps) {
  const choices: Option[] = CONSENT_CHOICES.map((choice) => ({ value: choice, label: CONSENT_CHOICE_LABELS[choice] }));
  return (
    <Card title="Consent">
      <p className="muted card-intro">What this person agreed to. Conversions reported to Google Ads and Meta carry the two ad choices.</p>
      <div className="form-grid">
        {CONSENT_SIGNALS.map((signal) => (
          <SelectField
            key={signal}
            label={CONSENT_LABELS[signal]}
            options={choices}
            value={values.consent[signal]}
            error={errors.byField[`consent.${signal}`]}
            onChange={(event) => {
              const choice = CONSENT_CHOICES.find((value) => value === event.target.value) ?? "unspecified";
              onChange({ ...values, consent: { ...values.consent, [signal]: choice } });
            }}
          />
        ))}
      </div>
      {errors.byField.consent && <p className="field-error">{errors.byField.consent}</p>}
    </Card>
  );
}
