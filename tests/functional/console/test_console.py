"""The platform console against moto: the tenants directory and a tenant's page, suspension (reads
only, writes 423, forms closed, consumers hold events until reactivation), trial extensions, the
platform's users, and who may do what."""

from __future__ import annotations

from datetime import timedelta

from convertly.billing import keys as billing_keys
from convertly.billing.items import BillingItem
from convertly.permissions import Role
from convertly.platform.clock import iso, now, parse_iso
from convertly.platform.events import hold
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.store import keys as platform_keys
from tests.functional.accounts.team_support import invitation_mails
from tests.functional.conftest import Account, Api, invite, sign_up, unique_email
from tests.functional.console.support import outbox_events, outbox_types, staff


def test_the_tenants_list_shows_plan_usage_and_activity_newest_first(api: Api) -> None:
    developer = staff(api, Role.DEVELOPER_STAFF)
    first = sign_up(api, "Zebra Roofing")
    second = sign_up(api, "Yak Plumbing")
    api.call("POST", "/leads", {"first_name": "Counted"}, second.token)
    status, page = api.call("GET", "/platform/tenants?q=plumbing", None, developer.token)
    assert status == 200, page
    row = next(r for r in page["items"] if r["tenant_id"] == second.tenant_id)
    assert (row["name"], row["status"], row["billing_status"], row["users"]) == (
        "Yak Plumbing",
        "active",
        "trialing",
        1,
    )
    assert row["leads_this_month"] == 1 and row["trial_ends_at"] and row["last_activity_at"]
    assert first.tenant_id not in [r["tenant_id"] for r in page["items"]]
    newest = api.call("GET", "/platform/tenants?limit=2", None, developer.token)[1]["items"]
    assert [r["tenant_id"] for r in newest] == [second.tenant_id, first.tenant_id]
    assert api.call("GET", "/platform/tenants?status=gone", None, developer.token)[0] == 422


def test_a_tenants_page_shows_billing_team_conversions_and_queues(api: Api, tenant: Account) -> None:
    developer = staff(api, Role.DEVELOPER)
    invite(api, tenant, "Sales", "Sid Sales")
    status, page = api.call("GET", f"/platform/tenants/{tenant.tenant_id}", None, developer.token)
    assert status == 200, page
    assert page["billing"]["plan"] and page["billing"]["status"] == "trialing"
    assert sorted(m["name"] for m in page["team"]) == ["Ada Admin", "Sid Sales"]
    assert {q["consumer"] for q in page["queues"]} >= {"conversions", "notifier"}
    assert page["conversions_30d"] == {} and page["held_events"] == 0
    status, body = api.call("GET", "/platform/tenants/01HZZZZZZZZZZZZZZZZZZZZZZZ", None, developer.token)
    assert status == 404 and body["error"]["code"] == "tenant_not_found"


def test_a_suspended_tenant_reads_its_writes_are_423_and_its_events_wait(api: Api, tenant: Account) -> None:
    developer = staff(api, Role.DEVELOPER)
    granted = api.call("PUT", "/settings/support-access", {"hours": 24}, tenant.token)[1]["until"]
    status, page = api.call(
        "POST", f"/platform/tenants/{tenant.tenant_id}/suspend", {"reason": "Chargeback"}, developer.token
    )
    assert status == 200 and page["status"] == "suspended" and page["suspended_reason"] == "Chargeback"
    assert api.call("GET", "/leads", None, tenant.token)[0] == 200
    status, body = api.call("POST", "/leads", {"first_name": "No"}, tenant.token)
    assert status == 423 and body["error"]["code"] == "tenant_suspended"
    # Its consumers hold its events (once each, however often delivered) until it is reactivated.
    hold.forget_cache()
    event = DomainEvent(
        detail_type="LeadCreated", tenant_id=tenant.tenant_id, data={"lead": {"name": "Held"}}
    )
    assert hold.held(event) and hold.held(event)
    assert (
        api.call("GET", f"/platform/tenants/{tenant.tenant_id}", None, developer.token)[1]["held_events"] == 1
    )
    assert "TenantSuspended" in outbox_types(tenant.tenant_id)
    assert any(e["subject_id"] == tenant.tenant_id for e in outbox_events("platform", "TenantSuspended"))

    status, page = api.call("POST", f"/platform/tenants/{tenant.tenant_id}/reactivate", None, developer.token)
    assert status == 200 and page["status"] == "active" and page["held_events"] == 0
    released = [e for e in outbox_events(tenant.tenant_id, "LeadCreated") if e["event_id"] == event.event_id]
    assert len(released) == 1  # back in the outbox: the relay publishes it to every consumer again
    assert not hold.held(event)
    assert api.call("POST", "/leads", {"first_name": "Yes"}, tenant.token)[0] == 201
    # Suspending and reactivating leave the tenant's support access grant as it was.
    assert api.call("GET", "/settings/support-access", None, tenant.token)[1]["until"] == granted


def test_a_suspended_tenants_hosted_form_is_politely_closed(api: Api, tenant: Account) -> None:
    developer = staff(api, Role.DEVELOPER)
    status, form = api.call("POST", "/forms", {"name": "Quote"}, tenant.token)
    assert status == 201, form
    assert api.call("POST", f"/forms/{form['form_id']}/publish", None, tenant.token)[0] == 200
    api.call("POST", f"/platform/tenants/{tenant.tenant_id}/suspend", {"reason": "Abuse"}, developer.token)
    status, page = api.call("GET", f"/f/{form['form_id']}")
    text = page.decode() if isinstance(page, bytes) else str(page)
    assert status == 423 and "not accepting submissions" in text
    status, body = api.call("POST", f"/f/{form['form_id']}", {"email": "v@x.test"})
    assert status == 423 and body["error"]["code"] == "form_closed"


def test_a_trial_is_extended_from_its_end_and_a_paying_tenant_is_409(api: Api, tenant: Account) -> None:
    developer = staff(api, Role.DEVELOPER)
    before = api.call("GET", f"/platform/tenants/{tenant.tenant_id}", None, developer.token)[1][
        "trial_ends_at"
    ]
    status, page = api.call(
        "POST", f"/platform/tenants/{tenant.tenant_id}/trial", {"days": 14}, developer.token
    )
    assert status == 200
    assert parse_iso(page["trial_ends_at"]) - parse_iso(before) == timedelta(days=14)
    assert "TrialExtended" in outbox_types(tenant.tenant_id)
    item = BillingItem.get(platform_keys.tenant(tenant.tenant_id), billing_keys.BILLING_SK)
    item.update([BillingItem.stripe_subscription_id.set("sub_paying"), BillingItem.status.set("active")])
    status, body = api.call(
        "POST", f"/platform/tenants/{tenant.tenant_id}/trial", {"days": 7}, developer.token
    )
    assert status == 409 and body["error"]["code"] == "trial_not_local"
    assert (
        api.call("POST", f"/platform/tenants/{tenant.tenant_id}/trial", {"days": 0}, developer.token)[0]
        == 422
    )


def test_who_may_operate_the_console(api: Api, tenant: Account) -> None:
    reader = staff(api, Role.DEVELOPER_STAFF)
    path = f"/platform/tenants/{tenant.tenant_id}/suspend"
    for token in (reader.token, tenant.token, invite(api, tenant, "Manager").token):
        status, body = api.call("POST", path, {"reason": "x"}, token)
        assert status == 403 and body["error"]["code"] == "forbidden_role"
    assert api.call("GET", "/platform/tenants", None, tenant.token)[0] == 403
    assert api.call("GET", "/platform/tenants", None, reader.token)[0] == 200


def test_platform_users_are_managed_by_developer_admins_only(api: Api) -> None:
    admin = staff(api, Role.DEVELOPER_ADMIN, "Dana Admin")
    developer = staff(api, Role.DEVELOPER)
    email = unique_email("newdev")
    body = {"email": email, "name": "New Dev", "role": "DeveloperStaff"}
    assert api.call("POST", "/platform/users", body, developer.token)[0] == 403
    status, user = api.call("POST", "/platform/users", body, admin.token)
    assert status == 201 and user["status"] == "invited" and user["role"] == "DeveloperStaff"
    assert len(invitation_mails("platform", email)) == 1
    status, changed = api.call(
        "PUT", f"/platform/users/{user['user_id']}/role", {"role": "Developer"}, admin.token
    )
    assert status == 200 and changed["role"] == "Developer"
    status, body = api.call("PUT", f"/platform/users/{user['user_id']}/role", {"role": "Admin"}, admin.token)
    assert status == 422  # a platform user has a platform role
    listed = api.call("GET", "/platform/users", None, developer.token)[1]["items"]
    assert email in [m["email"] for m in listed]
    # A customer's user is not one of the platform's.
    customer = sign_up(api, "Customer Co")
    me = api.call("GET", "/me", None, customer.token)[1]["user"]["user_id"]
    status, body = api.call("PUT", f"/platform/users/{me}/role", {"role": "Developer"}, admin.token)
    assert status == 404
    assert api.call("POST", f"/platform/users/{me}/deactivate", None, admin.token)[0] == 404


def test_the_trial_end_is_read_from_the_tenants_billing(api: Api, tenant: Account) -> None:
    developer = staff(api, Role.DEVELOPER_STAFF)
    item = BillingItem.get(platform_keys.tenant(tenant.tenant_id), billing_keys.BILLING_SK)
    soon = iso(now() + timedelta(days=2))
    item.update([BillingItem.trial_ends_at.set(soon)])
    page = api.call("GET", f"/platform/tenants/{tenant.tenant_id}", None, developer.token)[1]
    assert page["trial_ends_at"] == soon


def test_a_tenant_from_before_the_directory_is_listed_by_the_backfill_or_its_next_sign_in(api: Api) -> None:
    from convertly.console import keys as console_keys
    from convertly.console.items import TenantDirectoryItem
    from functions.directory_backfill.handler import handler as backfill
    from tests.functional.platform.test_events import Ctx

    developer = staff(api, Role.DEVELOPER_STAFF)
    old, other = sign_up(api, "Old Timer Co"), sign_up(api, "Older Still Co")
    for account in (old, other):  # as if they signed up before the console
        TenantDirectoryItem(console_keys.DIRECTORY, console_keys.directory_sk(account.tenant_id)).delete()

    def listed() -> set[str]:
        page = api.call("GET", "/platform/tenants?limit=100", None, developer.token)[1]
        return {row["tenant_id"] for row in page["items"]}

    assert old.tenant_id not in listed()

    answer = backfill({"tenant_ids": [old.tenant_id, "platform"]}, Ctx())
    assert answer == {"seen": 2, "added": [old.tenant_id]}
    assert backfill({"tenant_ids": [old.tenant_id]}, Ctx())["added"] == []  # safe to run again
    assert old.tenant_id in listed() and other.tenant_id not in listed()
    # A sign-in lists a tenant the backfill has not reached.
    assert api.call("POST", "/auth/login", {"email": other.email, "password": "Correct-Horse-9"})[0] == 200
    row = next(r for r in api.call("GET", "/platform/tenants?q=older", None, developer.token)[1]["items"])
    assert (row["tenant_id"], row["name"]) == (other.tenant_id, "Older Still Co")
