import { Link } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import type { PlanLimit } from "./planLimit";

/** Next to a plan-limit message: the way to a larger plan, or whom to ask for one. */
export function UpgradeLink({ limit }: { limit: PlanLimit }) {
  const { grants } = useAuth();
  if (!limit.upgradePlan) return null;
  if (!grants.can(Permission.billingManage)) {
    return <span className="upgrade-note">Ask an Admin of your workspace to upgrade the plan.</span>;
  }
  return (
    <Link className="btn btn-primary" to={limit.upgradePath}>
      Upgrade
    </Link>
  );
}
