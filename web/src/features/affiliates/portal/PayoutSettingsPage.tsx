import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toast } from "../../../components/toasts";
import { Alert, Button, Card, PageHeader, Spinner, TextField } from "../../../components/ui";
import { useFormErrors } from "../../../components/useFormErrors";
import { formatDateTime } from "../../../lib/format";
import { usePortalApi } from "./api";
import { LoadError } from "./parts";
import {
  API_INPUTS,
  apiErrorFor,
  emptyPayoutForm,
  missingFields,
  payoutSettingsBody,
  type PayoutForm,
  type PayoutInput,
} from "./payoutSettingsModel";
import { payoutMethodLabel } from "./portalModel";
import { portalKeys } from "./queries";
import type { PayoutMethod, PayoutSettings } from "./types";

/** /affiliate/settings: where payouts go (PayPal or a bank account), shown masked once saved. */
export function PayoutSettingsPage() {
  const api = usePortalApi();
  const settings = useQuery({ queryKey: portalKeys.payoutSettings, queryFn: ({ signal }) => api.payoutSettings(signal) });
  return (
    <>
      <PageHeader title="Payout settings" subtitle="Where your payouts are sent. Your details are stored encrypted and shown masked." />
      {settings.isPending && <Spinner label="Loading your payout settings" />}
      {settings.isError && <LoadError what="Your payout settings" error={settings.error} retry={() => void settings.refetch()} />}
      {settings.data && (
        <>
          <CurrentMethod settings={settings.data} />
          <PayoutSettingsForm key={settings.data.updated_at ?? "none"} current={settings.data} />
        </>
      )}
    </>
  );
}

function CurrentMethod({ settings }: { settings: PayoutSettings }) {
  return (
    <Card title="Current payout method">
      {settings.method ? (
        <dl className="details" aria-label="Current payout method">
          <div className="detail-row">
            <dt>Method</dt>
            <dd>{payoutMethodLabel(settings.method)}</dd>
          </div>
          <div className="detail-row">
            <dt>Details</dt>
            <dd className="mono">{settings.summary}</dd>
          </div>
          {settings.updated_at && (
            <div className="detail-row">
              <dt>Updated</dt>
              <dd>{formatDateTime(settings.updated_at)}</dd>
            </div>
          )}
        </dl>
      ) : (
        <Alert tone="warning" title="No payout method yet">
          Payouts wait until you add one below.
        </Alert>
      )}
    </Card>
  );
}

function PayoutSettingsForm({ current }: { current: PayoutSettings }) {
  const api = usePortalApi();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<PayoutForm>(() => emptyPayoutForm(current.method));
  const [missing, setMissing] = useState<Partial<Record<PayoutInput, string>>>({});
  const errors = useFormErrors(API_INPUTS);
  const save = useMutation({
    mutationFn: () => api.savePayoutSettings(payoutSettingsBody(form)),
    meta: { inlineErrors: true },
    onSuccess: (saved) => {
      // The form starts again empty (keyed on updated_at): the details are not kept on screen.
      queryClient.setQueryData(portalKeys.payoutSettings, saved);
      toast.success(`Payout settings saved: ${saved.summary ?? payoutMethodLabel(saved.method)}`);
    },
    onError: (error) => errors.show(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    const problems = missingFields(form);
    setMissing(problems);
    if (Object.keys(problems).length === 0) save.mutate();
  }
  const set = (input: PayoutInput) => (event: { target: { value: string } }) => setForm({ ...form, [input]: event.target.value });
  const errorOf = (input: PayoutInput) => missing[input] ?? apiErrorFor(errors.byField, input);
  const field = (input: PayoutInput) => ({ value: form[input], onChange: set(input), error: errorOf(input), autoComplete: "off" });

  return (
    <Card title={current.method ? "Change payout method" : "Add a payout method"}>
      {errors.summary && <Alert title="The payout settings were not saved">{errors.summary}</Alert>}
      <form onSubmit={submit} noValidate aria-label="Payout settings" className="stack">
        <MethodChoice method={form.method} onChange={(method) => setForm({ ...form, method })} />
        {form.method === "paypal" ? (
          <TextField label="PayPal email" type="email" hint="The email address of the PayPal account that receives your payouts" {...field("paypalEmail")} autoComplete="email" />
        ) : (
          <div className="form-grid">
            <TextField label="Account holder" hint="The name on the bank account" {...field("accountHolder")} autoComplete="name" />
            <TextField label="Country" hint="Of the bank, two letters: US, GB, DE…" maxLength={2} {...field("country")} />
            <TextField label="IBAN" hint="For banks in IBAN countries (Europe and others)" className="span-2" {...field("iban")} />
            <TextField label="Account number" hint="Without an IBAN: the account number…" {...field("accountNumber")} inputMode="numeric" />
            <TextField label="Routing number" hint="…and its routing (ABA) or sort code" {...field("routingNumber")} inputMode="numeric" />
            <TextField label="Currency" hint="Of the account, three letters: usd, eur, gbp…" maxLength={3} {...field("currency")} />
          </div>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={save.isPending}>
            Save payout settings
          </Button>
        </div>
      </form>
    </Card>
  );
}

function MethodChoice({ method, onChange }: { method: PayoutMethod; onChange: (method: PayoutMethod) => void }) {
  const options: { value: PayoutMethod; label: string; hint: string }[] = [
    { value: "paypal", label: "PayPal", hint: "Paid to your PayPal account" },
    { value: "bank", label: "Bank transfer", hint: "Paid to your bank account" },
  ];
  return (
    <fieldset className="method-choice">
      <legend>Payout method</legend>
      {options.map((option) => (
        <div key={option.value} className={`method-option ${method === option.value ? "selected" : ""}`}>
          <label>
            <input
              type="radio"
              name="payout-method"
              value={option.value}
              checked={method === option.value}
              aria-describedby={`payout-method-${option.value}-hint`}
              onChange={() => onChange(option.value)}
            />
            <strong>{option.label}</strong>
          </label>
          <span className="muted block" id={`payout-method-${option.value}-hint`}>
            {option.hint}
          </span>
        </div>
      ))}
    </fieldset>
  );
}
