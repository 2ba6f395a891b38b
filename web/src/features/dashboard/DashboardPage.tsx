import { Link } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth, useProfile } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Alert, Card, PageHeader, Spinner } from "../../components/ui";
import { formatMoney } from "../../lib/format";
import { usePipelines } from "../pipelines/queries";
import type { Stage } from "../pipelines/types";

export function DashboardPage() {
  const profile = useProfile();
  const { grants } = useAuth();
  const pipelines = usePipelines();
  const currency = profile.tenant?.currency || "USD";
  const pipeline = pipelines.data?.find((p) => p.is_default) ?? pipelines.data?.[0];
  const stages = pipeline ? [...pipeline.stages].sort((a, b) => a.position - b.position) : [];
  const open = stages.filter((stage) => stage.kind === "open");
  const won = stages.filter((stage) => stage.kind === "won");
  const firstName = profile.user.name.split(" ")[0] || profile.user.name;

  return (
    <>
      <PageHeader
        title="Dashboard"
        subtitle={`Welcome back, ${firstName}. Here is ${profile.tenant?.name ?? "your account"} at a glance.`}
        actions={
          grants.can(Permission.leadsWrite) && (
            <Link className="btn btn-primary" to="/leads/new">
              New lead
            </Link>
          )
        }
      />
      {pipelines.isPending && <Spinner label="Loading your pipeline" />}
      {pipelines.isError && <Alert title="The pipeline could not be loaded">{errorMessage(pipelines.error)}</Alert>}
      {pipeline && (
        <>
          <div className="stats" aria-label="Pipeline totals">
            <Stat label="Leads in the pipeline" value={String(total(stages))} />
            <Stat label="Open leads" value={String(total(open))} />
            <Stat label="Open pipeline value" value={formatMoney(value(open), currency)} />
            <Stat label="Closed won" value={formatMoney(value(won), currency)} />
          </div>
          <Card title={pipeline.name}>
            <ol className="stage-bars">
              {stages.map((stage) => {
                const share = total(stages) ? (stage.lead_count / total(stages)) * 100 : 0;
                return (
                  <li key={stage.stage_id}>
                    <Link to={`/leads?stage_id=${encodeURIComponent(stage.stage_id)}`} className="stage-bar-link">
                      <span className="stage-bar-name">{stage.name}</span>
                      <span className="stage-bar-track" aria-hidden="true">
                        <progress className={`stage-bar stage-${stage.kind}`} max={100} value={Math.max(share, 1)} />
                      </span>
                      <span className="stage-bar-count">
                        {stage.lead_count} {stage.lead_count === 1 ? "lead" : "leads"}
                      </span>
                      <span className="stage-bar-value">{formatMoney(stage.lead_value, currency)}</span>
                    </Link>
                  </li>
                );
              })}
            </ol>
          </Card>
        </>
      )}
    </>
  );
}

function total(stages: Stage[]): number {
  return stages.reduce((sum, stage) => sum + stage.lead_count, 0);
}

function value(stages: Stage[]): number {
  return stages.reduce((sum, stage) => sum + stage.lead_value, 0);
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <p className="stat-label">{label}</p>
      <p className="stat-value">{value}</p>
    </div>
  );
}
