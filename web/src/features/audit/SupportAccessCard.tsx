import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "../../api/errors";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, Spinner } from "../../components/ui";
import { useAuditApi } from "./api";
import { auditKeys } from "./queries";
import { SUPPORT_ACCESS_CHOICES, supportAccessSaved, supportAccessView } from "./supportAccess";

/**
 * Whether Convertly's support may change things while viewing the account (they may always look,
 * read-only, and every view is in the audit log): granted for a few hours, or withdrawn.
 */
export function SupportAccessCard() {
  const api = useAuditApi();
  const queryClient = useQueryClient();
  const access = useQuery({ queryKey: auditKeys.supportAccess, queryFn: api.supportAccess });
  const save = useMutation({
    mutationFn: (hours: number) => api.setSupportAccess(hours),
    onSuccess: (saved, hours) => {
      queryClient.setQueryData(auditKeys.supportAccess, saved);
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
      toast.success(supportAccessSaved(hours));
    },
  });

  return (
    <Card title="Convertly support access" className="support-access">
      {access.isPending ? (
        <Spinner label="Loading support access" />
      ) : access.isError ? (
        <Alert title="Support access could not be loaded" actions={<Button onClick={() => void access.refetch()}>Try again</Button>}>
          {errorMessage(access.error)}
        </Alert>
      ) : (
        <SupportAccessBody
          until={access.data.until}
          busyHours={save.isPending ? save.variables : undefined}
          onChoose={(hours) => save.mutate(hours)}
        />
      )}
    </Card>
  );
}

function SupportAccessBody({
  until,
  busyHours,
  onChoose,
}: {
  until: string | null;
  busyHours: number | undefined;
  onChoose: (hours: number) => void;
}) {
  const view = supportAccessView(until, Date.now());
  const busy = busyHours !== undefined;
  return (
    <>
      <p className={view.granted ? "support-access-status granted" : "support-access-status"} role="status">
        {view.text}
      </p>
      <p className="muted">
        When you ask for help, Convertly support may view your account as its Admin, read-only. To let them fix
        something for you, allow changes for a while; every view and every change they make is in the log below.
      </p>
      <div className="support-access-actions">
        {SUPPORT_ACCESS_CHOICES.map((choice) => (
          <Button key={choice.hours} busy={busyHours === choice.hours} disabled={busy} onClick={() => onChoose(choice.hours)}>
            {view.granted ? `Allow for ${choice.label} from now` : `Allow changes for ${choice.label}`}
          </Button>
        ))}
        {view.granted && (
          <Button variant="danger" busy={busyHours === 0} disabled={busy} onClick={() => onChoose(0)}>
            Withdraw access
          </Button>
        )}
      </div>
    </>
  );
}
