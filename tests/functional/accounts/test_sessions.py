"""One's own sign-in: log out (the refresh token revoked in Cognito, the ID token refused from the
next request), sign out everywhere, change password, the profile; and a suspended tenant, which reads
but does not write."""

from __future__ import annotations

import time

from convertly.platform import access
from convertly.platform.clock import iso
from tests.functional.accounts.team_support import login
from tests.functional.conftest import PASSWORD, Account, Api, invite


def test_log_out_revokes_the_refresh_token_and_the_id_token_at_once(api: Api, tenant: Account) -> None:
    other_session = login(api, tenant.email, PASSWORD)[1]
    status, body = api.call(
        "POST", "/auth/logout", {"refresh_token": tenant.tokens["refresh_token"]}, tenant.token
    )
    assert status == 200, body
    status, body = api.call("POST", "/auth/refresh", {"refresh_token": tenant.tokens["refresh_token"]})
    assert status == 401 and body["error"]["code"] == "invalid_refresh"
    status, body = api.call("GET", "/leads", None, tenant.token)
    assert status == 401 and body["error"]["code"] == "session_ended"
    # Only that session ended: the person's other sign-in carries on.
    assert api.call("GET", "/leads", None, other_session["id_token"])[0] == 200
    assert api.call("POST", "/auth/refresh", {"refresh_token": other_session["refresh_token"]})[0] == 200


def test_sign_out_everywhere_ends_every_session(api: Api, tenant: Account) -> None:
    other_session = login(api, tenant.email, PASSWORD)[1]
    assert api.call("POST", "/me/sign-out-everywhere", None, tenant.token)[0] == 200
    for session in (tenant.tokens, other_session):
        status, body = api.call("GET", "/me", None, session["id_token"])
        assert status == 401 and body["error"]["code"] == "session_ended"
        assert api.call("POST", "/auth/refresh", {"refresh_token": session["refresh_token"]})[0] == 401
    time.sleep(1.1)  # a sign-in in the second of the sign-out counts as before it
    status, fresh = login(api, tenant.email, PASSWORD)
    assert status == 200 and api.call("GET", "/me", None, fresh["id_token"])[0] == 200


def test_changing_the_password_checks_the_current_one(api: Api, tenant: Account) -> None:
    status, body = api.call(
        "POST",
        "/me/password",
        {"current_password": "Not-Mine-123", "new_password": "Brand-New-Pass-4"},
        tenant.token,
    )
    assert status == 422 and "current_password" in body["error"]["fields"]
    status, body = api.call(
        "POST", "/me/password", {"current_password": PASSWORD, "new_password": "short"}, tenant.token
    )
    assert status == 422 and "new_password" in body["error"]["fields"]
    change = {"current_password": PASSWORD, "new_password": "Brand-New-Pass-4"}
    assert api.call("POST", "/me/password", change, tenant.token)[0] == 200
    assert login(api, tenant.email, PASSWORD)[0] == 401
    assert login(api, tenant.email, "Brand-New-Pass-4")[0] == 200


def test_the_profile_keeps_what_was_sent_and_refuses_what_is_not_valid(api: Api, tenant: Account) -> None:
    change = {
        "name": "Ada Lovelace",
        "phone": "+44 20 7946 0000",
        "timezone": "Europe/London",
        "signature": "Ada\nAcme Roofing",
        "avatar_color": "#1f7a5c",
    }
    status, user = api.call("PATCH", "/me", change, tenant.token)
    assert status == 200 and {k: user[k] for k in change} == change
    status, body = api.call("PATCH", "/me", {"timezone": "Mars/Olympus", "avatar_color": "red"}, tenant.token)
    assert status == 422 and set(body["error"]["fields"]) == {"timezone", "avatar_color"}
    status, body = api.call("PATCH", "/me", {"phone": "", "avatar_color": "", "timezone": ""}, tenant.token)
    assert status == 200 and body["name"] == "Ada Lovelace"
    assert (body["phone"], body["avatar_color"], body["timezone"]) == (None, None, None)
    assert api.call("PATCH", "/me", {"timezone": "Europe/London"}, tenant.token)[0] == 200
    me = api.call("GET", "/me", None, tenant.token)[1]["user"]
    assert me["timezone"] == "Europe/London" and me["signature"] == "Ada\nAcme Roofing"
    # Another user's list of the team leaves the signature out.
    sales = invite(api, tenant, "Sales")
    listed = {u["email"]: u for u in api.call("GET", "/users", None, sales.token)[1]["items"]}
    assert listed[tenant.email]["signature"] is None and listed[tenant.email]["timezone"] == "Europe/London"


def test_a_suspended_tenant_reads_but_every_write_is_423(api: Api, tenant: Account) -> None:
    sales = invite(api, tenant, "Sales")
    access.tenant_access(tenant.tenant_id, access.SUSPENDED, iso(), "unpaid").save()
    assert api.call("GET", "/leads", None, tenant.token)[0] == 200
    for method, path, body in [
        ("POST", "/leads", {"first_name": "Nope"}),
        ("PATCH", "/me", {"name": "Nope"}),
        ("POST", "/team/invitations", {"people": [{"email": "x@y.test", "name": "X", "role": "Sales"}]}),
    ]:
        status, answer = api.call(method, path, body, tenant.token)
        assert status == 423 and answer["error"]["code"] == "tenant_suspended", (path, answer)
    # One's own sign-in is not the tenant's data: logging out still works.
    assert (
        api.call("POST", "/auth/logout", {"refresh_token": sales.tokens["refresh_token"]}, sales.token)[0]
        == 200
    )
    access.tenant_access(tenant.tenant_id, access.ACTIVE, iso()).save()
    assert api.call("POST", "/leads", {"first_name": "Back"}, tenant.token)[0] == 201
