import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { ME_KEY, useAuth, useProfile } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, PageHeader, Spinner, TextField } from "../../components/ui";
import { formatDate, getDisplayLocale } from "../../lib/format";
import { useBillingApi } from "./api";
import {
  allFeatures,
  featureLabel,
  isSubscribed,
  monthLabel,
  planAction,
  planDates,
  planActionLabel,
  priceText,
  sortPlans,
  statusLabel,
  statusTone,
  usageMeter,
  usageText,
  type PlanAction,
} from "./billingModel";
import {
  EMPTY_CARD_FORM,
  groupCardNumber,
  parseCard,
  type CardDetails,
  type CardFormErrors,
  type CardFormValues,
} from "./cardForm";
import { confirmCard } from "./stripeJs";
import type { BillingOverview, PlanView } from "./types";
import "./billing.css";

export const BILLING_KEY = ["billing"] as const;

/** After Stripe Checkout: how long the page waits for the webhook to confirm the subscription. */
const CHECKOUT_POLL_MS = 2000;
const CHECKOUT_POLLS = 15;

type Confirming = { kind: "downgrade"; plan: PlanView } | { kind: "cancel" } | null;

export function BillingPage() {
  const api = useBillingApi();
  const profile = useProfile();
  const { grants } = useAuth();
  const queryClient = useQueryClient();
  const canManage = grants.can(Permission.billingManage);
  const [params] = useSearchParams();
  const checkoutReturn = params.get("checkout");
  const billing = useQuery({
    queryKey: BILLING_KEY,
    queryFn: api.billing,
    refetchInterval: (query) =>
      checkoutReturn === "success" &&
      !isSubscribed(query.state.data?.status ?? "") &&
      query.state.dataUpdateCount < CHECKOUT_POLLS
        ? CHECKOUT_POLL_MS
        : false,
  });
  const [busy, setBusy] = useState<string | null>(null);
  const [cardPlan, setCardPlan] = useState<PlanView | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);

  // The banner and plan in GET /me follow what this page shows (one profile reload per new answer).
  const summary = profile.billing;
  const data = billing.data;
  const synced = useRef<BillingOverview | null>(null);
  useEffect(() => {
    if (!data || !summary || synced.current === data) return;
    if (data.plan !== summary.plan || data.status !== summary.status || data.banner?.message !== summary.banner?.message) {
      synced.current = data;
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
    }
  }, [data, summary, queryClient]);

  function applied(overview: BillingOverview, message: string) {
    queryClient.setQueryData(BILLING_KEY, overview);
    void queryClient.invalidateQueries({ queryKey: ME_KEY });
    toast.success(message);
  }

  async function run(key: string, action: () => Promise<void>) {
    setBusy(key);
    try {
      await action();
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  }

  /** Subscribe, upgrade or keep a plan: Checkout where Stripe has it, else the card form. */
  function choose(plan: PlanView, action: PlanAction) {
    setCardPlan(null);
    return run(plan.plan_id, async () => {
      try {
        const result = await api.billingCheckout(plan.plan_id);
        if (result.mode === "checkout" && result.url) {
          window.location.assign(result.url);
          await new Promise(() => undefined); // the page is leaving: stay busy
        }
        if (result.billing) {
          applied(
            result.billing,
            action === "keep" ? `The downgrade is off: you stay on ${plan.name}` : `You are on ${result.billing.plan_name} now`,
          );
        } else {
          await billing.refetch();
        }
      } catch (error) {
        if (error instanceof ApiError && error.status === 409 && error.code === "checkout_unavailable") {
          setCardPlan(plan);
          return;
        }
        throw error;
      }
    });
  }

  function openPortal() {
    return run("portal", async () => {
      const { url } = await api.billingPortal();
      window.location.assign(url);
      await new Promise(() => undefined);
    });
  }

  function confirm() {
    const pending = confirming;
    if (!pending) return;
    void run("confirm", async () => {
      if (pending.kind === "cancel") {
        applied(await api.billingCancel(true), "Your subscription ends at the end of this period");
      } else {
        applied(await api.billingDowngrade(pending.plan.plan_id), `You move to ${pending.plan.name} at the end of this period`);
      }
      setConfirming(null);
    });
  }

  if (billing.isPending) return <Spinner label="Loading billing" />;
  if (billing.isError || !data) {
    return (
      <>
        <PageHeader title="Billing" />
        <Alert title="Billing could not be loaded" actions={<Button onClick={() => void billing.refetch()}>Try again</Button>}>
          {errorMessage(billing.error)}
        </Alert>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Billing" subtitle="Your plan, what it includes, and how much of it this month has used." />
      <BillingNotices
        billing={data}
        checkoutReturn={checkoutReturn}
        canManage={canManage}
        portalBusy={busy === "portal"}
        onPortal={() => void openPortal()}
      />

      <div className="billing-grid">
        <CurrentPlan
          billing={data}
          canManage={canManage}
          busy={busy}
          onCancel={() => setConfirming({ kind: "cancel" })}
          onResume={() =>
            void run("resume", async () => applied(await api.billingCancel(false), "Your subscription continues"))
          }
          onPortal={() => void openPortal()}
        />
        <UsageCard billing={data} />
      </div>

      <PlansCard
        billing={data}
        canManage={canManage}
        busy={busy}
        onChoose={(plan, action) => void choose(plan, action)}
        onDowngrade={(plan) => setConfirming({ kind: "downgrade", plan })}
      />

      {cardPlan && canManage && (
        <CardForm
          key={cardPlan.plan_id}
          plan={cardPlan}
          onCancel={() => setCardPlan(null)}
          onSubscribe={async (card, postalCode) => {
            const setup = await api.billingCardSetup();
            const paymentMethod = await confirmCard(setup, card, postalCode);
            const overview = await api.billingSubscribe(cardPlan.plan_id, paymentMethod);
            setCardPlan(null);
            applied(overview, `You are on ${overview.plan_name} now`);
          }}
        />
      )}

      <BillingDialogs
        billing={data}
        confirming={confirming}
        busy={busy === "confirm"}
        onConfirm={confirm}
        onCancel={() => setConfirming(null)}
      />
    </>
  );
}

function BillingNotices({
  billing,
  checkoutReturn,
  canManage,
  portalBusy,
  onPortal,
}: {
  billing: BillingOverview;
  checkoutReturn: string | null;
  canManage: boolean;
  portalBusy: boolean;
  onPortal: () => void;
}) {
  const subscribed = isSubscribed(billing.status);
  return (
    <>
      {checkoutReturn === "success" && subscribed && <Alert tone="success" title="Thank you: your subscription is active" />}
      {checkoutReturn === "success" && !subscribed && (
        <Alert tone="info" title="Payment received">
          Your plan changes as soon as Stripe confirms the subscription; this page updates by itself.
        </Alert>
      )}
      {checkoutReturn === "canceled" && <Alert tone="info">Checkout was canceled: nothing was charged.</Alert>}
      {!canManage && (
        <Alert tone="info">You can see the plan and its usage; only an Admin can change the plan or the payment details.</Alert>
      )}
      {billing.status === "past_due" && (
        <Alert
          tone="error"
          title="Your last payment failed"
          actions={
            canManage &&
            billing.portal_available && (
              <Button variant="primary" busy={portalBusy} onClick={onPortal}>
                Update payment details
              </Button>
            )
          }
        >
          Update your payment details by {formatDate(billing.grace_ends_at) || "the end of the grace period"} to keep the{" "}
          {billing.plan_name} plan. Stripe retries the card meanwhile.
        </Alert>
      )}
    </>
  );
}

function BillingDialogs({
  billing,
  confirming,
  busy,
  onConfirm,
  onCancel,
}: {
  billing: BillingOverview;
  confirming: Confirming;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const starter = sortPlans(billing.plans)[0];
  const until = formatDate(billing.current_period_end) || "the end of this period";
  const downgrade = confirming?.kind === "downgrade" ? confirming.plan : null;
  return (
    <>
      <ConfirmDialog
        open={confirming?.kind === "cancel"}
        title="Cancel your subscription?"
        confirmLabel="Cancel at period end"
        busy={busy}
        onConfirm={onConfirm}
        onCancel={onCancel}
      >
        <p>
          You keep {billing.plan_name} until {until}. After that
          {starter ? ` the workspace has ${starter.name} limits (${limitsText(starter)})` : " the subscription ends"}, and you
          can subscribe again at any time.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={downgrade !== null}
        title={downgrade ? `Downgrade to ${downgrade.name}?` : "Downgrade"}
        confirmLabel="Downgrade at period end"
        busy={busy}
        onConfirm={onConfirm}
        onCancel={onCancel}
      >
        {downgrade && (
          <p>
            You keep {billing.plan_name} until {until}. From then on {downgrade.name} applies: {limitsText(downgrade)}. What
            exists stays; new users or leads wait until usage is under the new limits.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

function limitsText(plan: PlanView): string {
  return `up to ${plan.limits.users.toLocaleString(getDisplayLocale())} users and ${plan.limits.leads_per_month.toLocaleString(getDisplayLocale())} new leads a month`;
}

function CurrentPlan({
  billing,
  canManage,
  busy,
  onCancel,
  onResume,
  onPortal,
}: {
  billing: BillingOverview;
  canManage: boolean;
  busy: string | null;
  onCancel: () => void;
  onResume: () => void;
  onPortal: () => void;
}) {
  const rows = planDates(billing, formatDate);

  return (
    <Card title="Current plan">
      <div className="current-plan">
        <p className="current-plan-name">
          <strong>{billing.plan_name}</strong>
          <span className={`badge status-badge status-${statusTone(billing.status)}`}>
            <span className="visually-hidden">Status: </span>
            {statusLabel(billing.status)}
          </span>
        </p>
        <p className="current-plan-price">{priceText(billing.plan_details.price)}</p>
      </div>
      {rows.length > 0 && (
        <dl className="details billing-dates">
          {rows.map((row) => (
            <div className="detail-row" key={row.label}>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {canManage && (
        <SubscriptionActions billing={billing} busy={busy} onCancel={onCancel} onResume={onResume} onPortal={onPortal} />
      )}
    </Card>
  );
}

function SubscriptionActions({
  billing,
  busy,
  onCancel,
  onResume,
  onPortal,
}: {
  billing: BillingOverview;
  busy: string | null;
  onCancel: () => void;
  onResume: () => void;
  onPortal: () => void;
}) {
  const subscribed = isSubscribed(billing.status);
  return (
    <div className="billing-actions">
      {subscribed && !billing.cancel_at_period_end && (
        <Button variant="ghost" onClick={onCancel}>
          Cancel at period end
        </Button>
      )}
      {subscribed && billing.cancel_at_period_end && (
        <Button variant="primary" busy={busy === "resume"} onClick={onResume}>
          Keep my subscription
        </Button>
      )}
      {billing.portal_available && (
        <Button busy={busy === "portal"} onClick={onPortal}>
          Payment details and invoices
        </Button>
      )}
      {!billing.portal_available && billing.checkout === "card_form" && (
        <p className="muted billing-note">
          Payment details and invoices live in Stripe&apos;s customer portal, which this environment does not have.
        </p>
      )}
    </div>
  );
}

function UsageCard({ billing }: { billing: BillingOverview }) {
  const { users, leads } = billing.usage;
  return (
    <Card title="Usage">
      <div className="usage-bars">
        <UsageBar label="Users" used={users.used} limit={users.limit} unit="users" />
        <UsageBar label={`New leads in ${monthLabel(leads.month)}`} used={leads.used} limit={leads.limit} unit="leads" />
      </div>
      {leads.over_limit > 0 && (
        <p className="muted billing-note">
          {leads.over_limit.toLocaleString(getDisplayLocale())} {leads.over_limit === 1 ? "lead" : "leads"} from your forms arrived over the
          limit this month; they were kept.
        </p>
      )}
    </Card>
  );
}

function UsageBar({ label, used, limit, unit }: { label: string; used: number; limit: number; unit: string }) {
  const id = useId();
  const meter = usageMeter(used, limit);
  const text = usageText(used, limit, unit);
  return (
    <div className={`usage usage-${meter.tone}`}>
      <div className="usage-head">
        <span id={`${id}-label`} className="usage-label">
          {label}
        </span>
        <span className="usage-count">{text}</span>
      </div>
      <div
        className="usage-track"
        role="meter"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={Math.min(used, limit)}
        aria-valuetext={meter.tone === "full" ? `${text}: limit reached` : text}
      >
        <span className="usage-fill" style={{ width: `${meter.percent}%` }} />
      </div>
      {meter.tone === "full" && <p className="usage-warning">Limit reached</p>}
      {meter.tone === "near" && <p className="usage-warning">{meter.remaining.toLocaleString(getDisplayLocale())} left</p>}
    </div>
  );
}

function PlansCard({
  billing,
  canManage,
  busy,
  onChoose,
  onDowngrade,
}: {
  billing: BillingOverview;
  canManage: boolean;
  busy: string | null;
  onChoose: (plan: PlanView, action: PlanAction) => void;
  onDowngrade: (plan: PlanView) => void;
}) {
  const plans = sortPlans(billing.plans);
  const features = allFeatures(plans);
  return (
    <Card title="Plans">
      <div className="plan-cards">
        {plans.map((plan) => {
          const action = planAction(billing, plan.plan_id);
          return (
            <PlanCard
              key={plan.plan_id}
              plan={plan}
              features={features}
              current={plan.plan_id === billing.plan}
              action={action}
              canManage={canManage}
              busy={busy === plan.plan_id}
              onChoose={() => (action === "downgrade" ? onDowngrade(plan) : onChoose(plan, action))}
            />
          );
        })}
      </div>
    </Card>
  );
}

function PlanCard({
  plan,
  features,
  current,
  action,
  canManage,
  busy,
  onChoose,
}: {
  plan: PlanView;
  features: string[];
  current: boolean;
  action: PlanAction;
  canManage: boolean;
  busy: boolean;
  onChoose: () => void;
}) {
  const id = useId();
  const label = planActionLabel(action, plan.name);
  const clickable = action === "subscribe" || action === "upgrade" || action === "downgrade" || action === "keep";
  return (
    <section className={`plan-card ${current ? "plan-card-current" : ""}`} aria-labelledby={id}>
      <div className="plan-card-head">
        <h3 id={id}>{plan.name}</h3>
        {current && <span className="badge">Your plan</span>}
      </div>
      <p className="plan-card-price">{priceText(plan.price)}</p>
      <ul className="plan-limits">
        <li>Up to {plan.limits.users.toLocaleString(getDisplayLocale())} users</li>
        <li>{plan.limits.leads_per_month.toLocaleString(getDisplayLocale())} new leads a month</li>
      </ul>
      <ul className="plan-features" aria-label={`${plan.name} features`}>
        {features.map((feature) => {
          const included = plan.features.includes(feature);
          return (
            <li key={feature} className={included ? "included" : "excluded"}>
              <span aria-hidden="true">{included ? "✓" : "—"}</span> {featureLabel(feature)}
              {!included && <span className="visually-hidden"> (not included)</span>}
            </li>
          );
        })}
      </ul>
      {canManage && clickable && (
        <Button variant={action === "downgrade" ? "secondary" : "primary"} busy={busy} onClick={onChoose}>
          {label}
        </Button>
      )}
      {action === "scheduled" && <p className="muted plan-card-status">{label} at the end of this period</p>}
    </section>
  );
}

function CardForm({
  plan,
  onCancel,
  onSubscribe,
}: {
  plan: PlanView;
  onCancel: () => void;
  onSubscribe: (card: CardDetails, postalCode: string) => Promise<void>;
}) {
  const [values, setValues] = useState<CardFormValues>(EMPTY_CARD_FORM);
  const [errors, setErrors] = useState<CardFormErrors>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    formRef.current?.scrollIntoView({ block: "nearest" });
    formRef.current?.querySelector("input")?.focus();
  }, []);

  const set = (key: keyof CardFormValues) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [key]: key === "number" ? groupCardNumber(event.target.value) : event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSummary(null);
    const parsed = parseCard(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await onSubscribe(parsed.card, parsed.postalCode);
    } catch (error) {
      setSummary(errorMessage(error));
      setBusy(false);
    }
  }

  return (
    <Card title={`Pay for ${plan.name} by card`}>
      <form ref={formRef} onSubmit={submit} noValidate aria-label="Card payment" className="card-form">
        {summary && <Alert title="The card was not charged">{summary}</Alert>}
        <p className="muted billing-note">
          {priceText(plan.price)}, charged today and then every month. This environment uses Stripe test payments: the card
          4242 4242 4242 4242 with any future expiry date and any security code pays.
        </p>
        <div className="form-grid">
          <TextField
            label="Card number"
            inputMode="numeric"
            autoComplete="cc-number"
            value={values.number}
            onChange={set("number")}
            error={errors.number}
            className="span-2"
          />
          <TextField
            label="Expiry date"
            inputMode="numeric"
            autoComplete="cc-exp"
            placeholder="MM/YY"
            value={values.expiry}
            onChange={set("expiry")}
            error={errors.expiry}
          />
          <TextField
            label="Security code"
            inputMode="numeric"
            autoComplete="cc-csc"
            maxLength={4}
            value={values.cvc}
            onChange={set("cvc")}
            error={errors.cvc}
          />
          <TextField
            label="Postal code"
            autoComplete="postal-code"
            value={values.postalCode}
            onChange={set("postalCode")}
            hint="Optional"
          />
        </div>
        <div className="form-actions">
          <Button onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            Subscribe to {plan.name}
          </Button>
        </div>
      </form>
    </Card>
  );
}
