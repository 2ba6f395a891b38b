import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { ApiError, errorMessage } from "../../../api/errors";
import { useAuth } from "../../../auth/AuthProvider";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { toast } from "../../../components/toasts";
import { Alert, Button, Card, PageHeader, Spinner } from "../../../components/ui";
import { formatDateTime } from "../../../lib/format";
import { useAffiliatesApi } from "./api";
import { EXPORT_LABELS, exportable, mayManageAffiliates, payoutMethodLabel } from "./affiliatesModel";
import { useBatchExport } from "./exportFile";
import { affiliateLink, BatchStatusBadge } from "./parts";
import { affiliateKeys } from "./queries";
import { formatMinorAmount } from "./terms";
import type { ExportFormat, PayoutBatch } from "./types";

/** /platform/affiliate-payouts/:batchId: a batch's payouts, its files for PayPal and Wise, and marking it paid. */
export function PayoutBatchPage() {
  const { batchId = "" } = useParams();
  const api = useAffiliatesApi();
  const batch = useQuery({ queryKey: affiliateKeys.batch(batchId), queryFn: () => api.batch(batchId), meta: { inlineErrors: true } });
  const back = (
    <Link to="/platform/affiliate-payouts" className="back-link">
      ← Payouts
    </Link>
  );
  if (batch.isPending) return <Spinner label="Loading the batch" />;
  if (batch.isError) {
    const missing = batch.error instanceof ApiError && batch.error.status === 404;
    return (
      <>
        <PageHeader title={missing ? "No such payout batch" : "The batch could not be loaded"} back={back} />
        <Alert actions={missing ? undefined : <Button onClick={() => void batch.refetch()}>Try again</Button>}>
          {missing ? "There is no payout batch at this address." : errorMessage(batch.error)}
        </Alert>
      </>
    );
  }
  return <BatchView batch={batch.data} back={back} />;
}

function BatchView({ batch, back }: { batch: PayoutBatch; back: ReactNode }) {
  const manage = mayManageAffiliates(useAuth().grants);
  const [marking, setMarking] = useState(false);
  const lines = batch.lines ?? [];
  return (
    <>
      <PageHeader
        back={back}
        title={`Payout batch of ${formatDateTime(batch.created_at)}`}
        subtitle={
          <>
            <BatchStatusBadge status={batch.status} />
            <span>
              {" "}
              {batch.payouts} {batch.payouts === 1 ? "payout" : "payouts"} · {formatMinorAmount(batch.total, batch.currency)} in all
              {batch.exported_at ? ` · file downloaded ${formatDateTime(batch.exported_at)}` : ""}
              {batch.paid_at ? ` · paid ${formatDateTime(batch.paid_at)}` : ""}
            </span>
          </>
        }
        actions={
          manage && (
            <>
              <DownloadButton batch={batch} format="paypal" />
              <DownloadButton batch={batch} format="wise" />
              {batch.status !== "paid" && (
                <Button variant="primary" onClick={() => setMarking(true)}>
                  Mark paid
                </Button>
              )}
            </>
          )
        }
      />
      {manage && batch.status !== "paid" && (
        <Alert tone="info">
          Download the file for PayPal Payouts (the PayPal lines) or for Wise's batch payments (every line), send the money, then mark the
          batch paid: each affiliate's payout then reads as paid in their portal.
        </Alert>
      )}
      <Card title="Payouts">
        <div className="table-scroll">
          <table className="table console-table">
            <caption className="visually-hidden">The batch's payouts</caption>
            <thead>
              <tr>
                <th scope="col">Affiliate</th>
                <th scope="col">Method</th>
                <th scope="col">Paid to</th>
                <th scope="col" className="numeric">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.payout_id}>
                  <td>
                    <Link className="lead-name" to={affiliateLink(line.affiliate_id)}>
                      {line.name}
                    </Link>
                  </td>
                  <td>{payoutMethodLabel(line.method)}</td>
                  <td>{line.recipient || "—"}</td>
                  <td className="numeric">{formatMinorAmount(line.amount, line.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      {marking && <MarkPaidDialog batch={batch} onClose={() => setMarking(false)} />}
    </>
  );
}

function DownloadButton({ batch, format }: { batch: PayoutBatch; format: ExportFormat }) {
  const download = useBatchExport();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const possible = exportable(batch.lines ?? [], format);
  return (
    <Button
      busy={busy}
      disabled={!possible}
      title={possible ? undefined : "No payout in this batch goes by PayPal"}
      onClick={async () => {
        setBusy(true);
        try {
          await download(batch.batch_id, format);
          void queryClient.invalidateQueries({ queryKey: affiliateKeys.payouts });
        } catch (error) {
          toast.error(errorMessage(error));
        } finally {
          setBusy(false);
        }
      }}
    >
      Download {EXPORT_LABELS[format]} CSV
    </Button>
  );
}

function MarkPaidDialog({ batch, onClose }: { batch: PayoutBatch; onClose: () => void }) {
  const api = useAffiliatesApi();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const mark = useMutation({
    mutationFn: () => api.markPaid(batch.batch_id),
    meta: { inlineErrors: true },
    onSuccess: (paid) => {
      queryClient.setQueryData(affiliateKeys.batch(batch.batch_id), paid);
      void queryClient.invalidateQueries({ queryKey: affiliateKeys.payouts });
      toast.success("The batch is marked paid");
      onClose();
    },
    onError: (error) => setProblem(errorMessage(error)),
  });
  return (
    <ConfirmDialog
      open
      title="Mark the batch paid"
      confirmLabel="Mark paid"
      tone="primary"
      busy={mark.isPending}
      onConfirm={() => mark.mutate()}
      onCancel={() => !mark.isPending && onClose()}
    >
      <p>
        Only once the money has gone: its {batch.payouts} {batch.payouts === 1 ? "payout reads" : "payouts read"} as paid in the
        affiliates' portal ({formatMinorAmount(batch.total, batch.currency)} in all).
      </p>
      {problem && <Alert>{problem}</Alert>}
    </ConfirmDialog>
  );
}
