import { useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Alert, Button, Spinner } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { Modal } from "../team/Modal";
import { PagedList, StatusToolbar } from "./PagedPanel";
import { WEBHOOKS_SETTINGS_PATH } from "./paths";
import { useDelivery, useDeliveryPages, webhookKeys } from "./webhookQueries";
import { useWebhooksApi, type WebhookAttempt, type WebhookDelivery, type WebhookDeliveryStatus } from "./webhooksApi";
import { attemptsText, DELIVERY_STATUS_LABELS, DELIVERY_STATUSES, deliveryTone } from "./webhookText";
import "../team/team.css";
import "./automation.css";
import "./webhooks.css";

const STATUS_OPTIONS = [{ value: "", label: "Any status" }, ...DELIVERY_STATUSES.map((status) => ({ value: status, label: DELIVERY_STATUS_LABELS[status] }))];

function DeliveryStatusBadge({ status }: { status: WebhookDeliveryStatus }) {
  return <span className={`badge automation-tone-${deliveryTone(status)}`}>{DELIVERY_STATUS_LABELS[status]}</span>;
}

/**
 * A workflow's outbound webhooks, newest first, by status: where each went, its attempts and last
 * answer; one opens with its attempts and the JSON it sends, and a delivered or failed one can be
 * replayed (the same body and delivery id, signed anew).
 */
export function WebhookDeliveriesPanel({ workflowId }: { workflowId: string }) {
  const [status, setStatus] = useState<WebhookDeliveryStatus | null>(null);
  const [opened, setOpened] = useState<WebhookDelivery | null>(null);
  const pages = useDeliveryPages(workflowId, status);
  const { grants } = useAuth();
  return (
    <section aria-label="Webhook deliveries" className="history-panel webhook-deliveries">
      <StatusToolbar options={STATUS_OPTIONS} status={status} onStatus={setStatus} pages={pages}>
        {grants.can(Permission.automationWebhookSecret) && (
          <Link to={WEBHOOKS_SETTINGS_PATH} className="webhook-secret-link">
            Signing secret
          </Link>
        )}
      </StatusToolbar>
      <PagedList
        pages={pages}
        noun={["delivery", "deliveries"]}
        empty={{
          title: status ? `No ${DELIVERY_STATUS_LABELS[status].toLowerCase()} deliveries` : "No webhooks sent yet",
          body: !status && <p>Each time a “Send a webhook” step runs, what it posted shows here, with every attempt and the receiver’s answer.</p>,
        }}
      >
        {(items) => <DeliveriesTable items={items} onOpen={setOpened} />}
      </PagedList>
      {opened && <DeliveryDialog delivery={opened} onClose={() => setOpened(null)} />}
    </section>
  );
}

function DeliveriesTable({ items, onOpen }: { items: readonly WebhookDelivery[]; onOpen: (delivery: WebhookDelivery) => void }) {
  return (
    <div className="table-wrap">
      <table className="table webhook-deliveries-table">
        <caption className="visually-hidden">Webhook deliveries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">URL</th>
            <th scope="col">Attempts</th>
            <th scope="col" className="numeric">
              Last answer
            </th>
            <th scope="col">Queued</th>
            <th scope="col">Delivery</th>
          </tr>
        </thead>
        <tbody>
          {items.map((delivery) => (
            <tr key={delivery.delivery_id}>
              <td>
                <DeliveryStatusBadge status={delivery.status} />
              </td>
              <td className="webhook-url" title={delivery.url}>
                {delivery.url}
              </td>
              <td>{attemptsText(delivery)}</td>
              <td className="numeric">{delivery.last_status_code ?? "—"}</td>
              <td className="nowrap">
                <time dateTime={delivery.created_at}>{formatDateTime(delivery.created_at)}</time>
              </td>
              <td>
                <Button className="btn-small" aria-label={`View delivery ${delivery.delivery_id}`} onClick={() => onOpen(delivery)}>
                  View
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Facts({ delivery }: { delivery: WebhookDelivery }) {
  const rows: [string, ReactNode][] = [
    ["Status", <DeliveryStatusBadge key="status" status={delivery.status} />],
    ["URL", <code key="url">{delivery.url}</code>],
    ["Delivery id", <code key="id">{delivery.delivery_id}</code>],
    ["Queued", formatDateTime(delivery.created_at)],
    ["Attempts", attemptsText(delivery)],
  ];
  if (delivery.delivered_at) rows.push(["Delivered", formatDateTime(delivery.delivered_at)]);
  if (delivery.status === "pending" && delivery.next_attempt_at) rows.push(["Next attempt", formatDateTime(delivery.next_attempt_at)]);
  if (delivery.last_error) rows.push(["Last error", delivery.last_error]);
  return (
    <dl className="details enrolment-facts">
      {rows.map(([term, value]) => (
        <div key={term} className="detail-row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function AttemptsTable({ attempts }: { attempts: readonly WebhookAttempt[] }) {
  if (attempts.length === 0) return <p className="muted">Not attempted yet: the sender takes it within seconds.</p>;
  return (
    <div className="table-wrap">
      <table className="table webhook-attempts">
        <caption className="visually-hidden">Attempts, oldest first</caption>
        <thead>
          <tr>
            <th scope="col" className="numeric">
              #
            </th>
            <th scope="col">When</th>
            <th scope="col">Outcome</th>
            <th scope="col" className="numeric">
              Status
            </th>
            <th scope="col" className="numeric">
              Time
            </th>
            <th scope="col">Answer or error</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((attempt) => (
            <tr key={attempt.number}>
              <td className="numeric">
                {attempt.number}
                {attempt.round > 0 && <span className="badge automation-tone-muted webhook-replay-badge">Replay</span>}
              </td>
              <td className="nowrap">{formatDateTime(attempt.at)}</td>
              <td>{attempt.outcome === "delivered" ? "Delivered" : attempt.outcome === "retrying" ? "Will retry" : "Failed"}</td>
              <td className="numeric">{attempt.status_code ?? "—"}</td>
              <td className="numeric nowrap">{attempt.duration_ms} ms</td>
              <td className="webhook-answer">{attempt.error ?? attempt.response_excerpt ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function newRequestKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** One delivery: its facts, every attempt and the JSON it sends; Replay sends it again. */
function DeliveryDialog({ delivery, onClose }: { delivery: WebhookDelivery; onClose: () => void }) {
  const api = useWebhooksApi();
  const queryClient = useQueryClient();
  const detail = useDelivery(delivery.delivery_id);
  const [replaying, setReplaying] = useState(false);
  // One key per press of Replay: a double click (or a retry of a lost answer) replays once.
  const [requestKey, setRequestKey] = useState(newRequestKey);
  const shown = detail.data ?? delivery;

  async function replay() {
    setReplaying(true);
    try {
      const replayed = await api.replay(delivery.delivery_id, requestKey);
      queryClient.setQueryData(webhookKeys.delivery(replayed.delivery_id), replayed);
      void queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(replayed.workflow_id) });
      toast.success("Replay queued: the same body is being sent again");
      setRequestKey(newRequestKey());
    } catch (error) {
      toast.error(errorMessage(error));
      void detail.refetch();
    } finally {
      setReplaying(false);
    }
  }

  return (
    <Modal
      title="Webhook delivery"
      wide
      onSubmit={onClose}
      onClose={onClose}
      actions={
        <>
          <Button
            busy={replaying}
            disabled={shown.status === "pending"}
            title={shown.status === "pending" ? "It is still being attempted" : undefined}
            onClick={() => void replay()}
          >
            Replay
          </Button>
          <Button type="submit" variant="primary">
            Close
          </Button>
        </>
      }
    >
      <Facts delivery={shown} />
      <h3>Attempts</h3>
      {detail.isPending ? (
        <Spinner label="Loading its attempts" />
      ) : detail.isError ? (
        <Alert title="Its attempts could not be loaded">{errorMessage(detail.error)}</Alert>
      ) : (
        <>
          <AttemptsTable attempts={detail.data.log ?? []} />
          <h3>Payload</h3>
          <pre className="webhook-payload" aria-label="Payload">
            {JSON.stringify(detail.data.payload ?? {}, null, 2)}
          </pre>
        </>
      )}
    </Modal>
  );
}
