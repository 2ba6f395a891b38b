// A contact's or a company's page around what it shows: the header with Edit, Merge and Delete, the
// notice of a deleted one with Restore, and the confirmation a delete asks for.

import { useMutation } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Link, useNavigate } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { toast } from "../../components/toasts";
import { Alert, Button, PageHeader } from "../../components/ui";
import { formatDateTime } from "../../lib/format";

const KINDS = {
  contact: { title: "Contact", path: "/contacts", list: "← All contacts" },
  company: { title: "Company", path: "/companies", list: "← All companies" },
};

export function RecordDetail({
  kind,
  id,
  name,
  deletedAt,
  subtitle,
  remove,
  restore,
  refresh,
  deletedNotice,
  confirmDelete,
  children,
}: {
  kind: keyof typeof KINDS;
  id: string;
  name: string;
  deletedAt: string | null;
  subtitle: ReactNode;
  remove: () => Promise<unknown>;
  restore: () => Promise<unknown>;
  /** Invalidates what shows the record, after a delete or a restore. */
  refresh: () => Promise<unknown>;
  /** What a deleted record's notice says happens while it stays deleted. */
  deletedNotice: string;
  /** The delete confirmation's text. */
  confirmDelete: ReactNode;
  children: ReactNode;
}) {
  const { grants } = useAuth();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const { title, path, list } = KINDS[kind];
  const restoring = useMutation({
    mutationFn: restore,
    onSuccess: async () => {
      toast.success(`${title} restored`);
      await refresh();
    },
  });
  const removing = useMutation({
    mutationFn: remove,
    onSuccess: async () => {
      setConfirming(false);
      toast.success(`${name} was deleted`, { label: "Undo", run: () => restoring.mutate() });
      await refresh();
      navigate(path);
    },
    onError: () => setConfirming(false),
  });
  const deleted = Boolean(deletedAt);

  return (
    <>
      <PageHeader
        back={
          <Link to={path} className="back-link">
            {list}
          </Link>
        }
        title={name}
        subtitle={subtitle}
        actions={
          !deleted && (
            <>
              {grants.can(Permission.contactsWrite) && (
                <Link className="btn btn-secondary" to={`${path}/${id}/edit`}>
                  {`Edit ${kind}`}
                </Link>
              )}
              {grants.can(Permission.contactsDelete) && (
                <>
                  <Link className="btn btn-secondary" to={`${path}/merge?survivor=${encodeURIComponent(id)}`}>
                    Merge…
                  </Link>
                  <Button variant="danger" onClick={() => setConfirming(true)}>
                    {`Delete ${kind}`}
                  </Button>
                </>
              )}
            </>
          )
        }
      />
      {deleted && (
        <Alert
          tone="warning"
          title={`This ${kind} was deleted on ${formatDateTime(deletedAt)}`}
          actions={
            grants.can(Permission.contactsDelete) && (
              <Button variant="primary" busy={restoring.isPending} onClick={() => restoring.mutate()}>
                {`Restore ${kind}`}
              </Button>
            )
          }
        >
          {deletedNotice}
        </Alert>
      )}
      {children}
      <ConfirmDialog
        open={confirming}
        title={`Delete this ${kind}?`}
        confirmLabel="Delete"
        busy={removing.isPending}
        onConfirm={() => removing.mutate()}
        onCancel={() => setConfirming(false)}
      >
        {confirmDelete}
      </ConfirmDialog>
    </>
  );
}
