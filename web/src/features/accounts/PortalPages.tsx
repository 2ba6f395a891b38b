import { useAuth, useProfile } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Card, PageHeader } from "../../components/ui";

export function AffiliateDashboardPage() {
  const profile = useProfile();
  return (
    <>
      <PageHeader title="Partner dashboard" subtitle={`Welcome, ${profile.user.name}.`} />
      <Card title="Your partner portal is on its way">
        <p>
          This is where you will follow the businesses you referred to Convertly, your commissions and your payouts.
          We will let you know as soon as it opens.
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
      <Card title="The platform console is on its way">
        <p>
          Tenants, plans, usage and operations across every Convertly account will be managed here.
          {grants.can(Permission.platformManage)
            ? " Your role will be able to change platform settings."
            : " Your role will have read access."}
        </p>
      </Card>
    </>
  );
}
