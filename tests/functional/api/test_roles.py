"""Every user route x every role: 403 exactly where the permission table says so; 401 without a token."""

from __future__ import annotations

import base64
import json

import pytest

from convertly.accounts.service import AFFILIATE_SPACE
from convertly.accounts.use_cases import PLATFORM_TENANT, add_member
from convertly.manifest import ROUTES, AuthKind
from convertly.permissions import Permission, Role, has_permission
from tests.functional.conftest import PASSWORD, Account, Api, invite, sign_up, unique_email

USER_ROUTES = [route for route in ROUTES if route.auth is AuthKind.USER]
# Routes that end the caller's own sessions: called only where the role lacks them (a 403 ends
# nothing), so the module's tokens stay live; tests/functional/accounts covers them.
ENDS_SESSION = {("POST", "/me/sign-out-everywhere")}


@pytest.fixture(scope="module")
def tokens(api: Api) -> dict[Role, str]:
    admin = sign_up(api, "Matrix Co")
    result = {Role.ADMIN: admin.token}
    for role in (Role.MANAGER, Role.SALES, Role.STAFF):
        result[role] = invite(api, admin, role.value).token
    for role, tenant in [
        (Role.AFFILIATE, AFFILIATE_SPACE),
        (Role.DEVELOPER, PLATFORM_TENANT),
        (Role.DEVELOPER_ADMIN, PLATFORM_TENANT),
        (Role.DEVELOPER_STAFF, PLATFORM_TENANT),
    ]:
        email = unique_email(role.name.lower())
        add_member(tenant, email, role.value, role, PASSWORD)
        result[role] = api.call("POST", "/auth/login", {"email": email, "password": PASSWORD})[1]["id_token"]
    return result


def concrete(path: str) -> str:
    """The route's path with a well-formed id for each parameter (no such record exists)."""
    return (
        path.replace("{lead_id}", "01HZZZZZZZZZZZZZZZZZZZZZZZ")
        .replace("{note_id}", "01HYYYYYYYYYYYYYYYYYYYYYYY")
        .replace("{form_id}", "01HXXXXXXXXXXXXXXXXXXXXXXX")
        .replace("{pipeline_id}", "01HWWWWWWWWWWWWWWWWWWWWWWW")
        .replace("{stage_id}", "01HVVVVVVVVVVVVVVVVVVVVVVV")
        .replace("{notification_id}", "01HTTTTTTTTTTTTTTTTTTTTTTT")
        .replace("{followup_id}", "01HSSSSSSSSSSSSSSSSSSSSSSS")
        .replace("{task_id}", "01HRRRRRRRRRRRRRRRRRRRRRRR")
        .replace("{contact_id}", "01HQQQQQQQQQQQQQQQQQQQQQQQ")
        .replace("{company_id}", "01HPPPPPPPPPPPPPPPPPPPPPPP")
        .replace("{list_id}", "01HMMMMMMMMMMMMMMMMMMMMMMM")
        .replace("{value_id}", "01HNNNNNNNNNNNNNNNNNNNNNNN")
        .replace("{object_type}", "contact")
        .replace("{tag_id}", "bm8tc3VjaC10YWc")
        .replace("{report}", "funnel")
        .replace("{user_id}", "00000000-0000-4000-8000-000000000000")
        .replace("{job_id}", "01HJJJJJJJJJJJJJJJJJJJJJJJ")
        .replace("{tenant_id}", "01HKKKKKKKKKKKKKKKKKKKKKKK")
        .replace("{import_id}", "01HHHHHHHHHHHHHHHHHHHHHHHH")
        .replace("{template_id}", "01HGGGGGGGGGGGGGGGGGGGGGGG")
        .replace("{bulk_id}", "01HFFFFFFFFFFFFFFFFFFFFFFF")
        .replace("{workflow_id}", "01HEEEEEEEEEEEEEEEEEEEEEEE")
        .replace("{enrolment_id}", "01HDDDDDDDDDDDDDDDDDDDDDDD")
        .replace("{action_id}", "01HCCCCCCCCCCCCCCCCCCCCCCC")
        .replace("{media_id}", "01HAAAAAAAAAAAAAAAAAAAAAAA")
        .replace("{delivery_id}", "01HBBBBBBBBBBBBBBBBBBBBBBB")
        .replace("{hook_id}", "no-such-hook-AAAAAAAAAAAAAAAAAAAAAAA")
        .replace("{thread_id}", "01H9999999999999999999999A")
        .replace("{message_id}", "01H8888888888888888888888A")
        .replace("{affiliate_id}", "00000000-0000-4000-8000-00000000000a")
        .replace("{application_id}", "01H7777777777777777777777A")
        .replace("{entry_id}", "01H6666666666666666666666A")
        .replace("{batch_id}", "01H5555555555555555555555A")
        .replace("{asset_id}", "01H4444444444444444444444A")
        .replace("{payout_id}", "01H3333333333333333333333A")
    )


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name)
def test_every_user_route_answers_403_exactly_where_the_role_lacks_the_permission(
    api: Api, tokens: dict[Role, str], role: Role
) -> None:
    for route in USER_ROUTES:
        assert route.permission is not None
        assert "{" not in concrete(route.path), f"concrete needs a value for {route.path}"
        allowed = has_permission(role, route.permission)
        if allowed and (route.method, route.path) in ENDS_SESSION:
            continue
        status, body = api.call(route.method, concrete(route.path), {}, tokens[role])
        if allowed:
            assert status != 403 or body["error"]["code"] != "forbidden_role", (route, role, body)
        else:
            assert status == 403, (route, role, status, body)
            assert body["error"]["code"] == "forbidden_role"


def test_user_routes_without_token_are_401(api: Api) -> None:
    for route in USER_ROUTES:
        status, body = api.call(route.method, concrete(route.path), {"first_name": "x"})
        assert status == 401, route
        assert body["error"]["code"] == "missing_token"


def test_forged_or_malformed_tokens_are_401(api: Api, tenant: Account) -> None:
    header, payload, signature = tenant.token.split(".")
    claims = json.loads(_b64decode(payload))
    claims["custom:tenant_id"] = "someone-else"
    forged = ".".join([header, _b64encode(json.dumps(claims)), signature])
    for token in (forged, "not-a-jwt", tenant.token[:-4] + "AAAA"):
        status, body = api.call("GET", "/leads", token=token)
        assert status == 401, token
        assert body["error"]["code"] == "invalid_token"


def test_access_token_is_refused_the_id_token_is_required(api: Api, tenant: Account) -> None:
    status, body = api.call("GET", "/leads", token=tenant.tokens["access_token"])
    assert status == 401 and body["error"]["code"] == "invalid_token"


def test_sales_sees_and_edits_only_own_leads(api: Api, tenant: Account) -> None:
    # Given a Sales user with one lead of their own, and an Admin's unassigned lead
    sales = invite(api, tenant, "Sales", name="Sam Sales")
    _, own = api.call("POST", "/leads", {"first_name": "Mine"}, sales.token)
    _, other = api.call("POST", "/leads", {"first_name": "Theirs"}, tenant.token)
    # Then Sales' lead is assigned to them, and their list holds only it
    assert own["owner_id"] == sales.tokens["user_id"]
    _, page = api.call("GET", "/leads", token=sales.token)
    assert [item["first_name"] for item in page["items"]] == ["Mine"]
    # And the other lead cannot be read or edited by Sales
    assert api.call("GET", f"/leads/{other['lead_id']}", token=sales.token)[0] == 403
    status, _ = api.call("PATCH", f"/leads/{other['lead_id']}", {"company": "x", "version": 1}, sales.token)
    assert status == 403
    # And Sales cannot hand a lead to someone else or list another owner's leads
    status, _ = api.call("POST", "/leads", {"first_name": "X", "owner_id": "someone"}, sales.token)
    assert status == 403
    assert api.call("GET", "/leads?owner_id=someone", token=sales.token)[0] == 403


def test_staff_reads_all_leads_but_cannot_write(api: Api, tenant: Account) -> None:
    staff = invite(api, tenant, "Staff")
    _, lead = api.call("POST", "/leads", {"first_name": "Visible"}, tenant.token)
    assert api.call("GET", f"/leads/{lead['lead_id']}", token=staff.token)[0] == 200
    assert (
        api.call("PATCH", f"/leads/{lead['lead_id']}", {"company": "x", "version": 1}, staff.token)[0] == 403
    )
    assert api.call("POST", f"/leads/{lead['lead_id']}/notes", {"body": "x"}, staff.token)[0] == 403


def test_profile_routes_each_role_to_its_portal(api: Api, tokens: dict[Role, str]) -> None:
    expected = {Role.ADMIN: "/dashboard", Role.AFFILIATE: "/affiliate/dashboard", Role.DEVELOPER: "/platform"}
    for role, portal in expected.items():
        status, body = api.call("GET", "/me", token=tokens[role])
        assert status == 200, body
        assert body["portal"] == portal
        assert body["user"]["role"] == role.value


def _b64decode(part: str) -> str:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode()


def _b64encode(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


# One's own sign-in and profile: the only writes every role makes.
OWN_SESSION = {"/auth/logout", "/me", "/me/password", "/me/sign-out-everywhere", "/impersonation/end"}


@pytest.mark.parametrize("role", [Role.DEVELOPER_STAFF, Role.AFFILIATE], ids=lambda r: r.name)
def test_developer_staff_never_writes_and_an_affiliate_reaches_no_tenant_or_platform_route(
    api: Api, tokens: dict[Role, str], role: Role
) -> None:
    for route in USER_ROUTES:
        if route.path in OWN_SESSION or (route.method, route.path) in ENDS_SESSION:
            continue
        if role is Role.AFFILIATE and route.permission is Permission.AFFILIATE_PORTAL:
            continue  # the partner's own portal (tests/functional/affiliates)
        reads_platform = (
            role is Role.DEVELOPER_STAFF
            and route.method == "GET"
            and route.path.startswith("/platform")
            and has_permission(role, route.permission)  # not a payout file's bank details
        )
        status, body = api.call(route.method, concrete(route.path), {}, tokens[role])
        if reads_platform:
            assert status != 403, (route.method, route.path, body)
        else:
            assert status == 403 and body["error"]["code"] == "forbidden_role", (
                route.method,
                route.path,
                body,
            )
