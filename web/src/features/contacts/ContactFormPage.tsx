import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Alert, Card, PageHeader, SelectField, Spinner, TextAreaField, TextField, type Option } from "../../components/ui";
import { useFormErrors } from "../../components/useFormErrors";
import { useLookups } from "../../lib/lookups";
import { useUnsavedChanges } from "../../lib/useUnsavedChanges";
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
import { EditConflictAlert, FormActions, useNewRecordForm, useVersionedEdit, type RecordForm } from "./recordForm";
import { timeZoneOptions } from "./timeZones";
import { CONSENT_CHOICES, CONSENT_SIGNALS, CONTACT_ROLES, type ContactDetail, type ContactFields } from "./types";
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
  const queryClient = useQueryClient();
  const back = company ? { to: `/companies/${company.company_id}`, label: `← Back to ${company.name}` } : { to: "/contacts", label: "← All contacts" };
  const form = useNewRecordForm({
    objectType: "contact",
    inputs: CONTACT_FORM_FIELDS,
    initial: () => emptyContactForm(company),
    create: async (values, customFields) => {
      const body: ContactFields = contactCreateBody(values);
      if (customFields) body.custom_fields = customFields;
      const contact = await api.createContact(body);
      await queryClient.invalidateQueries({ queryKey: contactKeys.contacts });
      if (contact.company_id) void queryClient.invalidateQueries({ queryKey: contactKeys.company(contact.company_id) });
      toast.success(`${contactName(contact)} was added`);
      // Added: the form opens the contact, nothing left unsaved.
      unsaved.allowNavigation();
      return `/contacts/${contact.contact_id}`;
    },
  });
  // Dirty once anything is filled in beyond what the form opened with.
  const unsaved = useUnsavedChanges(
    Object.keys(changedContactFields(emptyContactForm(company), form.values)).length > 0 || form.custom.changed,
  );

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
      <ContactForm form={form} submitLabel="Add contact" cancelTo={back.to} />
      {unsaved.prompt}
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
  const queryClient = useQueryClient();
  const detailPath = `/contacts/${contact.contact_id}`;
  const edit = useVersionedEdit({
    objectType: "contact",
    record: contact,
    inputs: CONTACT_FORM_FIELDS,
    toForm: contactToForm,
    changed: changedContactFields,
    read: { queryKey: contactKeys.contact(contact.contact_id), queryFn: () => api.getContact(contact.contact_id) },
    save: async (changes) => {
      await api.updateContact(contact.contact_id, changes);
      // The contact's name, email, phone and company are copied onto its leads and its companies' lists.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: contactKeys.contact(contact.contact_id) }),
        queryClient.invalidateQueries({ queryKey: contactKeys.contacts }),
        queryClient.invalidateQueries({ queryKey: ["company"] }),
        queryClient.invalidateQueries({ queryKey: ["lead"] }),
        queryClient.invalidateQueries({ queryKey: ["leads"] }),
      ]);
      // Saved: the editor goes back to the contact, its edits no longer unsaved.
      unsaved.allowNavigation();
    },
    savedMessage: "Contact saved",
    detailPath,
  });
  // Dirty against the contact as saved now (a reload after a conflict moves it), custom fields included.
  const unsaved = useUnsavedChanges(
    Object.keys(changedContactFields(contactToForm(contact), edit.values)).length > 0 || edit.custom.changed,
  );

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
      {edit.conflict && <EditConflictAlert noun="contact" reloading={edit.reloading} onReload={edit.reload} />}
      {contact.deleted_at && <Alert tone="warning">This contact is deleted: restore it before editing.</Alert>}
      {contact.leads.length > 0 && (
        <Alert tone="info">
          Its leads show this contact's name, email, phone, country and company: a change here shows on each of its{" "}
          {contact.leads.length === 1 ? "lead" : `${contact.leads.length} leads`} too.
        </Alert>
      )}
      <ContactForm form={edit} submitLabel="Save changes" cancelTo={detailPath} />
      {unsaved.prompt}
    </>
  );
}

function ContactForm({ form, submitLabel, cancelTo }: { form: RecordForm<ContactFormValues>; submitLabel: string; cancelTo: string }) {
  const { values, setValues: onChange, custom, errors } = form;
  if (custom.loading) return <Spinner label="Loading the custom fields" />;
  return (
    <form onSubmit={form.submit} noValidate aria-label="Contact" className="contact-form">
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
      <FormActions cancelTo={cancelTo} busy={form.busy} submitLabel={submitLabel} />
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
