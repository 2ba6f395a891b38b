import { useQuery } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Alert, Button, Card, EmptyState, PageHeader, Spinner } from "../../components/ui";
import { formatDate, formatDateTime, getDisplayLocale } from "../../lib/format";
import { usageMeter } from "../billing/billingModel";
import "../billing/billing.css";
import { StatusBadge } from "../conversions/StatusBadge";
import { platformLabel } from "../conversions/labels";
import { useConsoleApi } from "./api";
import {
  billingLabel,
  consumerLabel,
  conversionsHealth,
  conversionsSummary,
  planLabel,
  tenantActions,
  usageText,
} from "./consoleModel";
import { Detail, MemberStatusBadge, TenantStatusBadge } from "./parts";
import { consoleKeys } from "./queries";
import { ReactivateDialog, SuspendDialog, TrialDialog, ViewAsDialog } from "./TenantDialogs";
import type { TenantDetail } from "./types";

type Dialog = "suspend" | "reactivate" | "trial" | "view" | null;

/** /platform/tenants/:tenantId: one tenant's billing, usage, team and health, and what the role may do to it. */
export function TenantPage() {
  const { tenantId = "" } = useParams();
  const api = useConsoleApi();
  const tenant = useQuery({
    queryKey: consoleKeys.tenant(tenantId),
    queryFn: () => api.tenant(tenantId),
    meta: { inlineErrors: true },
  });
  const back = (
    <Link to="/platform" className="back-link">
      ← All tenants
    </Link>
  );

  if (tenant.isPending) return <Spinner label="Loading the tenant" />;
  if (tenant.isError) {
    const missing = tenant.error instanceof ApiError && tenant.error.status === 404;
    return (
      <>
        <PageHeader title={missing ? "No such tenant" : "The tenant could not be loaded"} back={back} />
        <Alert actions={missing ? undefined : <Button onClick={() => void tenant.refetch()}>Try again</Button>}>
          {missing ? "There is no tenant at this address." : errorMessage(tenant.error)}
        </Alert>
      </>
    );
  }
  return <TenantView detail={tenant.data} back={back} />;
}

function TenantView({ detail, back }: { detail: TenantDetail; back: ReactNode }) {
  const { grants } = useAuth();
  const actions = tenantActions(grants, detail);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  return (
    <>
      <PageHeader
        back={back}
        title={detail.name}
        subtitle={
          <>
            <TenantStatusBadge status={detail.status} />
            <span>
              {planLabel(detail.plan)} · {billingLabel(detail.billing_status)} · since {formatDate(detail.created_at)}
            </span>
          </>
        }
        actions={
          <>
            {actions.viewAs && (
              <Button variant="primary" onClick={() => setDialog("view")}>
                View as Admin
              </Button>
            )}
            {actions.extendTrial && <Button onClick={() => setDialog("trial")}>Extend trial</Button>}
            {actions.reactivate && (
              <Button variant="primary" onClick={() => setDialog("reactivate")}>
                Reactivate
              </Button>
            )}
            {actions.suspend && (
              <Button variant="danger" onClick={() => setDialog("suspend")}>
                Suspend
              </Button>
            )}
          </>
        }
      />
      {detail.status === "suspended" && <SuspendedNotice detail={detail} />}
      <div className="console-detail">
        <UsageCard detail={detail} />
        <BillingCard detail={detail} />
        <TeamCard detail={detail} />
        <ConversionsCard detail={detail} />
        <QueuesCard detail={detail} />
        <FailuresCard detail={detail} />
      </div>
      {dialog === "suspend" && <SuspendDialog tenant={detail} onClose={close} />}
      {dialog === "reactivate" && <ReactivateDialog tenant={detail} onClose={close} />}
      {dialog === "trial" && <TrialDialog tenant={detail} onClose={close} />}
      {dialog === "view" && <ViewAsDialog tenant={detail} onClose={close} />}
    </>
  );
}

function SuspendedNotice({ detail }: { detail: TenantDetail }) {
  const held = detail.held_events;
  return (
    <Alert tone="warning" title={`Suspended${detail.suspended_at ? ` since ${formatDateTime(detail.suspended_at)}` : ""}`}>
      <p>Reason: {detail.suspended_reason || "none given"}.</p>
      <p>
        Its users can sign in and read, but every change is refused, its forms do not accept submissions, and its events
        wait until it is reactivated ({held.toLocaleString(getDisplayLocale())} {held === 1 ? "event" : "events"} held now).
      </p>
    </Alert>
  );
}

function Meter({ label, used, limit, unit }: { label: string; used: number | null; limit: number | null; unit: string }) {
  const id = useId();
  const text = `${usageText(used, limit)} ${unit}`;
  if (used === null || limit === null) {
    return (
      <div className="usage">
        <div className="usage-head">
          <span className="usage-label">{label}</span>
          <span className="usage-count">{text}</span>
        </div>
      </div>
    );
  }
  const meter = usageMeter(used, limit);
  return (
    <div className={`usage usage-${meter.tone}`}>
      <div className="usage-head">
        <span id={id} className="usage-label">
          {label}
        </span>
        <span className="usage-count">{text}</span>
      </div>
      <div
        className="usage-track"
        role="meter"
        aria-labelledby={id}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={Math.min(used, limit)}
        aria-valuetext={meter.tone === "full" ? `${text}: limit reached` : text}
      >
        <span className="usage-fill" style={{ width: `${meter.percent}%` }} />
      </div>
    </div>
  );
}

function UsageCard({ detail }: { detail: TenantDetail }) {
  return (
    <Card title="Usage">
      <div className="usage-bars">
        <Meter label="Users" used={detail.users} limit={detail.user_limit} unit="users" />
        <Meter label="New leads this month" used={detail.leads_this_month} limit={detail.lead_limit} unit="leads" />
      </div>
      <p className="muted console-note">Last activity: {detail.last_activity_at ? formatDateTime(detail.last_activity_at) : "none yet"}</p>
    </Card>
  );
}

function TeamCard({ detail }: { detail: TenantDetail }) {
  return (
    <Card title="Team" className="console-wide">
      {detail.team.length === 0 ? (
        <p className="muted">No users.</p>
      ) : (
        <div className="table-scroll">
          <table className="table console-table">
            <caption className="visually-hidden">The tenant's users</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
                <th scope="col" className="numeric">
                  Open leads
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.team.map((member) => (
                <tr key={member.user_id}>
                  <td>
                    <span className="lead-name">{member.name}</span>
                    <span className="block muted">{member.email}</span>
                  </td>
                  <td>{member.role}</td>
                  <td>
                    <MemberStatusBadge status={member.status} />
                  </td>
                  <td>{member.last_sign_in_at ? formatDateTime(member.last_sign_in_at) : "Never"}</td>
                  <td className="numeric">{member.open_leads}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function ConversionsCard({ detail }: { detail: TenantDetail }) {
  const health = conversionsHealth(detail.conversions_30d);
  return (
    <Card title="Conversions, last 30 days">
      <p className={health.failed ? "console-health bad" : "console-health"}>{conversionsSummary(health)}</p>
      {health.rows.length > 0 && (
        <table className="table console-table compact">
          <caption className="visually-hidden">Attempts by outcome</caption>
          <thead>
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col" className="numeric">
                Attempts
              </th>
            </tr>
          </thead>
          <tbody>
            {health.rows.map((row) => (
              <tr key={row.status}>
                <td>
                  <StatusBadge status={row.status} />
                </td>
                <td className="numeric">{row.count.toLocaleString(getDisplayLocale())}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function FailuresCard({ detail }: { detail: TenantDetail }) {
  return (
    <Card title="Recent failures" className="console-wide">
      {detail.recent_failures.length === 0 ? (
        <EmptyState title="No recent failures" />
      ) : (
        <div className="table-scroll">
          <table className="table console-table">
            <caption className="visually-hidden">The latest conversions that failed</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Platform</th>
                <th scope="col">Outcome</th>
                <th scope="col">Message</th>
                <th scope="col">Lead</th>
              </tr>
            </thead>
            <tbody>
              {detail.recent_failures.map((failure, index) => (
                <tr key={`${failure.at}-${failure.lead_id}-${index}`}>
                  <td className="nowrap">{formatDateTime(failure.at)}</td>
                  <td>{platformLabel(failure.platform)}</td>
                  <td>
                    <StatusBadge status={failure.status} />
                  </td>
                  <td className="console-message">{failure.message}</td>
                  <td className="mono break">{failure.lead_id}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function BillingCard({ detail }: { detail: TenantDetail }) {
  const billing = detail.billing;
  const dash = <span className="muted">—</span>;
  return (
    <Card title="Billing">
      <dl className="details">
        <Detail label="Plan">{planLabel(billing.plan)}</Detail>
        <Detail label="Status">{billingLabel(billing.status)}</Detail>
        <Detail label="Trial ends">{billing.trial_ends_at ? formatDate(billing.trial_ends_at) : dash}</Detail>
        <Detail label="Period ends">
          {billing.current_period_end ? formatDate(billing.current_period_end) : dash}
          {billing.cancel_at_period_end && <span className="block muted">Cancels at the end of the period</span>}
        </Detail>
        <Detail label="Stripe customer">{billing.stripe_customer_id ? <span className="mono break">{billing.stripe_customer_id}</span> : dash}</Detail>
        <Detail label="Subscription">
          {billing.stripe_subscription_id ? <span className="mono break">{billing.stripe_subscription_id}</span> : dash}
        </Detail>
        <Detail label="Stripe status">{billing.stripe_status ?? dash}</Detail>
      </dl>
    </Card>
  );
}

function QueuesCard({ detail }: { detail: TenantDetail }) {
  const held = detail.held_events;
  return (
    <Card title="Event queues">
      <p className="muted console-note">
        Events held for this tenant: <strong>{held.toLocaleString(getDisplayLocale())}</strong>
        {detail.status === "suspended" ? " (released when it is reactivated)" : ""}
      </p>
      {detail.queues.length === 0 ? (
        <p className="muted">The dead-letter queues could not be read.</p>
      ) : (
        <table className="table console-table compact">
          <caption className="visually-hidden">Dead letters per consumer</caption>
          <thead>
            <tr>
              <th scope="col">Consumer</th>
              <th scope="col" className="numeric">
                Dead letters
              </th>
              <th scope="col" className="numeric" title="Of the first ten looked at">
                This tenant's
              </th>
            </tr>
          </thead>
          <tbody>
            {detail.queues.map((queue) => (
              <tr key={queue.consumer} className={queue.tenant_dead_letters ? "queue-bad" : ""}>
                <td>{consumerLabel(queue.consumer)}</td>
                <td className="numeric">{queue.dead_letters.toLocaleString(getDisplayLocale())}</td>
                <td className="numeric">{queue.tenant_dead_letters.toLocaleString(getDisplayLocale())}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted console-note">Dead letters count every tenant's; this tenant's share is of the first ten looked at.</p>
    </Card>
  );
}
