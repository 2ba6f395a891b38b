import { useAuth, useProfile } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Card, PageHeader } from "../../components/ui";

export function AffiliateDashboardPage() {
  const profile = useProfile();
  return (
    <>
      <PageHeader title="Partner dashboard" subtitle={`Welcome, ${profile.user.name}.`} />
      <Card title="The partner portal is locked">
        <p>
          Your partner account works, but referral tracking, commissions and payouts are not part of this version of
          Convertly: nothing is tracked or paid from here.
        </p>
      </Card>
    </>
  );
}

export function PlatformConsolePage() {
  const profile = useProfile();
  const { grants } = useAuth();
  return (
    <>
      <PageHeader title="Platform console" subtitle={`Signed in as ${profile.user.name} (${profile.user.role}).`} />
      <Card title="The platform console is locked">
        <p>
          Your platform account works, but managing tenants, plans and usage across Convertly accounts is not part of this
          version: there is nothing to manage from here.
          {grants.can(Permission.platformManage)
            ? " Your role may change platform settings."
            : " Your role may read platform settings."}
        </p>
      </Card>
    </>
  );
}
