import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, EmptyState, PageHeader, Spinner } from "../../components/ui";
import { formatDate, formatDateTime, formatDay, formatMoney, sourceLabel } from "../../lib/format";
import { type Lookups, useLookups } from "../../lib/lookups";
import { LeadInsightsCard } from "../ai/LeadInsightsCard";
import { CustomFieldsDetails } from "../contacts/CustomFieldsDetails";
import { LeadContactCard } from "../contacts/LeadContactCard";
import { LeadConversions } from "../conversions/LeadConversions";
import { WorkflowsPanel } from "../enrolments/WorkflowsPanel";
import { LeadMessageActions } from "../messaging/LeadMessageActions";
import { useCustomFields } from "../fields/queries";
import { LeadStageCard } from "../pipelines/LeadStageCard";
import { pipelineKeys } from "../pipelines/queries";
import { LeadFollowUps } from "../work/followups/LeadFollowUps";
import { readAnswers } from "./answers";
import { useLeadsApi } from "./api";
import { attributionGroups, consentRows, leadTouches } from "./attribution";
import { LeadNotes } from "./LeadNotes";
import { LeadTimeline } from "./LeadTimeline";
import { leadKeys } from "./queries";
import type { LeadDetail, Touch, TouchAttribution } from "./types";
import "../contacts/activity.css";
import "./attribution.css";

export function LeadDetailPage() {
  const { leadId = "" } = useParams();
  const api = useLeadsApi();
  const lookups = useLookups();
  const lead = useQuery({ queryKey: leadKeys.lead(leadId), queryFn: () => api.getLead(leadId), meta: { inlineErrors: true } });

  if (lead.isPending) return <Spinner label="Loading the lead" />;
  if (lead.isError) return <LeadLoadError error={lead.error} retry={() => void lead.refetch()} />;
  return <LeadView lead={lead.data} lookups={lookups} />;
}

function LeadLoadError({ error, retry }: { error: unknown; retry: () => void }) {
  const back = (
    <Link to="/leads" className="btn btn-secondary">
      Back to leads
    </Link>
  );
  if (error instanceof ApiError && error.status === 404) {
    return <EmptyState title="Lead not found">{<p>It may have been removed, or the link is wrong. {back}</p>}</EmptyState>;
  }
  if (error instanceof ApiError && error.status === 403) {
    return <EmptyState title="No access to this lead">{<p>{error.message}. {back}</p>}</EmptyState>;
  }
  return (
    <Alert title="The lead could not be loaded" actions={<Button onClick={retry}>Try again</Button>}>
      {errorMessage(error)}
    </Alert>
  );
}

function LeadView({ lead, lookups }: { lead: LeadDetail; lookups: Lookups }) {
  const api = useLeadsApi();
  const { grants } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refreshLists = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: leadKeys.leads }),
      queryClient.invalidateQueries({ queryKey: leadKeys.lead(lead.lead_id) }),
      queryClient.invalidateQueries({ queryKey: pipelineKeys.pipelines }),
    ]);
  const restore = useMutation({
    mutationFn: () => api.restoreLead(lead.lead_id),
    onSuccess: async () => {
      toast.success("Lead restored");
      await refreshLists();
    },
  });
  const remove = useMutation({
    mutationFn: () => api.deleteLead(lead.lead_id),
    onSuccess: async () => {
      setConfirming(false);
      toast.success(`${lead.name || "The lead"} was deleted`, { label: "Undo", run: () => restore.mutate() });
      await refreshLists();
      navigate("/leads");
    },
    onError: () => setConfirming(false),
  });
  const deleted = Boolean(lead.deleted_at);

  return (
    <>
      <PageHeader
        back={
          <Link to="/leads" className="back-link">
            ← All leads
          </Link>
        }
        title={lead.name || "Unnamed lead"}
        subtitle={
          <>
            <span className="badge">{lookups.stageName(lead.stage_id)}</span> {lead.company && <span>{lead.company} · </span>}
            <span>Added {formatDate(lead.created_at)}</span>
          </>
        }
        actions={
          !deleted && (
            <>
              {grants.can(Permission.leadsWrite) && (
                <Link className="btn btn-secondary" to={`/leads/${lead.lead_id}/edit`}>
                  Edit lead
                </Link>
              )}
              {grants.can(Permission.leadsDelete) && (
                <Button variant="danger" onClick={() => setConfirming(true)}>
                  Delete lead
                </Button>
              )}
            </>
          )
        }
      />
      {deleted && (
        <Alert
          tone="warning"
          title={`This lead was deleted on ${formatDateTime(lead.deleted_at)}`}
          actions={
            grants.can(Permission.leadsDelete) && (
              <Button variant="primary" busy={restore.isPending} onClick={() => restore.mutate()}>
                Restore lead
              </Button>
            )
          }
        >
          It is left out of every list and total until it is restored.
        </Alert>
      )}
      <LeadMessageActions lead={lead} />
      <div className="detail-grid">
        <div className="detail-main">
          <LeadContactCard lead={lead} />
          <DealCard lead={lead} lookups={lookups} />
          <LeadCustomFields lead={lead} />
          {grants.can(Permission.followupsRead) && <LeadFollowUps lead={lead} />}
          <LeadNotes lead={lead} />
        </div>
        <div className="detail-side">
          <LeadStageCard lead={lead} />
          <LeadInsightsCard leadId={lead.lead_id} deleted={deleted} />
          <WorkflowsPanel subject={{ kind: "lead", id: lead.lead_id, name: lead.name || "this lead" }} deleted={deleted} />
          <AttributionCard lead={lead} />
          <LeadTimeline lead={lead} lookups={lookups} />
          <LeadConversions leadId={lead.lead_id} stageEnteredAt={lead.stage_entered_at} />
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Delete this lead?"
        confirmLabel="Delete"
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {lead.name || "This lead"} leaves every list and total. You can restore it from Deleted leads at any time.
        </p>
      </ConfirmDialog>
    </>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="detail-row">
      <dt>{label}</dt>
      <dd>{children || <span className="muted">—</span>}</dd>
    </div>
  );
}

function DealCard({ lead, lookups }: { lead: LeadDetail; lookups: Lookups }) {
  return (
    <Card title="Deal">
      <dl className="details">
        <Detail label="Owner">{lookups.ownerName(lead.owner_id)}</Detail>
        <Detail label="Value">{formatMoney(lead.value, lead.currency)}</Detail>
        {lead.close_date && <Detail label="Expected close">{formatDay(lead.close_date)}</Detail>}
        <Detail label="Source">{sourceLabel(lead.source)}</Detail>
        <Detail label="Tags">
          {lead.tags.length > 0 && (
            <ul className="tags" aria-label="Tags">
              {lead.tags.map((tag) => (
                <li key={tag} className="tag">
                  {tag}
                </li>
              ))}
            </ul>
          )}
        </Detail>
        <Detail label="Last updated">{formatDateTime(lead.updated_at)}</Detail>
      </dl>
    </Card>
  );
}

/** The lead's custom fields, as its contact's page shows a contact's; nothing when none is defined or held. */
function LeadCustomFields({ lead }: { lead: LeadDetail }) {
  const definitions = useCustomFields("lead");
  const held = Object.keys(lead.custom_fields ?? {}).length > 0;
  if (!held && (definitions.data?.fields.length ?? 0) === 0) return null;
  return (
    <Card title="Additional info">
      <CustomFieldsDetails objectType="lead" values={lead.custom_fields} />
    </Card>
  );
}

/** Each form submission that reached the lead, newest first, with what the visitor answered. */
function Submissions({ touches }: { touches: readonly Touch[] }) {
  if (touches.length === 0) return null;
  return (
    <section className="touch" aria-label="Form submissions">
      <h3>Form submissions</h3>
      <ol className="plain-list submissions">
        {touches.map((touch) => {
          const answers = readAnswers(touch.answers);
          return (
            <li key={touch.submission_id} className="submission">
              <time dateTime={touch.touched_at} className="muted">
                {formatDateTime(touch.touched_at)}
              </time>
              {answers.length > 0 ? (
                <dl className="answer-list" role="group" aria-label="Answers">
                  {answers.map((answer, index) => (
                    <div key={`${answer.label}-${index}`} className="answer">
                      <dt>{answer.label}</dt>
                      <dd>{answer.value}</dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <p className="muted">No answers were kept for this submission.</p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function AttributionCard({ lead }: { lead: LeadDetail }) {
  const touches = leadTouches(lead);
  return (
    <Card title="Attribution">
      {touches.first === null ? (
        <p className="muted">No attribution was captured for this lead (it was not created from a tracked visit).</p>
      ) : (
        <>
          <TouchDetails title="First touch" attribution={touches.first} />
          {touches.last ? (
            <TouchDetails title="Last touch" attribution={touches.last} />
          ) : (
            touches.visits === 1 && <p className="muted touch-note">One visit so far: the first touch is also the last.</p>
          )}
          {touches.visits > 1 && <p className="muted touch-note">{touches.visits} form submissions reached this lead.</p>}
        </>
      )}
      <Submissions touches={lead.touches ?? []} />
    </Card>
  );
}

function TouchDetails({ title, attribution }: { title: string; attribution: TouchAttribution }) {
  const consent = consentRows(attribution);
  return (
    <section className="touch" aria-label={title}>
      <h3>{title}</h3>
      {attributionGroups(attribution).map((group) => (
        <div key={group.title} className="attribution-group">
          <h4>{group.title}</h4>
          <dl className="details">
            {group.fields.map((field) => (
              <Detail key={field.key} label={field.label}>
                {field.time ? (
                  <time dateTime={field.value}>{formatDateTime(field.value)}</time>
                ) : (
                  <span className="mono break">{field.value}</span>
                )}
              </Detail>
            ))}
          </dl>
        </div>
      ))}
      {consent.length > 0 && (
        <div className="attribution-group">
          <h4>Consent for ad data use</h4>
          <dl className="details">
            {consent.map((row) => (
              <Detail key={row.key} label={row.label}>
                {row.value}
              </Detail>
            ))}
          </dl>
        </div>
      )}
    </section>
  );
}
