import { useProfile } from "../../auth/AuthProvider";
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
