import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "../../../api/errors";
import { useAuth } from "../../../auth/AuthProvider";
import { toast } from "../../../components/toasts";
import { Alert, Button, Card } from "../../../components/ui";
import { useAffiliatesApi } from "./api";
import { mayManageAffiliates } from "./affiliatesModel";
import { CommissionFields } from "./parts";
import { affiliateKeys, useProgramTerms } from "./queries";
import {
  commissionForm,
  commissionFromForm,
  commissionSummary,
  hasProblems,
  type CommissionField,
  type CommissionForm,
  type Problems,
} from "./terms";
import type { AffiliateDetail, CommissionTerms } from "./types";

const API_FIELDS: Record<string, CommissionField> = {
  percent_bps: "percent",
  duration_months: "months",
  bounty_minor: "bounty",
  "override.percent_bps": "percent",
  "override.duration_months": "months",
  "override.bounty_minor": "bounty",
};

/** What the affiliate earns now, and (Developer Admins) their own terms instead of the program's, or the program's again. */
export function OverrideCard({ detail, currency }: { detail: AffiliateDetail; currency: string }) {
  const manage = mayManageAffiliates(useAuth().grants);
  const program = useProgramTerms().data;
  return (
    <Card title="Commission terms" className="console-wide">
      <p className="console-health">
        {commissionSummary(detail.terms, currency)}
        {detail.override ? " (this affiliate's own terms)" : " (the program's terms)"}.
      </p>
      {detail.override && program && (
        <p className="muted console-note">The program's terms are {commissionSummary(program, currency)}.</p>
      )}
      {manage ? (
        <OverrideForm key={JSON.stringify(detail.override)} detail={detail} currency={currency} />
      ) : (
        <p className="muted console-note">Only a Developer Admin gives an affiliate terms of their own.</p>
      )}
    </Card>
  );
}

function OverrideForm({ detail, currency }: { detail: AffiliateDetail; currency: string }) {
  const api = useAffiliatesApi();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<CommissionForm>(() => commissionForm(detail.override ?? detail.terms));
  const [problems, setProblems] = useState<Problems<CommissionField>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (override: CommissionTerms | null) => api.setOverride(detail.affiliate_id, override),
    meta: { inlineErrors: true },
    onSuccess: (saved, override) => {
      queryClient.setQueryData(affiliateKeys.affiliate(detail.affiliate_id), saved);
      void queryClient.invalidateQueries({ queryKey: affiliateKeys.affiliates });
      toast.success(override ? `${saved.name} now earns ${commissionSummary(saved.terms, currency)}` : `${saved.name} earns the program's terms again`);
    },
    onError: (error) => {
      const fields: Problems<CommissionField> = {};
      if (error instanceof ApiError) for (const [name, message] of Object.entries(error.fields)) if (API_FIELDS[name]) fields[API_FIELDS[name]] = message;
      setProblems(fields);
      setFailure(errorMessage(error));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = commissionFromForm(form);
    setProblems(parsed.problems);
    setFailure(null);
    if (!hasProblems(parsed.problems)) save.mutate(parsed.terms);
  }

  return (
    <form className="aff-form" aria-label="Override" noValidate onSubmit={submit}>
      <CommissionFields form={form} problems={problems} currency={currency} disabled={false} onChange={setForm} />
      {failure && (
        <div className="aff-form-wide">
          <Alert>{failure}</Alert>
        </div>
      )}
      <div className="aff-form-actions">
        <Button type="submit" variant="primary" busy={save.isPending && save.variables !== null} disabled={save.isPending}>
          {detail.override ? "Save override" : "Set override"}
        </Button>
        {detail.override && (
          <Button busy={save.isPending && save.variables === null} disabled={save.isPending} onClick={() => save.mutate(null)}>
            Use the program's terms
          </Button>
        )}
        <span className="muted">Applies to this affiliate's next commissions.</span>
      </div>
    </form>
  );
}
