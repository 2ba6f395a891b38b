import { Link } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { EmptyState } from "../../components/ui";
import { WORKFLOWS_PATH } from "./paths";
import { WebhookSecretSection } from "./WebhookSecretSection";
import "./automation.css";

/** Settings > Automation > Webhooks: the account's signing secret, for Admins. */
export function WebhooksSettingsPage() {
  const { grants } = useAuth();
  return (
    <div className="workflow-builder">
      <Link to={WORKFLOWS_PATH} className="back-link">
        ← All workflows
      </Link>
      {grants.can(Permission.automationWebhookSecret) ? (
        <WebhookSecretSection />
      ) : (
        <EmptyState title="Only Admins see the webhook signing secret">
          <p>Ask an Admin of the account for it, or to rotate it.</p>
        </EmptyState>
      )}
    </div>
  );
}
