import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, errorMessage } from "../../api/errors";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { toast } from "../../components/toasts";
import { Alert, SelectField, TextAreaField, TextField } from "../../components/ui";
import { formatDate, getDisplayLocale } from "../../lib/format";
import { startViewAs } from "../impersonation/viewAs";
import { useConsoleApi } from "./api";
import { activeAdmins, SUSPEND_REASON_MAX, suspendReasonProblem, trialDaysProblem } from "./consoleModel";
import { consoleKeys } from "./queries";
import type { TenantDetail } from "./types";

interface DialogProps {
  tenant: TenantDetail;
  onClose: () => void;
}

/** The tenant's page and the list show the answer at once. */
function useApplied(tenantId: string) {
  const queryClient = useQueryClient();
  return (detail: TenantDetail, message: string) => {
    queryClient.setQueryData(consoleKeys.tenant(tenantId), detail);
    void queryClient.invalidateQueries({ queryKey: consoleKeys.tenants });
    void queryClient.invalidateQueries({ queryKey: consoleKeys.audit });
    toast.success(message);
  };
}

/** A 422's field message (shown in the dialog), else the API's message. */
function problemOf(error: unknown, field: string): string {
  if (error instanceof ApiError && error.fields[field]) return error.fields[field];
  return errorMessage(error);
}

export function SuspendDialog({ tenant, onClose }: DialogProps) {
  const api = useConsoleApi();
  const applied = useApplied(tenant.tenant_id);
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const suspend = useMutation({
    mutationFn: () => api.suspend(tenant.tenant_id, reason.trim()),
    meta: { inlineErrors: true },
    onSuccess: (detail) => {
      applied(detail, `${tenant.name} is suspended`);
      onClose();
    },
    onError: (error) => setProblem(problemOf(error, "reason")),
  });
  function confirm() {
    const found = suspendReasonProblem(reason);
    setProblem(found);
    if (!found) suspend.mutate();
  }
  return (
    <ConfirmDialog
      open
      title={`Suspend ${tenant.name}`}
      confirmLabel="Suspend tenant"
      busy={suspend.isPending}
      onConfirm={confirm}
      onCancel={() => !suspend.isPending && onClose()}
    >
      <p>While it is suspended:</p>
      <ul className="console-list">
        <li>its users can still sign in and read everything;</li>
        <li>every change is refused, for them and for its integrations;</li>
        <li>its forms say they are not accepting submissions;</li>
        <li>its events (conversions, notifications…) are held, and sent when it is reactivated.</li>
      </ul>
      <form
        noValidate
        aria-label="Suspension"
        onSubmit={(event) => {
          event.preventDefault();
          confirm();
        }}
      >
        <TextAreaField
          label="Reason"
          value={reason}
          maxLength={SUSPEND_REASON_MAX}
          rows={3}
          required
          autoFocus
          error={problem}
          hint="Kept with the suspension, and in the tenant's and the platform's audit logs."
          onChange={(event) => setReason(event.target.value)}
        />
      </form>
    </ConfirmDialog>
  );
}

export function ReactivateDialog({ tenant, onClose }: DialogProps) {
  const api = useConsoleApi();
  const applied = useApplied(tenant.tenant_id);
  const reactivate = useMutation({
    mutationFn: () => api.reactivate(tenant.tenant_id),
    onSuccess: (detail) => {
      applied(detail, `${tenant.name} is active again`);
      onClose();
    },
  });
  const held = tenant.held_events;
  return (
    <ConfirmDialog
      open
      title={`Reactivate ${tenant.name}`}
      confirmLabel="Reactivate tenant"
      tone="primary"
      busy={reactivate.isPending}
      onConfirm={() => reactivate.mutate()}
      onCancel={() => !reactivate.isPending && onClose()}
    >
      <p>
        Its users can make changes again and its forms accept submissions. The {held.toLocaleString(getDisplayLocale())}{" "}
        {held === 1 ? "event" : "events"} held meanwhile {held === 1 ? "is" : "are"} sent now.
      </p>
    </ConfirmDialog>
  );
}

export function TrialDialog({ tenant, onClose }: DialogProps) {
  const api = useConsoleApi();
  const applied = useApplied(tenant.tenant_id);
  const [days, setDays] = useState("14");
  const [problem, setProblem] = useState<string | undefined>();
  const extend = useMutation({
    mutationFn: () => api.extendTrial(tenant.tenant_id, Number(days)),
    meta: { inlineErrors: true },
    onSuccess: (detail) => {
      applied(detail, `${tenant.name}'s trial now ends on ${formatDate(detail.trial_ends_at)}`);
      onClose();
    },
    onError: (error) => setProblem(problemOf(error, "days")),
  });
  function confirm() {
    const found = trialDaysProblem(days);
    setProblem(found);
    if (!found) extend.mutate();
  }
  return (
    <ConfirmDialog
      open
      title={`Extend ${tenant.name}'s trial`}
      confirmLabel="Extend trial"
      tone="primary"
      busy={extend.isPending}
      onConfirm={confirm}
      onCancel={() => !extend.isPending && onClose()}
    >
      <p>
        The trial {tenant.trial_ends_at ? `ends on ${formatDate(tenant.trial_ends_at)}` : "has no end date"}; the days are
        added to its end (to today when it has ended).
      </p>
      <form
        noValidate
        aria-label="Trial extension"
        onSubmit={(event) => {
          event.preventDefault();
          confirm();
        }}
      >
        <TextField
          label="Days to add"
          type="number"
          inputMode="numeric"
          min={1}
          max={90}
          value={days}
          autoFocus
          error={problem}
          hint="1 to 90 days"
          onChange={(event) => setDays(event.target.value)}
        />
      </form>
    </ConfirmDialog>
  );
}

export function ViewAsDialog({ tenant, onClose }: DialogProps) {
  const api = useConsoleApi();
  const admins = activeAdmins(tenant.team);
  const [userId, setUserId] = useState(admins[0]?.user_id ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = admins.find((admin) => admin.user_id === userId);
  const start = useMutation({
    mutationFn: () => api.viewAsAdmin(tenant.tenant_id, userId || undefined),
    meta: { inlineErrors: true },
    onSuccess: (view) => {
      try {
        startViewAs(view, `/platform/tenants/${encodeURIComponent(tenant.tenant_id)}`);
      } catch (error) {
        setProblem(errorMessage(error));
      }
    },
    onError: (error) => setProblem(errorMessage(error)),
  });
  return (
    <ConfirmDialog
      open
      title={`View ${tenant.name} as its Admin`}
      confirmLabel={chosen ? `View as ${chosen.name}` : "View as Admin"}
      tone="primary"
      busy={start.isPending || start.isSuccess}
      onConfirm={() => start.mutate()}
      onCancel={() => !start.isPending && onClose()}
    >
      <p>
        You see the app as they do for 30 minutes, read-only unless the tenant has granted Convertly support access. The
        view, and any change made in it, is in the tenant's audit log and the platform's.
      </p>
      {admins.length > 1 && (
        <SelectField
          label="Admin"
          options={admins.map((admin) => ({ value: admin.user_id, label: `${admin.name} (${admin.email})` }))}
          value={userId}
          onChange={(event) => setUserId(event.target.value)}
        />
      )}
      {problem && <Alert>{problem}</Alert>}
    </ConfirmDialog>
  );
}
