"""Viewing as someone: a tenant Admin as a teammate (read-only), a Developer Admin as a tenant's
Admin (writes only with the tenant's support access); the view's token carries both identities,
cannot start another view or change roles, ends at once on exit, and every start, end and write is in
the tenant's audit log and the platform's."""

from __future__ import annotations

from convertly.permissions import Role
from tests.functional.conftest import Account, Api, invite
from tests.functional.console.support import outbox_events, staff


def test_an_admin_views_as_a_teammate_read_only(api: Api, tenant: Account) -> None:
    sales = invite(api, tenant, "Sales", "Sam Sales")
    sales_id = sales.tokens["user_id"]
    api.call("POST", "/leads", {"first_name": "Mine", "owner_id": sales_id}, tenant.token)
    api.call("POST", "/leads", {"first_name": "Not Mine"}, tenant.token)
    status, view = api.call("POST", f"/team/{sales_id}/impersonate", None, tenant.token)
    assert status == 201, view
    token = view["token"]
    me = api.call("GET", "/me", None, token)[1]
    assert me["user"]["user_id"] == sales_id and me["permissions"] == sorted(me["permissions"])
    assert (
        me["impersonation"]["actor_name"] == "Ada Admin" and me["impersonation"]["target_name"] == "Sam Sales"
    )
    assert me["impersonation"]["writes_allowed"] is False and me["impersonation"]["by_convertly"] is False
    # The app as Sam sees it: only Sam's leads.
    names = [lead["first_name"] for lead in api.call("GET", "/leads", None, token)[1]["items"]]
    assert names == ["Mine"]
    status, body = api.call("POST", "/leads", {"first_name": "Nope"}, token)
    assert status == 403 and body["error"]["code"] == "impersonation_read_only"
    for method, path, payload in [
        ("POST", f"/team/{sales_id}/impersonate", None),
        ("PATCH", "/me", {"name": "Hijack"}),
        ("POST", "/me/sign-out-everywhere", None),
    ]:
        status, body = api.call(method, path, payload, token)
        assert status == 403 and body["error"]["code"] in {"impersonation_not_allowed", "forbidden_role"}, (
            path
        )
    assert api.call("POST", "/impersonation/end", None, token)[0] == 200
    status, body = api.call("GET", "/leads", None, token)
    assert status == 401 and body["error"]["code"] == "impersonation_ended"
    assert len(outbox_events(tenant.tenant_id, "ImpersonationStarted")) == 1
    assert len(outbox_events(tenant.tenant_id, "ImpersonationEnded")) == 1


def test_a_tampered_or_foreign_view_token_is_refused(api: Api, tenant: Account) -> None:
    sales = invite(api, tenant, "Sales")
    view = api.call("POST", f"/team/{sales.tokens['user_id']}/impersonate", None, tenant.token)[1]
    forged = view["token"][:-4] + ("AAAA" if not view["token"].endswith("AAAA") else "BBBB")
    status, body = api.call("GET", "/leads", None, forged)
    assert status == 401 and body["error"]["code"] == "invalid_token"
    assert api.call("GET", "/leads", None, "cvi_not-even-json.secret")[0] == 401
    # Deactivating the person viewed ends the view's use too.
    api.call("POST", f"/team/{sales.tokens['user_id']}/deactivate", None, tenant.token)
    status, body = api.call("GET", "/leads", None, view["token"])
    assert status == 401 and body["error"]["code"] == "account_deactivated"


def test_convertly_support_writes_only_with_the_tenants_support_access(api: Api, tenant: Account) -> None:
    support = staff(api, Role.DEVELOPER_ADMIN, "Sue Support")
    for role in (Role.DEVELOPER, Role.DEVELOPER_STAFF):
        status, body = api.call(
            "POST", f"/platform/tenants/{tenant.tenant_id}/impersonate", {}, staff(api, role).token
        )
        assert status == 403 and body["error"]["code"] == "forbidden_role"
    status, view = api.call("POST", f"/platform/tenants/{tenant.tenant_id}/impersonate", {}, support.token)
    assert status == 201, view
    assert view["impersonation"]["target_name"] == "Ada Admin" and view["impersonation"]["by_convertly"]
    token = view["token"]
    status, body = api.call("POST", "/leads", {"first_name": "Blocked"}, token)
    assert status == 403 and body["error"]["code"] == "impersonation_read_only"

    status, granted = api.call("PUT", "/settings/support-access", {"hours": 2}, tenant.token)
    assert status == 200 and granted["until"]
    assert api.call("GET", "/me", None, token)[1]["impersonation"]["writes_allowed"] is True
    status, lead = api.call("POST", "/leads", {"first_name": "Fixed by support"}, token)
    assert status == 201, lead
    status, body = api.call("PUT", "/settings/support-access", {"hours": 0}, token)
    assert status == 403 and body["error"]["code"] == "impersonation_not_allowed"
    me = api.call("GET", "/me", None, tenant.token)[1]["user"]["user_id"]
    status, body = api.call("PUT", f"/team/{me}/role", {"role": "Manager"}, token)
    assert status == 403 and body["error"]["code"] == "impersonation_not_allowed"
    # Every write is in both logs; so are the start and the end.
    writes = outbox_events(tenant.tenant_id, "ImpersonatedWrite")
    recorded = [(w["data"]["method"], w["data"]["path"], w["data"]["status"]) for w in writes]
    # The write made is recorded; the ones refused before they ran wrote nothing and are not.
    assert recorded == [("POST", "/leads", "201")]
    platform_writes = [
        e
        for e in outbox_events("platform", "ImpersonatedWrite")
        if e["data"]["tenant_id"] == tenant.tenant_id
    ]
    assert any(w["data"]["path"] == "/leads" for w in platform_writes)
    assert api.call("POST", "/impersonation/end", None, token)[0] == 200
    started = [
        e
        for e in outbox_events("platform", "ImpersonationStarted")
        if e["data"]["tenant_id"] == tenant.tenant_id
    ]
    ended = [
        e
        for e in outbox_events("platform", "ImpersonationEnded")
        if e["data"]["tenant_id"] == tenant.tenant_id
    ]
    assert len(started) == len(ended) == 1
    assert api.call("POST", "/impersonation/end", None, tenant.token)[0] == 409  # not viewing as anyone
