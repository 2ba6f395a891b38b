import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { toast } from "../../components/toasts";
import { Alert, Button, EmptyState, PageHeader, Spinner } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useCaptureApi } from "./api";
import { formKeys, useForms } from "./queries";
import { StatusBadge } from "./StatusBadge";
import type { CaptureForm } from "./types";
import "./forms.css";

/** Every form of the tenant: its status and the actions a builder may take on it. */
export function FormsListPage() {
  const { grants } = useAuth();
  const forms = useForms();
  const mayManage = grants.can(Permission.formsManage);

  return (
    <>
      <PageHeader
        title="Forms"
        subtitle="Lead capture forms for your website, a hosted page or a plain HTML form"
        actions={
          mayManage && (
            <Link to="/forms/new" className="btn btn-primary">
              New form
            </Link>
          )
        }
      />
      {forms.isPending ? (
        <Spinner label="Loading the forms" />
      ) : forms.isError ? (
        <Alert title="The forms could not be loaded" actions={<Button onClick={() => void forms.refetch()}>Try again</Button>}>
          {errorMessage(forms.error)}
        </Alert>
      ) : forms.data.length === 0 ? (
        <EmptyState title="No forms yet">
          <p>
            A form turns your website's visitors into leads, with the ad click and campaign that brought them.
            {mayManage ? " Create one, publish it and paste its code into your site." : " An Admin or a Manager can create one."}
          </p>
          {mayManage && (
            <Link to="/forms/new" className="btn btn-primary">
              Create a form
            </Link>
          )}
        </EmptyState>
      ) : (
        <FormsTable forms={forms.data} />
      )}
    </>
  );
}

type Action = "publish" | "unpublish" | "duplicate" | "delete";

function FormsTable({ forms }: { forms: CaptureForm[] }) {
  const api = useCaptureApi();
  const { grants } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState<CaptureForm | null>(null);
  const mayManage = grants.can(Permission.formsManage);
  const maySeeSubmissions = grants.can(Permission.formSubmissionsRead);

  const act = useMutation({
    mutationFn: ({ form, action }: { form: CaptureForm; action: Action }) => {
      switch (action) {
        case "publish":
          return api.publishForm(form.form_id);
        case "unpublish":
          return api.unpublishForm(form.form_id);
        case "duplicate":
          return api.duplicateForm(form.form_id);
        case "delete":
          return api.deleteForm(form.form_id);
      }
    },
    onSuccess: async (result, { form, action }) => {
      if (action === "delete") {
        setDeleting(null);
        queryClient.removeQueries({ queryKey: formKeys.form(form.form_id) });
      } else {
        queryClient.setQueryData(formKeys.form(result.form_id), result);
      }
      await queryClient.invalidateQueries({ queryKey: formKeys.list });
      const messages: Record<Action, string> = {
        publish: `${form.name} is published`,
        unpublish: `${form.name} is unpublished: it takes no more submissions`,
        duplicate: `Copied ${form.name} as a new draft`,
        delete: `${form.name} was deleted`,
      };
      toast.success(messages[action]);
      if (action === "duplicate") navigate(`/forms/${result.form_id}`);
    },
    onError: (_error, { action }) => {
      if (action === "delete") setDeleting(null);
    },
  });
  const busy = (form: CaptureForm, action: Action) =>
    act.isPending && act.variables?.form.form_id === form.form_id && act.variables.action === action;

  return (
    <>
      <div className="table-wrap">
        <table className="table forms-table">
          <caption className="visually-hidden">Forms</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Fields</th>
              <th scope="col">Updated</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {forms.map((form) => (
              <tr key={form.form_id}>
                <td>
                  <Link to={`/forms/${form.form_id}`} className="lead-name">
                    {form.name}
                  </Link>
                  {form.published_at && form.status === "published" && (
                    <span className="muted block">Published {formatDateTime(form.published_at)}</span>
                  )}
                </td>
                <td>
                  <StatusBadge status={form.status} />
                </td>
                <td>{form.fields.length}</td>
                <td className="nowrap">
                  <time dateTime={form.updated_at}>{formatDateTime(form.updated_at)}</time>
                </td>
                <td>
                  <div className="cell-actions form-actions-cell">
                    {mayManage && (
                      <Link className="btn btn-secondary btn-small" to={`/forms/${form.form_id}`} aria-label={`Edit ${form.name}`}>
                        Edit
                      </Link>
                    )}
                    {maySeeSubmissions && (
                      <Link
                        className="btn btn-secondary btn-small"
                        to={`/forms/${form.form_id}/submissions`}
                        aria-label={`Submissions of ${form.name}`}
                      >
                        Submissions
                      </Link>
                    )}
                    {mayManage && (
                      <>
                        {form.status === "published" ? (
                          <Button
                            className="btn-small"
                            aria-label={`Unpublish ${form.name}`}
                            busy={busy(form, "unpublish")}
                            onClick={() => act.mutate({ form, action: "unpublish" })}
                          >
                            Unpublish
                          </Button>
                        ) : (
                          <Button
                            className="btn-small"
                            aria-label={`Publish ${form.name}`}
                            busy={busy(form, "publish")}
                            onClick={() => act.mutate({ form, action: "publish" })}
                          >
                            Publish
                          </Button>
                        )}
                        <Button
                          className="btn-small"
                          aria-label={`Duplicate ${form.name}`}
                          busy={busy(form, "duplicate")}
                          onClick={() => act.mutate({ form, action: "duplicate" })}
                        >
                          Duplicate
                        </Button>
                        <Button
                          variant="ghost"
                          className="btn-small"
                          aria-label={`Delete ${form.name}`}
                          onClick={() => setDeleting(form)}
                        >
                          Delete
                        </Button>
                      </>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? "this form"}?`}
        confirmLabel="Delete form"
        busy={act.isPending && act.variables?.action === "delete"}
        onConfirm={() => deleting && act.mutate({ form: deleting, action: "delete" })}
        onCancel={() => setDeleting(null)}
      >
        <p>
          Sites that embed it stop showing it and its hosted page closes. The leads it brought in stay.
        </p>
      </ConfirmDialog>
    </>
  );
}
