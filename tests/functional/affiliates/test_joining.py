"""Joining the program: the public application, the Developer Admin's decision, the partner's sign-in
and referral code, and what a partner's token reaches."""

from __future__ import annotations

from convertly.affiliates import keys
from convertly.affiliates.items import AffiliateItem, ApplicationItem
from tests.functional.affiliates.conftest import application, decide, invitation_password, partner
from tests.functional.conftest import Api, sign_up


def test_an_application_is_pending_until_a_developer_admin_approves_it(api: Api, devadmin: str) -> None:
    # Given a public application
    body = application()
    status, receipt = api.call("POST", "/affiliate/applications", body)
    assert status == 201, receipt
    assert receipt["status"] == "pending"

    # Then it is listed with the pending ones, and sending the same form again answers the same one
    status, page = api.call(
        "GET", "/platform/affiliate-applications?status=pending&limit=100", token=devadmin
    )
    assert status == 200
    assert receipt["application_id"] in [a["application_id"] for a in page["items"]]
    status, again = api.call("POST", "/affiliate/applications", body)
    assert (status, again["application_id"]) == (201, receipt["application_id"])

    # But another application from the same address is refused while this one is open
    status, refused = api.call("POST", "/affiliate/applications", {**body, "promotion": "Something else"})
    assert status == 409 and refused["error"]["code"] == "application_exists"
    assert refused["error"]["fields"] == {"email": "has applied already"}

    # When the Developer Admin approves it with a note
    status, decided = api.call(
        "POST",
        f"/platform/affiliate-applications/{receipt['application_id']}/approve",
        {"note": "Great fit"},
        devadmin,
    )
    assert status == 200, decided
    assert (decided["status"], decided["note"]) == ("approved", "Great fit")

    # Then the partner exists with a code, and an invitation with a temporary password went out
    affiliate = AffiliateItem.get(keys.affiliate(decided["affiliate_id"]), keys.PROFILE_SK)
    assert affiliate.email == body["email"] and len(affiliate.code) >= 8
    assert invitation_password(body["email"])

    # And deciding it again is refused
    status, again = api.call(
        "POST",
        f"/platform/affiliate-applications/{receipt['application_id']}/reject",
        {"note": "x"},
        devadmin,
    )
    assert status == 409 and again["error"]["code"] == "application_decided"


def test_a_rejected_address_may_apply_again(api: Api, devadmin: str) -> None:
    body = application()
    _, receipt = api.call("POST", "/affiliate/applications", body)
    status, decided = decide(api, devadmin, receipt["application_id"], "reject", "No audience yet")
    assert status == 200 and decided["status"] == "rejected"
    item = ApplicationItem.get(keys.applications("rejected"), keys.application_sk(receipt["application_id"]))
    assert item.note == "No audience yet"
    status, second = api.call("POST", "/affiliate/applications", body)
    assert status == 201 and second["application_id"] != receipt["application_id"]


def test_a_bad_application_is_422_naming_each_field_and_nothing_is_kept(api: Api) -> None:
    bad = {"name": "", "email": "not-an-email", "audience": "x" * 2001, "promotion": "Posts"}
    status, body = api.call("POST", "/affiliate/applications", bad)
    assert status == 422, body
    assert {"name", "email", "audience"} <= set(body["error"]["fields"])


def test_a_partner_signs_in_to_the_portal_of_the_affiliates_space_only(api: Api, devadmin: str) -> None:
    # Given an approved partner signed in
    dana = partner(api, devadmin)
    status, me = api.call("GET", "/me", token=dana.token)
    assert status == 200, me
    assert me["portal"] == "/affiliate/dashboard" and me["tenant"] is None
    assert me["user"]["role"] == "Affiliate"

    # Then the partner reaches the portal and no CRM or console route
    assert api.call("GET", "/affiliate/referrals", token=dana.token)[0] == 200
    assert api.call("GET", "/leads", token=dana.token)[0] == 403
    assert api.call("GET", "/platform/affiliates", token=dana.token)[0] == 403

    # And a tenant's Admin reaches no portal route
    admin = sign_up(api, "Tenant Co")
    status, body = api.call("GET", "/affiliate/dashboard", token=admin.token)
    assert status == 403 and body["error"]["code"] == "forbidden_role"
