"""Settings > Team against moto's Cognito: invitations by email (accepted once, within 7 days),
resend and revoke, seats, role changes, deactivation (every token refused at once), reactivation,
deletion and the last Admin."""

from __future__ import annotations

import re
from datetime import timedelta

from convertly.accounts.items import UserItem
from convertly.billing import keys as billing_keys
from convertly.billing.items import BillingItem
from convertly.manifest import ROUTES, AuthKind
from convertly.permissions import Role, has_permission
from convertly.platform.clock import iso, now
from convertly.platform.store import keys as platform_keys
from tests.functional.accounts.team_support import (
    NEW_PASSWORD,
    accept,
    invitation_mails,
    invite_by_mail,
    login,
    temporary_password,
    user_record,
)
from tests.functional.api.test_roles import concrete
from tests.functional.conftest import PASSWORD, Account, Api, invite, sign_up, unique_email


def billing(tenant_id: str) -> BillingItem:
    return BillingItem.get(platform_keys.tenant(tenant_id), billing_keys.BILLING_SK, consistent_read=True)


def member(api: Api, admin: Account, user_id: str) -> dict[str, object]:
    status, body = api.call("GET", f"/team/{user_id}", None, admin.token)
    assert status == 200, body
    return body


# Invitations ----------------------------------------------------------------------------------------


def test_an_invitation_mails_a_temporary_password_that_works_once(api: Api, tenant: Account) -> None:
    seats = int(billing(tenant.tenant_id).user_count)
    email, user_id, temporary = invite_by_mail(api, tenant, "Manager", "Mia Manager")
    mail = invitation_mails(tenant.tenant_id, email)[0]
    assert "Mia Manager" in mail.body and "as Manager" in mail.body and "/login?invited=1" in mail.body
    # The expiry reads in the team's time zone, named (the invitee has set none of their own yet)
    assert re.search(r"It expires on \w{3} \d{1,2} \w{3} \d{4}, \d{1,2}:\d{2} [AP]M UTC\.", mail.body), (
        mail.body
    )
    assert member(api, tenant, user_id)["status"] == "invited"
    assert int(billing(tenant.tenant_id).user_count) == seats + 1  # the seat is taken at the invitation

    tokens = accept(api, email, temporary)
    status, me = api.call("GET", "/me", None, tokens["id_token"])
    assert status == 200 and me["user"]["role"] == "Manager" and me["user"]["status"] == "active"
    assert user_record(tenant.tenant_id, user_id).last_sign_in_at is not None
    # The temporary password worked once; the person's own password works from now on.
    assert login(api, email, temporary)[0] == 401
    assert login(api, email, NEW_PASSWORD)[0] == 200


def test_an_expired_invitation_is_refused_until_it_is_sent_again(api: Api, tenant: Account) -> None:
    email, user_id, temporary = invite_by_mail(api, tenant)
    user_record(tenant.tenant_id, user_id).update(
        [UserItem.invitation_expires_at.set(iso(now() - timedelta(minutes=1)))]
    )
    status, body = login(api, email, temporary)
    assert status == 401 and body["error"]["code"] == "invitation_expired"

    status, resent = api.call("POST", f"/team/{user_id}/invitation", None, tenant.token)
    assert status == 200 and resent["invitation_expires_at"] > iso(now() + timedelta(days=6))
    mails = invitation_mails(tenant.tenant_id, email)
    assert len(mails) == 2
    assert login(api, email, temporary)[0] == 401  # the first mail's password no longer works
    accept(api, email, temporary_password(mails[1]))


def test_revoking_an_invitation_removes_the_sign_in_and_frees_the_seat(api: Api, tenant: Account) -> None:
    seats = int(billing(tenant.tenant_id).user_count)
    email, user_id, temporary = invite_by_mail(api, tenant)
    status, _ = api.call("DELETE", f"/team/{user_id}/invitation", None, tenant.token)
    assert status == 204
    assert int(billing(tenant.tenant_id).user_count) == seats
    assert api.call("GET", f"/team/{user_id}", None, tenant.token)[0] == 404
    assert login(api, email, temporary)[0] == 401
    status, body = api.call("DELETE", f"/team/{user_id}/invitation", None, tenant.token)
    assert status == 404 and body["error"]["code"] == "user_not_found"


def test_several_people_are_invited_at_once_and_a_taken_email_is_reported(api: Api, tenant: Account) -> None:
    fresh = unique_email("many")
    people = [
        {"email": fresh, "name": "New One", "role": "Staff"},
        {"email": tenant.email, "name": "Taken", "role": "Sales"},
        {"email": fresh, "name": "Twice", "role": "Sales"},
    ]
    status, body = api.call("POST", "/team/invitations", {"people": people}, tenant.token)
    assert status == 201, body
    outcomes = [(r["email"], r["status"], (r.get("error") or {}).get("code")) for r in body["results"]]
    assert outcomes == [
        (fresh, "invited", None),
        (tenant.email, "failed", "email_taken"),
        (fresh, "failed", "duplicate"),
    ]
    assert len(invitation_mails(tenant.tenant_id, fresh)) == 1


def test_an_invitation_beyond_the_plans_seats_is_402_and_leaves_nothing(api: Api, tenant: Account) -> None:
    item = billing(tenant.tenant_id)
    item.update([BillingItem.user_count.set(int(item.user_limit))])
    email = unique_email("over")
    status, body = api.call("POST", "/users", {"email": email, "name": "Over", "role": "Sales"}, tenant.token)
    assert status == 402 and body["error"]["details"]["limit"] == "users"
    people = [{"email": unique_email("batch"), "name": "Batch", "role": "Sales"}]
    status, batch = api.call("POST", "/team/invitations", {"people": people}, tenant.token)
    failure = batch["results"][0]["error"]
    assert (
        status == 201 and failure["code"] == "plan_limit_reached" and failure["details"]["limit"] == "users"
    )
    team = api.call("GET", "/team", None, tenant.token)[1]
    assert email not in [m["email"] for m in team["items"]]
    assert invitation_mails(tenant.tenant_id, email) == []
    assert login(api, email, "Whatever-123!")[0] == 401  # no Cognito user left behind


# Roles ----------------------------------------------------------------------------------------------


def test_a_role_change_holds_from_the_next_request(api: Api, tenant: Account) -> None:
    sales = invite(api, tenant, "Sales")
    assert api.call("GET", "/team", None, sales.token)[0] == 403
    status, body = api.call("PUT", f"/team/{sales.tokens['user_id']}/role", {"role": "Manager"}, tenant.token)
    assert status == 200 and body["role"] == "Manager"
    # The old token carries the old role: refused, and a refresh brings the new one.
    status, body = api.call("GET", "/leads", None, sales.token)
    assert status == 401 and body["error"]["code"] == "role_changed"
    status, fresh = api.call("POST", "/auth/refresh", {"refresh_token": sales.tokens["refresh_token"]})
    assert status == 200
    assert api.call("GET", "/team", None, fresh["id_token"])[0] == 200


def test_the_last_admin_can_be_neither_demoted_nor_deactivated_nor_deleted(api: Api, tenant: Account) -> None:
    me = api.call("GET", "/me", None, tenant.token)[1]["user"]["user_id"]
    status, body = api.call("PUT", f"/team/{me}/role", {"role": "Manager"}, tenant.token)
    assert status == 409 and body["error"]["code"] == "last_admin"
    assert api.call("POST", f"/team/{me}/deactivate", None, tenant.token)[0] == 409
    assert api.call("DELETE", f"/team/{me}", None, tenant.token)[0] == 409

    other = invite(api, tenant, "Admin", "Second Admin")
    status, body = api.call("PUT", f"/team/{me}/role", {"role": "Manager"}, tenant.token)
    assert status == 200  # with a second Admin the first may step down
    status, body = api.call("PUT", f"/team/{other.tokens['user_id']}/role", {"role": "Sales"}, other.token)
    assert status == 409 and body["error"]["code"] == "last_admin"


# Deactivation, reactivation, deletion -----------------------------------------------------------------


def test_a_deactivated_users_token_fails_on_every_route_at_once(api: Api, tenant: Account) -> None:
    sales = invite(api, tenant, "Sales")
    seats = int(billing(tenant.tenant_id).user_count)
    status, body = api.call("POST", f"/team/{sales.tokens['user_id']}/deactivate", None, tenant.token)
    assert status == 200 and body["status"] == "deactivated"
    assert int(billing(tenant.tenant_id).user_count) == seats - 1
    for route in (r for r in ROUTES if r.auth is AuthKind.USER):
        status, body = api.call(route.method, concrete(route.path), {}, sales.token)
        assert status == 401, (route.method, route.path, status, body)
        assert body["error"]["code"] == "account_deactivated"
    status, body = api.call("POST", "/auth/refresh", {"refresh_token": sales.tokens["refresh_token"]})
    assert status == 401
    status, body = login(api, sales.email, PASSWORD)
    assert status == 401 and body["error"]["code"] == "account_deactivated"

    status, body = api.call("POST", f"/team/{sales.tokens['user_id']}/reactivate", None, tenant.token)
    assert status == 200 and body["status"] == "active"
    assert int(billing(tenant.tenant_id).user_count) == seats
    status, tokens = login(api, sales.email, PASSWORD)
    assert status == 200 and api.call("GET", "/leads", None, tokens["id_token"])[0] == 200


def test_only_a_deactivated_user_without_open_work_can_be_deleted(api: Api, tenant: Account) -> None:
    sales = invite(api, tenant, "Sales")
    user_id = sales.tokens["user_id"]
    status, body = api.call("DELETE", f"/team/{user_id}", None, tenant.token)
    assert status == 409 and body["error"]["code"] == "not_deactivated"
    status, lead = api.call("POST", "/leads", {"first_name": "Owned", "owner_id": user_id}, tenant.token)
    assert status == 201, lead
    api.call("POST", f"/team/{user_id}/deactivate", None, tenant.token)
    assert member(api, tenant, user_id)["open_leads"] == 1
    status, body = api.call("DELETE", f"/team/{user_id}", None, tenant.token)
    assert status == 409 and body["error"]["code"] == "user_has_work"

    me = api.call("GET", "/me", None, tenant.token)[1]["user"]["user_id"]
    change = {"owner_id": me, "version": lead["version"]}
    status, _ = api.call("PATCH", f"/leads/{lead['lead_id']}", change, tenant.token)
    assert status == 200, _
    assert api.call("DELETE", f"/team/{user_id}", None, tenant.token)[0] == 204
    assert api.call("GET", f"/team/{user_id}", None, tenant.token)[0] == 404
    assert login(api, sales.email, PASSWORD)[0] == 401


def test_the_team_list_filters_by_status_role_and_text(api: Api, tenant: Account) -> None:
    invite(api, tenant, "Staff", "Stan Staff")
    email, _, _ = invite_by_mail(api, tenant, "Sales", "Pending Pat")
    status, body = api.call("GET", "/team?status=invited", None, tenant.token)
    assert status == 200 and [m["email"] for m in body["items"]] == [email]
    names = [m["name"] for m in api.call("GET", "/team?role=Staff", None, tenant.token)[1]["items"]]
    assert names == ["Stan Staff"]
    names = [m["name"] for m in api.call("GET", "/team?q=pat", None, tenant.token)[1]["items"]]
    assert names == ["Pending Pat"]
    assert body["seats_used"] >= 3 and body["seats_limit"] >= body["seats_used"]
    assert api.call("GET", "/team?status=gone", None, tenant.token)[0] == 422


def test_another_tenants_user_is_not_found_on_every_team_route(api: Api, tenant: Account) -> None:
    other = sign_up(api, "Elsewhere Ltd")
    stranger = invite(api, other, "Sales").tokens["user_id"]
    for route in ROUTES:
        if (
            route.auth is AuthKind.USER
            and "{user_id}" in route.path
            and has_permission(Role.ADMIN, route.permission)
        ):
            body = {"role": "Manager"} if route.method == "PUT" else None
            if route.path.endswith("/reassign"):
                body = {"to_user_ids": [stranger]}
            status, answer = api.call(
                route.method, route.path.replace("{user_id}", stranger), body, tenant.token
            )
            assert status == 404, (route.method, route.path, answer)
    assert api.call("GET", f"/team/{stranger}", None, other.token)[0] == 200  # untouched
