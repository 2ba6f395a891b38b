import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { ApiError, errorMessage } from "../../../api/errors";
import { useAuth } from "../../../auth/AuthProvider";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { Pager } from "../../../components/Pager";
import { toast } from "../../../components/toasts";
import { Alert, Button, Card, EmptyState, PageHeader, Spinner } from "../../../components/ui";
import { formatDate, formatDateTime, getDisplayLocale } from "../../../lib/format";
import { useCursorPages } from "../../../lib/useCursorPages";
import { Detail } from "../parts";
import { useAffiliatesApi } from "./api";
import { balancesOf, flagKindLabel, mayManageAffiliates, payoutMethodLabel } from "./affiliatesModel";
import { OverrideCard } from "./OverrideCard";
import { Badge, BalancesTable, LedgerTable } from "./parts";
import { affiliateKeys, useProgramCurrency } from "./queries";
import { formatMinorAmount } from "./terms";
import type { AffiliateDetail, CommissionEntry } from "./types";

const LEDGER_PAGE_SIZE = 25;

/** /platform/affiliates/:affiliateId: one partner's figures, balances, terms, payout method, fraud flags and ledger. */
export function AffiliatePage() {
  const { affiliateId = "" } = useParams();
  const api = useAffiliatesApi();
  const affiliate = useQuery({
    queryKey: affiliateKeys.affiliate(affiliateId),
    queryFn: () => api.affiliate(affiliateId),
    meta: { inlineErrors: true },
  });
  const back = (
    <Link to="/platform/affiliates" className="back-link">
      ← All affiliates
    </Link>
  );
  if (affiliate.isPending) return <Spinner label="Loading the affiliate" />;
  if (affiliate.isError) {
    const missing = affiliate.error instanceof ApiError && affiliate.error.status === 404;
    return (
      <>
        <PageHeader title={missing ? "No such affiliate" : "The affiliate could not be loaded"} back={back} />
        <Alert actions={missing ? undefined : <Button onClick={() => void affiliate.refetch()}>Try again</Button>}>
          {missing ? "There is no affiliate at this address." : errorMessage(affiliate.error)}
        </Alert>
      </>
    );
  }
  return <AffiliateView detail={affiliate.data} back={back} />;
}

function AffiliateView({ detail, back }: { detail: AffiliateDetail; back: ReactNode }) {
  const currency = useProgramCurrency();
  return (
    <>
      <PageHeader
        back={back}
        title={detail.name}
        subtitle={
          <>
            <Badge tone={detail.status === "active" ? "success" : "muted"}>{detail.status === "active" ? "Active" : detail.status}</Badge>
            <span>
              {" "}
              {detail.email} · code <span className="mono">{detail.code}</span> · since {formatDate(detail.created_at)}
            </span>
          </>
        }
      />
      <div className="console-detail">
        <FiguresCard detail={detail} currency={currency} />
        <ProfileCard detail={detail} />
        <Card title="Balances" className="console-wide">
          <BalancesTable balances={balancesOf(detail.balances, currency)} caption="The affiliate's balances per currency" />
          <p className="muted console-note">
            Pending commissions are in their hold; due is what the next payout sends: payable less the reversals no payout has settled.
          </p>
        </Card>
        <OverrideCard detail={detail} currency={currency} />
        <FlagsCard detail={detail} />
        <LedgerCard affiliateId={detail.affiliate_id} />
      </div>
    </>
  );
}

function FiguresCard({ detail, currency }: { detail: AffiliateDetail; currency: string }) {
  const stats = detail.stats;
  const figures: [string, string][] = [
    ["Unique clicks", stats.unique_clicks.toLocaleString(getDisplayLocale())],
    ["Bot clicks", stats.bot_clicks.toLocaleString(getDisplayLocale())],
    ["Sign-ups", stats.signups.toLocaleString(getDisplayLocale())],
    ["Trials", stats.trials.toLocaleString(getDisplayLocale())],
    ["Paying", stats.paying.toLocaleString(getDisplayLocale())],
    ["Canceled", stats.canceled.toLocaleString(getDisplayLocale())],
    ["Refused", stats.refused.toLocaleString(getDisplayLocale())],
    ["MRR referred", formatMinorAmount(stats.mrr_minor, currency)],
  ];
  return (
    <Card title="Figures">
      <dl className="aff-figures">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted console-note">
        {stats.clicks.toLocaleString(getDisplayLocale())} clicks in all. Refused: referrals not credited, such as self-referrals.
      </p>
    </Card>
  );
}

function ProfileCard({ detail }: { detail: AffiliateDetail }) {
  const dash = <span className="muted">—</span>;
  return (
    <Card title="Partner">
      <dl className="details">
        <Detail label="Email">{detail.email}</Detail>
        <Detail label="Website">{detail.website ? <span className="break">{detail.website}</span> : dash}</Detail>
        <Detail label="Referral code">
          <span className="mono">{detail.code}</span>
        </Detail>
        <Detail label="Payout method">{detail.payout_method ? payoutMethodLabel(detail.payout_method) : "No payout settings yet"}</Detail>
        <Detail label="Paid to">{detail.payout_summary ?? dash}</Detail>
      </dl>
    </Card>
  );
}

function FlagsCard({ detail }: { detail: AffiliateDetail }) {
  return (
    <Card title="Fraud flags" className="console-wide">
      {detail.flags.length === 0 ? (
        <p className="muted">No flags: nothing suspicious was seen.</p>
      ) : (
        <ul className="aff-flags">
          {detail.flags.map((flag) => (
            <li key={flag.flag_id}>
              <strong>{flagKindLabel(flag.kind)}</strong> · {formatDateTime(flag.created_at)}
              <span className="block">{flag.detail}</span>
              {flag.tenant_id && (
                <Link className="block" to={`/platform/tenants/${encodeURIComponent(flag.tenant_id)}`}>
                  Open the tenant
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function LedgerCard({ affiliateId }: { affiliateId: string }) {
  const api = useAffiliatesApi();
  const manage = mayManageAffiliates(useAuth().grants);
  const [releasing, setReleasing] = useState<CommissionEntry | null>(null);
  const pages = useCursorPages(affiliateId, affiliateKeys.commissionsPage, (id, cursor, signal) => api.commissions(id, cursor, LEDGER_PAGE_SIZE, signal));
  const { query } = pages;
  let body;
  if (query.isPending) body = <Spinner label="Loading the ledger" />;
  else if (query.isError) {
    body = (
      <Alert title="The ledger could not be loaded" actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Alert>
    );
  } else if (query.data.items.length === 0 && pages.page === 1) {
    body = <EmptyState title="No commissions yet" />;
  } else {
    body = (
      <>
        <LedgerTable entries={query.data.items} caption="The affiliate's commissions and reversals, newest first" onRelease={manage ? setReleasing : undefined} />
        <Pager
          page={pages.page}
          count={query.data.items.length}
          hasPrevious={pages.hasPrevious}
          hasNext={pages.hasNext}
          onPrevious={pages.previous}
          onNext={pages.next}
          busy={query.isFetching}
          noun={["entry", "entries"]}
        />
      </>
    );
  }
  return (
    <Card title="Ledger" className="console-wide">
      {body}
      {releasing && <ReleaseDialog entry={releasing} onClose={() => setReleasing(null)} />}
    </Card>
  );
}

function ReleaseDialog({ entry, onClose }: { entry: CommissionEntry; onClose: () => void }) {
  const api = useAffiliatesApi();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const amount = formatMinorAmount(entry.amount, entry.currency);
  const release = useMutation({
    mutationFn: () => api.release(entry.affiliate_id, entry.entry_id),
    meta: { inlineErrors: true },
    onSuccess: () => {
      toast.success(`The ${amount} commission is payable now`);
      void queryClient.invalidateQueries({ queryKey: affiliateKeys.ledgers });
      void queryClient.invalidateQueries({ queryKey: affiliateKeys.affiliates });
      void queryClient.invalidateQueries({ queryKey: affiliateKeys.payouts });
      onClose();
    },
    onError: (error) => {
      setProblem(errorMessage(error));
      void queryClient.invalidateQueries({ queryKey: affiliateKeys.ledgers });
    },
  });
  return (
    <ConfirmDialog
      open
      title="Release this commission now"
      confirmLabel="Release commission"
      tone="primary"
      busy={release.isPending}
      onConfirm={() => release.mutate()}
      onCancel={() => !release.isPending && onClose()}
    >
      <p>
        The {amount} commission of {formatDate(entry.created_at)} becomes payable now
        {entry.available_at ? `, rather than on ${formatDate(entry.available_at)} when its hold ends` : ""}: the next payout
        includes it. A refund after that is carried forward as a reversal.
      </p>
      {problem && <Alert>{problem}</Alert>}
    </ConfirmDialog>
  );
}
