import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { errorMessage } from "../../../api/errors";
import { useAuth } from "../../../auth/AuthProvider";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { Pager } from "../../../components/Pager";
import { toast } from "../../../components/toasts";
import { Alert, Button, Card, EmptyState, PageHeader, Spinner, TextField } from "../../../components/ui";
import { formatDate, formatDateTime } from "../../../lib/format";
import { useCursorPages } from "../../../lib/useCursorPages";
import { useAffiliatesApi } from "./api";
import { isCurrencyCode, mayManageAffiliates, payoutMethodLabel } from "./affiliatesModel";
import { affiliateLink, Badge, batchLink, BatchStatusBadge, Money } from "./parts";
import { affiliateKeys, useProgramCurrency } from "./queries";
import { formatMinorAmount } from "./terms";
import type { PayoutBatch, PayoutDue } from "./types";

const PAGE_SIZE = 25;

/** /platform/affiliate-payouts: what each affiliate is due in a currency, a batch of the payouts that are ready, past batches. */
export function PayoutsPage() {
  const [params, setParams] = useSearchParams();
  const programCurrency = useProgramCurrency();
  const asked = params.get("currency");
  const currency = isCurrencyCode(asked) ? asked : programCurrency;
  return (
    <>
      <PageHeader title="Payouts" subtitle="What affiliates are due, and the batches they were paid in" />
      <CurrencyPicker key={currency} currency={currency} onCurrency={(next) => setParams(next === programCurrency ? {} : { currency: next }, { replace: true })} />
      <DueCard currency={currency} />
      <BatchesCard />
    </>
  );
}

function CurrencyPicker({ currency, onCurrency }: { currency: string; onCurrency: (currency: string) => void }) {
  const [text, setText] = useState(currency.toUpperCase());
  const [problem, setProblem] = useState<string | undefined>();
  function submit(event: FormEvent) {
    event.preventDefault();
    const code = text.trim().toLowerCase();
    if (!isCurrencyCode(code)) return setProblem("A three-letter currency code, e.g. USD");
    setProblem(undefined);
    onCurrency(code);
  }
  return (
    <form className="aff-currency" aria-label="Payout currency" onSubmit={submit}>
      <TextField label="Currency" value={text} maxLength={3} error={problem} onChange={(event) => setText(event.target.value.toUpperCase())} />
      <Button type="submit">Show</Button>
    </form>
  );
}

function DueCard({ currency }: { currency: string }) {
  const api = useAffiliatesApi();
  const manage = mayManageAffiliates(useAuth().grants);
  const [creating, setCreating] = useState(false);
  const due = useQuery({ queryKey: affiliateKeys.due(currency), queryFn: () => api.due(currency) });
  const ready = due.data?.items.filter((row) => row.ready) ?? [];
  const actions = manage && (
    <Button variant="primary" disabled={ready.length === 0} title={ready.length === 0 ? "No affiliate is ready for a payout" : undefined} onClick={() => setCreating(true)}>
      Create batch
    </Button>
  );
  let body;
  if (due.isPending) body = <Spinner label="Loading what is due" />;
  else if (due.isError) {
    body = (
      <Alert title="What is due could not be loaded" actions={<Button onClick={() => void due.refetch()}>Try again</Button>}>
        {errorMessage(due.error)}
      </Alert>
    );
  } else body = <DueTable due={due.data} />;
  return (
    <Card title={`Due in ${currency.toUpperCase()}`} actions={actions} className="console-wide">
      {body}
      {creating && due.data && <CreateBatchDialog due={due.data} onClose={() => setCreating(false)} />}
    </Card>
  );
}

function DueTable({ due }: { due: PayoutDue }) {
  const threshold = formatMinorAmount(due.threshold_minor, due.currency);
  if (due.items.length === 0) {
    return (
      <EmptyState title="No one is due anything">
        <p>Commissions become payable when their hold ends; a payout goes to affiliates due at least {threshold}.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <div className="table-scroll">
        <table className="table console-table">
          <caption className="visually-hidden">What each affiliate is due</caption>
          <thead>
            <tr>
              <th scope="col">Affiliate</th>
              <th scope="col" className="numeric">
                Payable
              </th>
              <th scope="col" className="numeric">
                Open reversals
              </th>
              <th scope="col" className="numeric">
                Due
              </th>
              <th scope="col">Paid to</th>
              <th scope="col">Ready</th>
            </tr>
          </thead>
          <tbody>
            {due.items.map((row) => (
              <tr key={row.affiliate_id}>
                <td>
                  <Link className="lead-name" to={affiliateLink(row.affiliate_id)}>
                    {row.name}
                  </Link>
                </td>
                <td className="numeric">{formatMinorAmount(row.payable, row.currency)}</td>
                <td className="numeric">{formatMinorAmount(row.reversed_open, row.currency)}</td>
                <td className="numeric">
                  <strong>
                    <Money minor={row.due} currency={row.currency} />
                  </strong>
                </td>
                <td>
                  {row.payout_method ? payoutMethodLabel(row.payout_method) : <span className="muted">No payout settings yet</span>}
                  {row.payout_summary && <span className="block muted">{row.payout_summary}</span>}
                </td>
                <td>
                  <Badge tone={row.ready ? "success" : "warning"}>{row.ready ? "Ready" : "Not ready"}</Badge>
                  {!row.ready && row.reason && <span className="block muted">{row.reason}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted console-note">A payout goes to each affiliate who is due at least {threshold} and has payout settings.</p>
    </>
  );
}

function CreateBatchDialog({ due, onClose }: { due: PayoutDue; onClose: () => void }) {
  const api = useAffiliatesApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const ready = due.items.filter((row) => row.ready);
  const total = ready.reduce((sum, row) => sum + row.due, 0);
  const create = useMutation({
    mutationFn: () => api.createBatch(due.currency),
    meta: { inlineErrors: true },
    onSuccess: (batch) => {
      queryClient.setQueryData(affiliateKeys.batch(batch.batch_id), batch);
      void queryClient.invalidateQueries({ queryKey: affiliateKeys.payouts });
      void queryClient.invalidateQueries({ queryKey: affiliateKeys.affiliates });
      void queryClient.invalidateQueries({ queryKey: affiliateKeys.ledgers });
      toast.success(`A batch of ${batch.payouts} ${batch.payouts === 1 ? "payout" : "payouts"} (${formatMinorAmount(batch.total, batch.currency)}) is created`);
      void navigate(batchLink(batch.batch_id));
    },
    onError: (error) => {
      setProblem(errorMessage(error));
      void queryClient.invalidateQueries({ queryKey: affiliateKeys.due(due.currency) });
    },
  });
  return (
    <ConfirmDialog
      open
      title={`Create a payout batch in ${due.currency.toUpperCase()}`}
      confirmLabel="Create batch"
      tone="primary"
      busy={create.isPending}
      onConfirm={() => create.mutate()}
      onCancel={() => !create.isPending && onClose()}
    >
      <p>
        {ready.length} {ready.length === 1 ? "affiliate is" : "affiliates are"} paid {formatMinorAmount(total, due.currency)} in all. Their
        payable commissions become paid and their open reversals settled now; then download the batch's file for PayPal or Wise, send
        the money, and mark the batch paid.
      </p>
      {problem && <Alert>{problem}</Alert>}
    </ConfirmDialog>
  );
}

function BatchesCard() {
  const api = useAffiliatesApi();
  const pages = useCursorPages(null, (_filters: null, cursor) => affiliateKeys.batchesPage(cursor), (_f, cursor, signal) => api.batches(cursor, PAGE_SIZE, signal));
  const { query } = pages;
  let body;
  if (query.isPending) body = <Spinner label="Loading the batches" />;
  else if (query.isError) {
    body = (
      <Alert title="The batches could not be loaded" actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Alert>
    );
  } else if (query.data.items.length === 0 && pages.page === 1) body = <EmptyState title="No payout batches yet" />;
  else {
    body = (
      <>
        <BatchTable batches={query.data.items} />
        <Pager
          page={pages.page}
          count={query.data.items.length}
          hasPrevious={pages.hasPrevious}
          hasNext={pages.hasNext}
          onPrevious={pages.previous}
          onNext={pages.next}
          busy={query.isFetching}
          noun={["batch", "batches"]}
        />
      </>
    );
  }
  return (
    <Card title="Batches" className="console-wide">
      {body}
    </Card>
  );
}

function BatchTable({ batches }: { batches: readonly PayoutBatch[] }) {
  return (
    <div className="table-scroll">
      <table className="table console-table">
        <caption className="visually-hidden">Payout batches, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Created</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Payouts
            </th>
            <th scope="col" className="numeric">
              Total
            </th>
            <th scope="col">Exported</th>
            <th scope="col">Paid</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((batch) => (
            <tr key={batch.batch_id}>
              <td>
                <Link className="lead-name" to={batchLink(batch.batch_id)}>
                  {formatDateTime(batch.created_at)}
                </Link>
              </td>
              <td>
                <BatchStatusBadge status={batch.status} />
              </td>
              <td className="numeric">{batch.payouts}</td>
              <td className="numeric">{formatMinorAmount(batch.total, batch.currency)}</td>
              <td>{batch.exported_at ? formatDate(batch.exported_at) : "—"}</td>
              <td>{batch.paid_at ? formatDate(batch.paid_at) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
