import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { useAuth, useProfile } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, PageHeader, SelectField, Spinner, TextField, type Option } from "../../components/ui";
import { useFormErrors } from "../../components/useFormErrors";
import { sourceLabel } from "../../lib/format";
import { useLookups } from "../../lib/lookups";
import { UpgradeLink } from "../billing/UpgradeLink";
import { useContactsApi } from "../contacts/api";
import { CustomFieldInputs } from "../contacts/CustomFieldInputs";
import { contactName } from "../contacts/labels";
import { ContactPicker, type PickedContact } from "../contacts/pickers";
import { contactKeys } from "../contacts/queries";
import { useCustomFieldForm, type CustomFieldForm } from "../contacts/useCustomFieldForm";
import { pipelineKeys } from "../pipelines/queries";
import { useLeadsApi } from "./api";
import {
  changedFields,
  createBody,
  createBodyForContact,
  emptyLeadForm,
  LEAD_FORM_FIELDS,
  leadCustomFields,
  leadToForm,
  type LeadFormValues,
} from "./leadForm";
import { leadKeys } from "./queries";
import { LEAD_SOURCES, type LeadDetail } from "./types";

const NEW_LEAD_FIELDS = [...LEAD_FORM_FIELDS, "contact_id"];

/** A new lead; `?contact_id=` (a contact page's "New lead") opens it for that contact. */
export function NewLeadPage() {
  const [params] = useSearchParams();
  const contactId = params.get("contact_id");
  const contactsApi = useContactsApi();
  const contact = useQuery({
    queryKey: contactKeys.contact(contactId ?? ""),
    queryFn: () => contactsApi.getContact(contactId ?? ""),
    enabled: Boolean(contactId),
  });
  if (contactId && contact.isPending) return <Spinner label="Loading the contact" />;
  const picked: PickedContact | null =
    contact.data && !contact.data.deleted_at
      ? { contact_id: contact.data.contact_id, name: contactName(contact.data), detail: contact.data.email || contact.data.phone }
      : null;
  return <NewLeadForm key={contactId ?? ""} contact={picked} />;
}

function NewLeadForm({ contact: openedFor }: { contact: PickedContact | null }) {
  const api = useLeadsApi();
  const profile = useProfile();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<LeadFormValues>(() => emptyLeadForm(profile.tenant?.currency));
  const [contact, setContact] = useState<PickedContact | null>(openedFor);
  const [busy, setBusy] = useState(false);
  const custom = useCustomFieldForm("lead");
  const errors = useFormErrors([...NEW_LEAD_FIELDS, ...custom.inputNames]);
  const back = openedFor
    ? { to: `/contacts/${openedFor.contact_id}`, label: `← Back to ${openedFor.name}` }
    : { to: "/leads", label: "← All leads" };

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      const body = contact ? createBodyForContact(values, contact.contact_id) : createBody(values);
      const customFields = custom.body();
      if (Object.keys(customFields).length) body.custom_fields = leadCustomFields(customFields);
      const lead = await api.createLead(body);
      await queryClient.invalidateQueries({ queryKey: leadKeys.leads });
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.pipelines });
      // The lead is one more of its contact's (a new contact, when none matched).
      void queryClient.invalidateQueries({ queryKey: contactKeys.contacts });
      if (lead.contact_id) void queryClient.invalidateQueries({ queryKey: contactKeys.contact(lead.contact_id) });
      toast.success(`${lead.name || "The lead"} was created`);
      navigate(`/leads/${lead.lead_id}`, { replace: true });
    } catch (error) {
      errors.show(error);
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title="New lead"
        back={
          <Link to={back.to} className="back-link">
            {back.label}
          </Link>
        }
      />
      {custom.loading ? (
        <Spinner label="Loading the custom fields" />
      ) : (
        <LeadForm
          values={values}
          onChange={setValues}
          custom={custom}
          onSubmit={submit}
          errors={errors}
          busy={busy}
          submitLabel="Create lead"
          cancelTo={back.to}
          withStage
          contact={{ value: contact, onChange: setContact }}
        />
      )}
    </>
  );
}

export function EditLeadPage() {
  const { leadId = "" } = useParams();
  const api = useLeadsApi();
  const lead = useQuery({ queryKey: leadKeys.lead(leadId), queryFn: () => api.getLead(leadId) });
  if (lead.isPending) return <Spinner label="Loading the lead" />;
  if (lead.isError) return <Alert title="The lead could not be loaded">{errorMessage(lead.error)}</Alert>;
  return <EditLeadForm key={leadId} lead={lead.data} />;
}

function EditLeadForm({ lead }: { lead: LeadDetail }) {
  const api = useLeadsApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // What the editor started from: a background refetch must not move the version under their edits.
  const [base, setBase] = useState(() => ({ values: leadToForm(lead), customFields: lead.custom_fields, version: lead.version }));
  const [values, setValues] = useState(base.values);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);
  const custom = useCustomFieldForm("lead", base.customFields);
  const errors = useFormErrors([...LEAD_FORM_FIELDS, ...custom.inputNames]);
  const detailPath = `/leads/${lead.lead_id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setConflict(null);
    const changes = changedFields(base.values, values);
    // The map is written whole: it goes only when a custom field changed.
    if (custom.changed) changes.custom_fields = leadCustomFields(custom.body());
    if (Object.keys(changes).length === 0) {
      toast.info("Nothing changed");
      navigate(detailPath);
      return;
    }
    setBusy(true);
    try {
      await api.updateLead(lead.lead_id, { ...changes, version: base.version });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: leadKeys.lead(lead.lead_id) }),
        queryClient.invalidateQueries({ queryKey: leadKeys.leads }),
        queryClient.invalidateQueries({ queryKey: pipelineKeys.pipelines }),
        // The person fields are the contact's: a change of them is a change of the contact.
        lead.contact_id && queryClient.invalidateQueries({ queryKey: contactKeys.contact(lead.contact_id) }),
        lead.contact_id && queryClient.invalidateQueries({ queryKey: contactKeys.contacts }),
      ]);
      toast.success("Lead saved");
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
      const fresh = await queryClient.fetchQuery({ queryKey: leadKeys.lead(lead.lead_id), queryFn: () => api.getLead(lead.lead_id), staleTime: 0 });
      const next = { values: leadToForm(fresh), customFields: fresh.custom_fields, version: fresh.version };
      setBase(next);
      setValues(next.values);
      custom.reset();
      setConflict(null);
      errors.clear();
      toast.info("Loaded the latest version of this lead");
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setReloading(false);
    }
  }

  return (
    <>
      <PageHeader title={`Edit ${lead.name || "lead"}`} back={<Link to={detailPath} className="back-link">← Back to the lead</Link>} />
      {conflict && (
        <Alert
          tone="warning"
          title="Someone else changed this lead: reload"
          actions={
            <Button variant="primary" busy={reloading} onClick={reload}>
              Reload
            </Button>
          }
        >
          Your changes were not saved. Reload to see the latest version, then make your changes again.
        </Alert>
      )}
      {lead.deleted_at && <Alert tone="warning">This lead is deleted: restore it before editing.</Alert>}
      {custom.loading ? (
        <Spinner label="Loading the custom fields" />
      ) : (
        <LeadForm
          values={values}
          onChange={setValues}
          custom={custom}
          onSubmit={submit}
          errors={errors}
          busy={busy}
          submitLabel="Save changes"
          cancelTo={detailPath}
          personNote={
            lead.contact_id
              ? "These are the details of the lead's contact: a change here changes the contact, and every lead of it."
              : undefined
          }
        />
      )}
    </>
  );
}

function LeadForm({
  values,
  onChange,
  custom,
  onSubmit,
  errors,
  busy,
  submitLabel,
  cancelTo,
  withStage = false,
  contact,
  personNote,
}: {
  values: LeadFormValues;
  onChange: (values: LeadFormValues) => void;
  custom: CustomFieldForm;
  onSubmit: (event: FormEvent) => void;
  errors: ReturnType<typeof useFormErrors>;
  busy: boolean;
  submitLabel: string;
  cancelTo: string;
  withStage?: boolean;
  /** A new lead: the existing contact it is for, if one is picked (then the person is not asked for). */
  contact?: { value: PickedContact | null; onChange: (contact: PickedContact | null) => void };
  personNote?: string;
}) {
  const { grants } = useAuth();
  const lookups = useLookups();
  const set = (key: keyof LeadFormValues) => (event: { target: { value: string } }) =>
    onChange({ ...values, [key]: event.target.value });
  const field = (key: keyof LeadFormValues) => ({ value: values[key], onChange: set(key), error: errors.byField[key] });
  const sources: Option[] = LEAD_SOURCES.map((source) => ({ value: source, label: sourceLabel(source) }));
  const owners: Option[] = [
    { value: "", label: "Unassigned" },
    ...lookups.users.map((user) => ({ value: user.user_id, label: user.name || user.email })),
  ];
  const stages: Option[] = [
    { value: "", label: "First stage" },
    ...lookups.stages.map((stage) => ({ value: stage.stage_id, label: stage.name })),
  ];

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Lead">
      {errors.summary && (
        <Alert title="The lead was not saved" actions={errors.planLimit && <UpgradeLink limit={errors.planLimit} />}>
          {errors.summary}
        </Alert>
      )}
      <Card title="Contact">
        {personNote && <p className="muted card-intro">{personNote}</p>}
        {contact && (
          <div className="form-grid contact-pick">
            <ContactPicker value={contact.value} error={errors.byField.contact_id} onChange={contact.onChange} />
          </div>
        )}
        {contact?.value ? (
          <p className="muted">The name, email, phone and company come from {contact.value.name}.</p>
        ) : (
          <div className="form-grid">
            <TextField label="First name" autoComplete="off" {...field("first_name")} />
            <TextField label="Last name" autoComplete="off" {...field("last_name")} />
            <TextField label="Email" type="email" autoComplete="off" {...field("email")} />
            <TextField label="Phone" type="tel" autoComplete="off" {...field("phone")} />
            <TextField
              label="Country"
              maxLength={2}
              autoComplete="off"
              {...field("country")}
              hint="Two letters, e.g. US: local phone numbers are read as this country's"
            />
            <TextField label="Company" autoComplete="off" {...field("company")} />
          </div>
        )}
      </Card>
      <Card title="Deal">
        <div className="form-grid">
          <TextField label="Value" inputMode="decimal" {...field("value")} hint="The expected revenue" />
          <TextField label="Currency" maxLength={3} {...field("currency")} />
          <SelectField label="Source" options={sources} {...field("source")} />
          {grants.can(Permission.leadsReadAll) && <SelectField label="Owner" options={owners} {...field("owner_id")} />}
          {withStage && <SelectField label="Stage" options={stages} {...field("stage_id")} />}
          <TextField label="Tags" {...field("tags")} hint="Separate tags with commas" className="span-2" />
        </div>
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
