import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth, useProfile } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Alert, Card, PageHeader, SelectField, Spinner, TextField, type Option } from "../../components/ui";
import { sourceLabel } from "../../lib/format";
import { useLookups } from "../../lib/lookups";
import { useUnsavedChanges } from "../../lib/useUnsavedChanges";
import { UpgradeLink } from "../billing/UpgradeLink";
import { useContactsApi } from "../contacts/api";
import { CustomFieldInputs } from "../contacts/CustomFieldInputs";
import { contactName } from "../contacts/labels";
import { ContactPicker, type PickedContact } from "../contacts/pickers";
import { contactKeys } from "../contacts/queries";
import { EditConflictAlert, FormActions, useNewRecordForm, useVersionedEdit, type RecordForm } from "../contacts/recordForm";
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
  const queryClient = useQueryClient();
  const [contact, setContact] = useState<PickedContact | null>(openedFor);
  const back = openedFor
    ? { to: `/contacts/${openedFor.contact_id}`, label: `← Back to ${openedFor.name}` }
    : { to: "/leads", label: "← All leads" };
  const form = useNewRecordForm({
    objectType: "lead",
    inputs: NEW_LEAD_FIELDS,
    initial: () => emptyLeadForm(profile.tenant?.currency),
    create: async (values, customFields) => {
      const body = contact ? createBodyForContact(values, contact.contact_id) : createBody(values);
      if (customFields) body.custom_fields = leadCustomFields(customFields);
      const lead = await api.createLead(body);
      await queryClient.invalidateQueries({ queryKey: leadKeys.leads });
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.pipelines });
      // The lead is one more of its contact's (a new contact, when none matched).
      void queryClient.invalidateQueries({ queryKey: contactKeys.contacts });
      if (lead.contact_id) void queryClient.invalidateQueries({ queryKey: contactKeys.contact(lead.contact_id) });
      toast.success(`${lead.name || "The lead"} was created`);
      return `/leads/${lead.lead_id}`;
    },
  });

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
      <LeadForm form={form} submitLabel="Create lead" cancelTo={back.to} withStage contact={{ value: contact, onChange: setContact }} />
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
  const queryClient = useQueryClient();
  const detailPath = `/leads/${lead.lead_id}`;
  const edit = useVersionedEdit({
    objectType: "lead",
    record: lead,
    inputs: LEAD_FORM_FIELDS,
    toForm: leadToForm,
    changed: changedFields,
    read: { queryKey: leadKeys.lead(lead.lead_id), queryFn: () => api.getLead(lead.lead_id) },
    save: async (changes) => {
      await api.updateLead(lead.lead_id, changes);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: leadKeys.lead(lead.lead_id) }),
        queryClient.invalidateQueries({ queryKey: leadKeys.leads }),
        queryClient.invalidateQueries({ queryKey: pipelineKeys.pipelines }),
        // The person fields are the contact's: a change of them is a change of the contact.
        lead.contact_id && queryClient.invalidateQueries({ queryKey: contactKeys.contact(lead.contact_id) }),
        lead.contact_id && queryClient.invalidateQueries({ queryKey: contactKeys.contacts }),
      ]);
      // Saved: the editor goes back to the lead, its edits no longer unsaved.
      unsaved.allowNavigation();
    },
    savedMessage: "Lead saved",
    detailPath,
  });
  // Dirty against the lead as saved now (a reload after a conflict moves it), custom fields included.
  const unsaved = useUnsavedChanges(
    Object.keys(changedFields(leadToForm(lead), edit.values)).length > 0 || edit.custom.changed,
  );

  return (
    <>
      <PageHeader title={`Edit ${lead.name || "lead"}`} back={<Link to={detailPath} className="back-link">← Back to the lead</Link>} />
      {edit.conflict && <EditConflictAlert noun="lead" reloading={edit.reloading} onReload={edit.reload} />}
      {lead.deleted_at && <Alert tone="warning">This lead is deleted: restore it before editing.</Alert>}
      <LeadForm
        form={edit}
        submitLabel="Save changes"
        cancelTo={detailPath}
        personNote={
          lead.contact_id
            ? "These are the details of the lead's contact: a change here changes the contact, and every lead of it."
            : undefined
        }
      />
      {unsaved.prompt}
    </>
  );
}

function LeadForm({
  form,
  submitLabel,
  cancelTo,
  withStage = false,
  contact,
  personNote,
}: {
  form: RecordForm<LeadFormValues>;
  submitLabel: string;
  cancelTo: string;
  withStage?: boolean;
  /** A new lead: the existing contact it is for, if one is picked (then the person is not asked for). */
  contact?: { value: PickedContact | null; onChange: (contact: PickedContact | null) => void };
  personNote?: string;
}) {
  const { values, setValues: onChange, custom, errors } = form;
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

  if (custom.loading) return <Spinner label="Loading the custom fields" />;
  return (
    <form onSubmit={form.submit} noValidate aria-label="Lead">
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
          <TextField
            label="Expected close date"
            type="date"
            {...field("close_date")}
            hint="The revenue forecast counts the lead in this month"
          />
          <SelectField label="Source" options={sources} {...field("source")} />
          {grants.can(Permission.leadsReadAll) && <SelectField label="Owner" options={owners} {...field("owner_id")} />}
          {withStage && <SelectField label="Stage" options={stages} {...field("stage_id")} />}
          <TextField label="Tags" {...field("tags")} hint="Separate tags with commas" className="span-2" />
        </div>
      </Card>
      <CustomFieldInputs definitions={custom.definitions} values={custom.values} errors={errors.byField} onChange={custom.onChange} />
      <FormActions cancelTo={cancelTo} busy={form.busy} submitLabel={submitLabel} />
    </form>
  );
}
