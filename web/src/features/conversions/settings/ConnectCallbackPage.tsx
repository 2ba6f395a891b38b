import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError, errorMessage } from "../../../api/errors";
import { toast } from "../../../components/toasts";
import { Alert, Card, Spinner } from "../../../components/ui";
import { conversionKeys } from "../queries";
import { AD_PLATFORMS_PATH, callbackResult, isAdPlatform, PLATFORM_TITLES, useConnectionApi } from "./connect";
import "./connect.css";

/**
 * Where Google and Meta send the browser back after the consent: the code and state go to the API once
 * (with this user's token, so the connection is this account's), then back to Settings > Ad platforms.
 */
export function ConnectCallbackPage() {
  const { platform } = useParams();
  const [search] = useSearchParams();
  const api = useConnectionApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const sent = useRef(false);
  const [failure, setFailure] = useState<string | null>(null);
  const known = isAdPlatform(platform);
  const title = known ? PLATFORM_TITLES[platform] : "The ad platform";
  const result = useMemo(() => callbackResult(search, title), [search, title]);

  useEffect(() => {
    // Once only: a state is good for one use, and React may run an effect twice.
    if (!known || result.kind !== "code" || sent.current) return;
    sent.current = true;
    api
      .finish(platform, result.body)
      .then((settings) => {
        queryClient.setQueryData(conversionKeys.adsSettings, settings);
        const next = platform === "google_ads" ? "choose the account and the conversion action" : "choose the dataset";
        toast.success(`${title} connected: now ${next}`);
        void navigate(AD_PLATFORMS_PATH, { replace: true });
      })
      .catch((error: unknown) => setFailure(failureText(error)));
  }, [api, known, navigate, platform, queryClient, result, title]);

  const problem = !known ? "This is not a page of an ad platform Convertly connects to." : result.kind === "refused" ? result.message : failure;
  return (
    <Card title={`Connecting ${title}`} className="connect-callback">
      {problem ? (
        <Alert title={`${title} was not connected`} actions={<Link to={AD_PLATFORMS_PATH}>Back to Ad platforms</Link>}>
          {problem}
        </Alert>
      ) : (
        <Spinner label={`Finishing the connection to ${title}`} />
      )}
    </Card>
  );
}

/** The API's message, with what it said of each field (a callback the API could not read says which part). */
function failureText(error: unknown): string {
  const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
  const said = fields.map(([name, text]) => `${name}: ${text}`).join("; ");
  return said ? `${errorMessage(error)} (${said})` : errorMessage(error);
}
