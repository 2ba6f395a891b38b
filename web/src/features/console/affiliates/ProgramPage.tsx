import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "../../../api/errors";
import { useAuth } from "../../../auth/AuthProvider";
import { toast } from "../../../components/toasts";
import { Alert, Button, Card, PageHeader, SelectField, Spinner, TextField, type Option } from "../../../components/ui";
import { formatDateTime } from "../../../lib/format";
import { useAffiliatesApi } from "./api";
import { mayManageAffiliates, READ_ONLY_NOTE } from "./affiliatesModel";
import { CommissionFields } from "./parts";
import { affiliateKeys, useProgramTerms } from "./queries";
import {
  attributionLabel,
  commissionSummary,
  formatMinorAmount,
  hasProblems,
  programForm,
  programFromForm,
  type ProgramField,
  type ProgramForm,
  type Problems,
} from "./terms";
import type { ProgramTermsOut } from "./types";

const ATTRIBUTION_OPTIONS: Option[] = [
  { value: "last_click", label: "Last click wins" },
  { value: "first_click", label: "First click wins" },
];

/** The API's field names next to the form's. */
const API_FIELDS: Record<string, ProgramField> = {
  percent_bps: "percent",
  duration_months: "months",
  bounty_minor: "bounty",
  currency: "currency",
  hold_days: "holdDays",
  cookie_days: "cookieDays",
  payout_threshold_minor: "threshold",
};

/** /platform/affiliate-program: what partners earn, how long a commission is held and a click lasts, the payout threshold. */
export function ProgramPage() {
  const terms = useProgramTerms();
  return (
    <>
      <PageHeader title="Affiliate program" subtitle="What partners earn for the customers they refer, and when they are paid" />
      {terms.isPending ? (
        <Spinner label="Loading the program's terms" />
      ) : terms.isError ? (
        <Alert title="The program's terms could not be loaded" actions={<Button onClick={() => void terms.refetch()}>Try again</Button>}>
          {errorMessage(terms.error)}
        </Alert>
      ) : (
        <TermsForm key={terms.data.updated_at ?? "defaults"} terms={terms.data} />
      )}
    </>
  );
}

function TermsForm({ terms }: { terms: ProgramTermsOut }) {
  const api = useAffiliatesApi();
  const queryClient = useQueryClient();
  const manage = mayManageAffiliates(useAuth().grants);
  const [form, setForm] = useState<ProgramForm>(() => programForm(terms));
  const [problems, setProblems] = useState<Problems<ProgramField>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const currency = form.currency.trim().toLowerCase() || "usd";
  const save = useMutation({
    mutationFn: api.setProgram,
    meta: { inlineErrors: true },
    onSuccess: (saved) => {
      queryClient.setQueryData(affiliateKeys.program, saved);
      void queryClient.invalidateQueries({ queryKey: affiliateKeys.payouts });
      toast.success(`The program's terms are saved: ${commissionSummary(saved, saved.currency ?? "usd")}`);
    },
    onError: (error) => {
      const fields: Problems<ProgramField> = {};
      if (error instanceof ApiError) for (const [name, message] of Object.entries(error.fields)) if (API_FIELDS[name]) fields[API_FIELDS[name]] = message;
      setProblems(fields);
      setSummary(errorMessage(error));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = programFromForm(form);
    setProblems(parsed.problems);
    setSummary(null);
    if (!hasProblems(parsed.problems)) save.mutate(parsed.terms);
  }

  const set = (patch: Partial<ProgramForm>) => setForm((current) => ({ ...current, ...patch }));
  return (
    <>
      <Card title="Now">
        <p className="console-health">{commissionSummary(terms, terms.currency ?? "usd")}.</p>
        <p className="muted console-note">
          Held {terms.hold_days ?? 30} days before it is payable · a click counts for {terms.cookie_days ?? 60} days ·{" "}
          {attributionLabel(terms.attribution ?? "last_click").toLowerCase()} · paid out from{" "}
          {formatMinorAmount(terms.payout_threshold_minor ?? 5000, terms.currency ?? "usd")}.{" "}
          {terms.updated_at ? `Last changed ${formatDateTime(terms.updated_at)}.` : "These are the defaults: no one has set the terms yet."}
        </p>
      </Card>
      <Card title="Terms">
        {!manage && <p className="muted console-note">{READ_ONLY_NOTE}</p>}
        <form className="aff-form" aria-label="Program terms" noValidate onSubmit={submit}>
          <CommissionFields form={form} problems={problems} currency={currency} disabled={!manage} onChange={(next) => set(next)} />
          <TextField
            label="Currency"
            value={form.currency}
            maxLength={3}
            disabled={!manage}
            error={problems.currency}
            hint="Of the bounty and the payout threshold, e.g. USD"
            onChange={(event) => set({ currency: event.target.value.toUpperCase() })}
          />
          <TextField
            label="Hold (days)"
            inputMode="numeric"
            value={form.holdDays}
            disabled={!manage}
            error={problems.holdDays}
            hint="A commission stays pending this long before it can be paid out, 0 to 365"
            onChange={(event) => set({ holdDays: event.target.value })}
          />
          <TextField
            label="Cookie window (days)"
            inputMode="numeric"
            value={form.cookieDays}
            disabled={!manage}
            error={problems.cookieDays}
            hint="How long a partner's click counts for a sign-up, 1 to 365"
            onChange={(event) => set({ cookieDays: event.target.value })}
          />
          <SelectField
            label="Attribution"
            options={ATTRIBUTION_OPTIONS}
            value={form.attribution}
            disabled={!manage}
            hint={
              form.attribution === "first_click"
                ? "When two partners' links were clicked, the first one's referral stays"
                : "When two partners' links were clicked, the later one's referral replaces the first"
            }
            onChange={(event) => set({ attribution: event.target.value === "first_click" ? "first_click" : "last_click" })}
          />
          <TextField
            label={`Payout threshold (${currency.toUpperCase()})`}
            inputMode="decimal"
            value={form.threshold}
            disabled={!manage}
            error={problems.threshold}
            hint="No payout is made while what is due is under it, e.g. 50 or 25.50"
            onChange={(event) => set({ threshold: event.target.value })}
          />
          {summary && (
            <div className="aff-form-wide">
              <Alert>{summary}</Alert>
            </div>
          )}
          {manage && (
            <div className="aff-form-actions">
              <Button type="submit" variant="primary" busy={save.isPending}>
                Save terms
              </Button>
              <span className="muted">New commissions follow the new terms; those written already keep theirs.</span>
            </div>
          )}
        </form>
      </Card>
    </>
  );
}
