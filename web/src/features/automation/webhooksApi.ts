// The webhooks operations: a workflow's outbound deliveries (and replaying one), the account's
// signing secret, and a workflow's inbound hook (its path and secret).

import type { ApiClient } from "../../api/client";
import type { Schemas } from "../../api/contract";
import { apiHook } from "../../context";

export type WebhookDelivery = Schemas["WebhookDelivery"];
export type WebhookDeliveryStatus = WebhookDelivery["status"];
export type WebhookDeliveryPage = Schemas["WebhookDeliveryPage"];
export type WebhookAttempt = Schemas["WebhookAttempt"];
export type WebhookSecret = Schemas["WebhookSecret"];
export type HookSecret = Schemas["HookSecret"];

const deliveryPath = (deliveryId: string) => `/automation/webhook-deliveries/${encodeURIComponent(deliveryId)}`;
const hookPath = (workflowId: string) => `/automation/workflows/${encodeURIComponent(workflowId)}/hook-secret`;

export function webhooksApi(client: ApiClient) {
  return {
    /** Newest first. */
    deliveries: (workflowId: string, status: WebhookDeliveryStatus | null, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<WebhookDeliveryPage>(`/automation/workflows/${encodeURIComponent(workflowId)}/webhook-deliveries`, { status, cursor, limit }, signal),
    /** With the payload it sends and every attempt. */
    delivery: (deliveryId: string) => client.get<WebhookDelivery>(deliveryPath(deliveryId)),
    /** The same body and delivery id again; the same request key twice replays once. 409 while it is still being attempted. */
    replay: (deliveryId: string, requestKey: string) => client.post<WebhookDelivery>(`${deliveryPath(deliveryId)}/replay`, { request_key: requestKey }),
    /** The account's outbound signing secret (Admins), made on first use. */
    secret: () => client.get<WebhookSecret>("/automation/webhook-secret"),
    rotateSecret: () => client.post<WebhookSecret>("/automation/webhook-secret/rotate"),
    /** A webhook-triggered workflow's hook: 404 hook_not_found until its trigger is saved. */
    hookSecret: (workflowId: string) => client.get<HookSecret>(hookPath(workflowId)),
    rotateHookSecret: (workflowId: string) => client.post<HookSecret>(`${hookPath(workflowId)}/rotate`),
  };
}

export type WebhooksApi = ReturnType<typeof webhooksApi>;
export const useWebhooksApi = apiHook(webhooksApi);
