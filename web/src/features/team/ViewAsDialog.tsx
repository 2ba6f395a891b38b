// "View as" from a member's row (Admins): a short confirmation of what the view is, then the app as
// that person (features/impersonation), until the banner's Exit brings the Admin back to Settings > Team.

import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Button } from "../../components/ui";
import { useAuditApi } from "../audit/api";
import { auditKeys } from "../audit/queries";
import { useViewAsTeammate } from "../impersonation/useViewAs";
import { useTeamChanged } from "./MemberDialogs";
import { Modal } from "./Modal";
import type { TeamMember } from "./types";
import { SUPPORT_ACCESS_PATH, supportAccessLine, VIEW_AS_MINUTES } from "./viewAsModel";

export function ViewAsDialog({ member, onClose }: { member: TeamMember; onClose: () => void }) {
  const start = useViewAsTeammate();
  const changed = useTeamChanged();
  // Once started, the app reloads at their home page: the dialog stays busy until then.
  const busy = start.isPending || start.isSuccess;
  const close = () => {
    if (!busy) onClose();
  };

  return (
    <Modal
      title={`View the app as ${member.name}?`}
      onSubmit={() => {
        if (busy) return;
        // A refusal (they were just deactivated, a view is already running...) is the app's error toast.
        start.mutate(member.user_id, {
          onError: () => {
            void changed();
            onClose();
          },
        });
      }}
      onClose={close}
      actions={
        <>
          <Button onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy}>
            Start viewing
          </Button>
        </>
      }
    >
      <p>
        You will see the app exactly as {member.name} ({member.role}) does, read-only, for up to {VIEW_AS_MINUTES} minutes.
        Exit from the banner at the top of the page to come back here.
      </p>
      <p className="muted">The view, and anything done in it, is recorded in the audit log.</p>
    </Modal>
  );
}

/**
 * Whether Convertly support may change things while viewing the account, and the way to its card on
 * the Audit log page (Admins: GET /settings/support-access needs `users:manage`).
 */
export function SupportAccessNote() {
  const api = useAuditApi();
  // The card's own query: granting or withdrawing there shows here at once.
  const access = useQuery({ queryKey: auditKeys.supportAccess, queryFn: api.supportAccess });
  if (access.isPending) return null;
  const line = access.isError ? null : supportAccessLine(access.data.until, Date.now());
  return (
    <p className={`team-support-access ${line?.granted ? "team-support-access-granted" : ""}`}>
      <span>{line ? line.text : "Convertly support access could not be loaded"}</span>
      {" — "}
      <Link to={SUPPORT_ACCESS_PATH} aria-label="Manage Convertly support access">
        manage
      </Link>
    </p>
  );
}
