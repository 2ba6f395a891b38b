import type { ReactNode } from "react";
import { Link } from "react-router";
import { Button, SelectField, TextField, type Option } from "../../../components/ui";
import { formatDate } from "../../../lib/format";
import { batchStatusLabel, entryKindLabel, entryStatusLabel, entryStatusTone, mayRelease } from "./affiliatesModel";
import { formatMinorAmount, type CommissionField, type CommissionForm, type Problems } from "./terms";
import type { CommissionEntry, PartnerBalance } from "./types";
import "./affiliates.css";

export const affiliateLink = (affiliateId: string) => `/platform/affiliates/${encodeURIComponent(affiliateId)}`;

export const batchLink = (batchId: string) => `/platform/affiliate-payouts/${encodeURIComponent(batchId)}`;

export function Badge({ tone, children }: { tone: string; children: ReactNode }) {
  return <span className={`badge aff-badge aff-badge-${tone}`}>{children}</span>;
}

export function EntryStatusBadge({ status }: { status: string }) {
  return <Badge tone={entryStatusTone(status)}>{entryStatusLabel(status)}</Badge>;
}

export function BatchStatusBadge({ status }: { status: string }) {
  const tone = status === "paid" ? "success" : status === "exported" ? "info" : "warning";
  return <Badge tone={tone}>{batchStatusLabel(status)}</Badge>;
}

/** A signed amount: reversals read "−$12.00". */
export function Money({ minor, currency }: { minor: number; currency: string }) {
  const text = formatMinorAmount(Math.abs(minor), currency);
  return <span className={minor < 0 ? "aff-negative" : undefined}>{minor < 0 ? `−${text}` : text}</span>;
}

const COMMISSION_OPTIONS: Option[] = [
  { value: "percent", label: "Percentage of invoices" },
  { value: "bounty", label: "One-time bounty" },
];

/** The commission's fields (the program's form and an affiliate's override): type, then its own fields. */
export function CommissionFields({
  form,
  problems,
  currency,
  disabled,
  onChange,
}: {
  form: CommissionForm;
  problems: Problems<CommissionField>;
  currency: string;
  disabled: boolean;
  onChange: (next: CommissionForm) => void;
}) {
  return (
    <>
      <SelectField
        label="Commission"
        options={COMMISSION_OPTIONS}
        value={form.commissionType}
        disabled={disabled}
        hint={form.commissionType === "bounty" ? "Once, on the referral's first paid invoice" : "Of each invoice the referral pays"}
        onChange={(event) => onChange({ ...form, commissionType: event.target.value === "bounty" ? "bounty" : "percent" })}
      />
      {form.commissionType === "percent" ? (
        <>
          <TextField
            label="Percentage (%)"
            inputMode="decimal"
            value={form.percent}
            disabled={disabled}
            error={problems.percent}
            hint="e.g. 20 or 12.5"
            onChange={(event) => onChange({ ...form, percent: event.target.value })}
          />
          <TextField
            label="Months paid for"
            inputMode="numeric"
            value={form.months}
            disabled={disabled}
            error={problems.months}
            hint="From the first paid invoice, 1 to 120; empty: for the subscription's lifetime"
            onChange={(event) => onChange({ ...form, months: event.target.value })}
          />
        </>
      ) : (
        <TextField
          label={`Bounty amount (${currency.toUpperCase()})`}
          inputMode="decimal"
          value={form.bounty}
          disabled={disabled}
          error={problems.bounty}
          hint="e.g. 100 or 49.50"
          onChange={(event) => onChange({ ...form, bounty: event.target.value })}
        />
      )}
    </>
  );
}

/** Per currency: held, payable, reversals not yet settled, what the next payout sends, paid out. */
export function BalancesTable({ balances, caption }: { balances: readonly PartnerBalance[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="table console-table compact">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Currency</th>
            <th scope="col" className="numeric">
              Pending
            </th>
            <th scope="col" className="numeric">
              Payable
            </th>
            <th scope="col" className="numeric">
              Open reversals
            </th>
            <th scope="col" className="numeric">
              Due
            </th>
            <th scope="col" className="numeric">
              Paid out
            </th>
          </tr>
        </thead>
        <tbody>
          {balances.map((balance) => (
            <tr key={balance.currency}>
              <td>
                <strong>{balance.currency.toUpperCase()}</strong>
              </td>
              <td className="numeric">{formatMinorAmount(balance.pending, balance.currency)}</td>
              <td className="numeric">{formatMinorAmount(balance.payable, balance.currency)}</td>
              <td className="numeric">{formatMinorAmount(balance.reversed_open, balance.currency)}</td>
              <td className="numeric">
                <strong>
                  <Money minor={balance.due} currency={balance.currency} />
                </strong>
              </td>
              <td className="numeric">{formatMinorAmount(balance.paid_out, balance.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EntryWhen({ entry }: { entry: CommissionEntry }) {
  if (entry.status === "pending" && entry.available_at) return <>Payable from {formatDate(entry.available_at)}</>;
  if (entry.released_at) return <>Released {formatDate(entry.released_at)}</>;
  return <span className="muted">—</span>;
}

/**
 * Ledger entries, newest first: commissions and reversals. `names` adds the affiliate's column (the
 * monthly ledger); `onRelease` a Release button on commissions still in their hold (Developer Admins).
 */
export function LedgerTable({
  entries,
  caption,
  names,
  onRelease,
}: {
  entries: readonly CommissionEntry[];
  caption: string;
  names?: ReadonlyMap<string, string>;
  onRelease?: (entry: CommissionEntry) => void;
}) {
  return (
    <div className="table-scroll">
      <table className="table console-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            {names && <th scope="col">Affiliate</th>}
            <th scope="col">Entry</th>
            <th scope="col">Customer</th>
            <th scope="col" className="numeric">
              Amount
            </th>
            <th scope="col">Status</th>
            <th scope="col">Hold</th>
            {onRelease && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.entry_id}>
              <td className="nowrap">{formatDate(entry.created_at)}</td>
              {names && (
                <td>
                  <Link className="lead-name" to={affiliateLink(entry.affiliate_id)}>
                    {names.get(entry.affiliate_id) ?? "Affiliate"}
                  </Link>
                </td>
              )}
              <td>
                {entryKindLabel(entry)}
                {entry.invoice_id && <span className="block muted mono break">{entry.invoice_id}</span>}
                {entry.reversed > 0 && (
                  <span className="block muted">{formatMinorAmount(entry.reversed, entry.currency)} reversed since</span>
                )}
              </td>
              <td>{entry.initials || "—"}</td>
              <td className="numeric">
                <Money minor={entry.amount} currency={entry.currency} />
              </td>
              <td>
                <EntryStatusBadge status={entry.status} />
              </td>
              <td className="nowrap">
                <EntryWhen entry={entry} />
              </td>
              {onRelease && (
                <td>
                  {mayRelease(entry) && (
                    <Button className="btn-small" aria-label={`Release the ${formatMinorAmount(entry.amount, entry.currency)} commission of ${formatDate(entry.created_at)}`} onClick={() => onRelease(entry)}>
                      Release
                    </Button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
