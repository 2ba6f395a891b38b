// Query keys and reads of the webhooks: deliveries (a page at a time, and one with its log), the
// account's secret and a workflow's hook. Secrets are read only when someone asks to see them.

import { useQuery } from "@tanstack/react-query";
import { useCursorPages } from "../../lib/useCursorPages";
import { useWebhooksApi, type WebhookDeliveryStatus } from "./webhooksApi";

export const webhookKeys = {
  deliveries: (workflowId: string) => ["webhook-deliveries", workflowId] as const,
  deliveryPage: (workflowId: string, status: WebhookDeliveryStatus | null, cursor: string | null) =>
    ["webhook-deliveries", workflowId, status, cursor] as const,
  delivery: (deliveryId: string) => ["webhook-delivery", deliveryId] as const,
  secret: ["webhook-secret"] as const,
  hook: (workflowId: string) => ["workflow-hook", workflowId] as const,
};

export const DELIVERIES_PAGE_SIZE = 25;
/** How often a pending delivery is read again while it is shown (its next attempt may be minutes away). */
export const PENDING_REFRESH_MS = 3000;

/** One page of a workflow's deliveries at a time, newest first. */
export function useDeliveryPages(workflowId: string, status: WebhookDeliveryStatus | null) {
  const api = useWebhooksApi();
  return useCursorPages(
    { workflowId, status },
    (filters, cursor) => webhookKeys.deliveryPage(filters.workflowId, filters.status, cursor),
    (filters, cursor, signal) => api.deliveries(filters.workflowId, filters.status, cursor, DELIVERIES_PAGE_SIZE, signal),
    { urlKey: "deliveries" },
  );
}

/** One delivery with its log, read again every few seconds while it is pending. */
export function useDelivery(deliveryId: string) {
  const api = useWebhooksApi();
  return useQuery({
    queryKey: webhookKeys.delivery(deliveryId),
    queryFn: () => api.delivery(deliveryId),
    refetchInterval: (query) => (query.state.data?.status === "pending" ? PENDING_REFRESH_MS : false),
  });
}

/** The account's signing secret, once `shown`. */
export function useWebhookSecret(shown: boolean) {
  const api = useWebhooksApi();
  return useQuery({ queryKey: webhookKeys.secret, queryFn: () => api.secret(), enabled: shown, staleTime: Infinity, gcTime: 0 });
}

/** A workflow's inbound hook and its secret, once `shown`. */
export function useHookSecret(workflowId: string, shown: boolean) {
  const api = useWebhooksApi();
  return useQuery({
    queryKey: webhookKeys.hook(workflowId),
    queryFn: () => api.hookSecret(workflowId),
    enabled: shown,
    staleTime: Infinity,
    gcTime: 0,
    meta: { inlineErrors: true },
  });
}
