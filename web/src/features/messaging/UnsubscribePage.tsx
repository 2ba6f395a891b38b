import { useMutation, useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { Alert, Button, Spinner } from "../../components/ui";
import { AuthLayout } from "../accounts/AuthLayout";
import { useUnsubscribeApi, type UnsubscribeStatus } from "./unsubscribeApi";

/**
 * The page an email's unsubscribe link opens (no sign-in): whose link it is, and a button that stops the
 * account's marketing email to that person. Opening the page changes nothing (mail scanners open links).
 */
export function UnsubscribePage() {
  const { token = "" } = useParams();
  const api = useUnsubscribeApi();
  const status = useQuery({ queryKey: ["unsubscribe", token], queryFn: ({ signal }) => api.status(token, signal), retry: false, meta: { inlineErrors: true } });
  const unsubscribe = useMutation({ mutationFn: () => api.unsubscribe(token), meta: { inlineErrors: true } });

  if (status.isPending) {
    return (
      <AuthLayout title="Unsubscribe">
        <Spinner label="Reading the link" />
      </AuthLayout>
    );
  }
  if (status.isError) {
    const invalid = status.error instanceof ApiError && status.error.status === 404;
    return (
      <AuthLayout title={invalid ? "This link is not valid" : "Unsubscribe"}>
        {invalid ? <p>Use the unsubscribe link of a recent email, exactly as it reached you.</p> : <Alert>{errorMessage(status.error)}</Alert>}
      </AuthLayout>
    );
  }
  const shown: UnsubscribeStatus = unsubscribe.data ?? status.data;
  const who = shown.email ?? "This address";
  if (shown.unsubscribed) {
    return (
      <AuthLayout title="You are unsubscribed">
        <p role="status">
          {who} no longer receives marketing email from {shown.company}.
        </p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={`Unsubscribe from ${shown.company}'s emails?`}>
      <p>
        {who} will stop receiving marketing email from {shown.company}.
      </p>
      {unsubscribe.isError && <Alert>{errorMessage(unsubscribe.error)}</Alert>}
      <Button variant="primary" className="btn-block" busy={unsubscribe.isPending} onClick={() => unsubscribe.mutate()}>
        Unsubscribe
      </Button>
    </AuthLayout>
  );
}
