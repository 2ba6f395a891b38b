// The words and snippets of the webhook panels: a hook's full URL, the curl example that signs its
// body (Convertly-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">), and how a
// delivery's state reads.

import type { WebhookDelivery, WebhookDeliveryStatus } from "./webhooksApi";

export const DELIVERY_STATUSES: readonly WebhookDeliveryStatus[] = ["pending", "delivered", "failed"];

export const DELIVERY_STATUS_LABELS: Record<WebhookDeliveryStatus, string> = {
  pending: "Pending",
  delivered: "Delivered",
  failed: "Failed",
};

export function deliveryTone(status: WebhookDeliveryStatus): "good" | "bad" | "busy" {
  return status === "delivered" ? "good" : status === "failed" ? "bad" : "busy";
}

/** The hook's URL on the API the app talks to. */
export function hookUrl(apiUrl: string, path: string): string {
  return `${apiUrl.replace(/\/+$/, "")}${path}`;
}

/** A shell example that signs a JSON body with the hook's secret and posts it (bash, openssl, curl). */
export function curlExample(url: string, secret: string | null): string {
  const key = secret ?? "paste the secret here (Reveal)";
  return [
    `SECRET='${key.replace(/'/g, "'\\''")}'`,
    `BODY='{"email":"ada@example.com","first_name":"Ada","last_name":"Lovelace","tags":["website"]}'`,
    "T=$(date +%s)",
    `SIG=$(printf '%s.%s' "$T" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.*= //')`,
    `curl -sS -X POST '${url}' \\`,
    "  -H 'Content-Type: application/json' \\",
    '  -H "Idempotency-Key: $T-$RANDOM" \\',
    '  -H "Convertly-Signature: t=$T,v1=$SIG" \\',
    '  --data "$BODY"',
  ].join("\n");
}

/** What the list says of a delivery's state: its attempts so far, and the next one's time when it waits. */
export function attemptsText(delivery: Pick<WebhookDelivery, "attempts" | "status" | "replays">): string {
  const tries = `${delivery.attempts} attempt${delivery.attempts === 1 ? "" : "s"}`;
  return delivery.replays > 0 ? `${tries} (${delivery.replays} replay${delivery.replays === 1 ? "" : "s"})` : tries;
}
