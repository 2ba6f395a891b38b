"""Public form posts through app.py and the form_submit Lambda against moto: accepted posts and their
attribution, every bad input, duplicates and resends, rate limits, spam, CORS, classic posts, the
hosted page, captcha against a local siteverify fake, and round-robin owners."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from moto.events.models import EventPattern, EventPatternParser

from convertly.billing import keys as billing_keys
from convertly.billing import usage
from convertly.billing.items import LeadUsageItem
from convertly.capture import keys as capture_keys
from convertly.capture.items import SubmissionItem
from convertly.contacts import keys as contact_keys
from convertly.contacts.items import ContactItem, ContactSearchItem
from convertly.platform.events.stream import event_from_stream_image
from convertly.platform.terms import label_term
from convertly.resources import CONSUMERS
from functions.form_submit.handler import handler as submit_handler
from functions.form_submit.handler import submissions
from functions.lead_assignment.handler import handler as assignment_handler
from tests.functional.capture.forms_support import (
    SITE,
    VISITOR_IP,
    SiteVerifyFake,
    Visitor,
    answers,
    ensure_secrets_key,
    forget_cached_forms,
    published_form,
)
from tests.functional.conftest import Account, Api, LocalAws, invite
from tests.functional.platform.test_events import Ctx, outbox_records, sqs_batch

CLICK = {
    "gclid": "Cj0KCQiA-gclid",
    "gbraid": "0AAAAA-gbraid",
    "wbraid": "CjkKEQ-wbraid",
    "fbclid": "IwAR-fbclid",
    "fbp": "fb.1.1700000000000.123456789",
    "msclkid": "5e2b-msclkid",
    "ttclid": "E.C.P.ttclid",
    "li_fat_id": "li-fat-id",
    "utm_source": "google",
    "utm_medium": "cpc",
    "utm_campaign": "storm-damage",
    "utm_term": "roof repair",
    "utm_content": "ad-a",
    "utm_id": "cmp-42",
    "landing_page": "https://www.summit.test/storm?gclid=Cj0KCQiA-gclid&utm_source=google",
    "referrer": "https://www.google.com/",
    "first_seen_at": "1795000000000",
}


@pytest.fixture(autouse=True)
def _secrets_key(aws: LocalAws) -> None:
    ensure_secrets_key(aws)


@pytest.fixture
def visitor(api: Api) -> Visitor:
    return Visitor(api)


def leads(api: Api, account: Account) -> list[dict[str, Any]]:
    return list(api.call("GET", "/leads", token=account.token)[1]["items"])


def submissions_of(api: Api, account: Account, form: dict[str, Any]) -> list[dict[str, Any]]:
    return list(api.call("GET", f"/forms/{form['form_id']}/submissions", token=account.token)[1]["items"])


def events_of(aws: LocalAws, account: Account, detail_type: str) -> list[Any]:
    events = [
        event_from_stream_image(r["dynamodb"]["NewImage"]) for r in outbox_records(aws, account.tenant_id)
    ]
    return [event for event in events if event.detail_type == detail_type]


def nothing_written(api: Api, aws: LocalAws, account: Account, form: dict[str, Any]) -> bool:
    return (
        not leads(api, account)
        and not submissions_of(api, account, form)
        and not events_of(aws, account, "LeadCreated")
    )


# Accepted posts -----------------------------------------------------------------------------------


def test_an_accepted_post_creates_the_lead_in_the_forms_stage_with_all_its_attribution(
    api: Api, aws: LocalAws, tenant: Account, visitor: Visitor
) -> None:
    # Given a form that puts its leads in the "Qualified" stage
    pipeline = api.call("GET", "/pipelines", token=tenant.token)[1]["items"][0]
    qualified = pipeline["stages"][2]["stage_id"]
    form = published_form(api, tenant, stage_id=qualified, tags=["web"])
    # When a visitor who clicked a Google ad posts it with the snippet's attribution
    answer = visitor.post_json(form["form_id"], answers(email="ada@example.test"), attribution=CLICK)
    # Then the post is accepted, readable by the embedding site
    assert answer.status == 201, answer
    assert answer.body["status"] == "received" and answer.body["message"] == form["thank_you_message"]
    assert answer.headers["access-control-allow-origin"] == SITE
    assert "lead_id" not in answer.body  # a visitor learns nothing about the CRM
    # And the lead is in that stage, from Google Ads, with the answers mapped to its fields
    (lead,) = leads(api, tenant)
    assert (lead["pipeline_id"], lead["stage_id"]) == (pipeline["pipeline_id"], qualified)
    assert (lead["first_name"], lead["last_name"], lead["email"]) == ("Ada", "Lovelace", "ada@example.test")
    assert lead["source"] == "google_ads" and lead["tags"] == ["web"]
    assert lead["custom_fields"] == {"service": "Repair", "message": "The garage roof leaks."}
    assert lead["created_by"] == f"form:{form['form_id']}"
    # And every click id, UTM and visit detail is kept, with what the server itself saw
    attribution = lead["attribution"]
    for key, value in CLICK.items():
        if key != "first_seen_at":
            assert attribution[key] == value, key
    assert attribution["fbc"] == "fb.1.1795000000000.IwAR-fbclid"  # built: no _fbc cookie was sent
    assert attribution["ip"] == VISITOR_IP  # from the request context, not the body
    assert attribution["user_agent"] == "Mozilla/5.0 (Test)"
    assert attribution["first_seen_at"].startswith("2026-11-18T")
    assert attribution["submitted_at"] == attribution["captured_at"] == lead["created_at"]
    assert attribution["consent"] == {"ad_user_data": "granted", "ad_personalization": "granted"}
    assert attribution["form_id"] == form["form_id"]
    # And the first touch is also the last, and the detail page lists the touch
    assert lead["last_touch"] == attribution and lead["touch_count"] == 1
    detail = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)[1]
    assert [t["submission_id"] for t in detail["touches"]] == [answer.body["submission_id"]]
    # And it shows what the visitor answered, by the fields' labels, mapped or not
    answered = {a["label"]: a["value"] for a in detail["touches"][0]["answers"]}
    assert answered["Name"] == "Ada Lovelace" and answered["Service"] == "Repair"
    # And the stage counter moved, and LeadCreated carries the attribution and the form
    stage = next(
        s
        for s in api.call("GET", "/pipelines", token=tenant.token)[1]["items"][0]["stages"]
        if s["stage_id"] == qualified
    )
    assert stage["lead_count"] == 1
    (event,) = events_of(aws, tenant, "LeadCreated")
    assert event.data["lead"]["attribution"]["gclid"] == CLICK["gclid"]
    assert event.data["form"] == {
        "form_id": form["form_id"],
        "submission_id": answer.body["submission_id"],
        "assignment": "unassigned",
    }


def test_a_sent_fbc_cookie_is_kept_and_an_unticked_consent_box_is_denied(
    api: Api, tenant: Account, visitor: Visitor
) -> None:
    form = published_form(api, tenant, consent_default="granted")
    fields = answers(ads_ok=False)
    sent = {"fbclid": "IwAR-x", "fbc": "fb.1.1600000000000.IwAR-x"}
    assert visitor.post_json(form["form_id"], fields, attribution=sent).status == 201
    (lead,) = leads(api, tenant)
    assert lead["attribution"]["fbc"] == "fb.1.1600000000000.IwAR-x" and lead["source"] == "meta_ads"
    assert lead["attribution"]["consent"] == {"ad_user_data": "denied", "ad_personalization": "denied"}


def test_signals_no_consent_box_asks_for_take_the_forms_default(
    api: Api, tenant: Account, visitor: Visitor
) -> None:
    fields = [
        {"name": "email", "type": "email", "label": "Email", "required": True},
        {"name": "data_ok", "type": "consent", "label": "OK", "consent_signals": ["ad_user_data"]},
    ]
    form = published_form(api, tenant, fields=fields, consent_default="granted")
    assert visitor.post_json(form["form_id"], {"email": "c@x.test", "data_ok": False}).status == 201
    consent = leads(api, tenant)[0]["attribution"]["consent"]
    assert consent == {"ad_user_data": "denied", "ad_personalization": "granted"}


def test_a_fixed_owner_gets_the_forms_leads(api: Api, tenant: Account, visitor: Visitor) -> None:
    sales = invite(api, tenant, "Sales")
    form = published_form(api, tenant, assignment={"mode": "user", "user_id": sales.tokens["user_id"]})
    assert visitor.post_json(form["form_id"], answers()).status == 201
    assert leads(api, tenant)[0]["owner_id"] == sales.tokens["user_id"]


def test_a_tenant_at_its_plans_lead_limit_still_gets_the_forms_lead_marked_over_it(
    api: Api, tenant: Account, visitor: Visitor
) -> None:
    # Given a tenant whose plan allows no more leads this month
    form = published_form(api, tenant)
    month = LeadUsageItem.get(
        billing_keys.usage(tenant.tenant_id), billing_keys.lead_usage_sk(usage.month_of())
    )
    month.update(actions=[LeadUsageItem.lead_limit.set(int(month.leads))])
    assert api.call("POST", "/leads", {"first_name": "Typed in"}, tenant.token)[0] == 402
    # When a visitor submits the form
    assert visitor.post_json(form["form_id"], answers()).status == 201
    # Then the lead is kept, marked over the limit, and counted apart
    (lead,) = leads(api, tenant)
    assert lead["over_limit"] is True
    month.refresh()
    assert month.over_limit_leads == 1


# Both touches, the form's page, and what a post's addresses tell -----------------------------------

FIRST_TOUCH = {
    "gclid": "Cj0-first-click",
    "utm_source": "google",
    "utm_medium": "cpc",
    "utm_campaign": "spring",
    "landing_page": "https://www.summit.test/?gclid=Cj0-first-click&utm_source=google",
    "referrer": "https://www.google.com/",
    "first_seen_at": "1795000000000",
    "page_url": "https://www.summit.test/contact",
}
LAST_TOUCH = {
    "fbclid": "IwAR-last-click",
    "fbp": "fb.1.1795000000000.42",
    "utm_source": "facebook",
    "utm_id": "cmp-9",
    "landing_page": "https://www.summit.test/offer?fbclid=IwAR-last-click",
    "referrer": "https://l.facebook.com/",
    "first_seen_at": "1795100000000",
    "page_url": "https://www.summit.test/contact",
}


def test_a_post_with_two_touches_gives_the_lead_the_first_and_the_last_and_the_forms_page(
    api: Api, aws: LocalAws, tenant: Account, visitor: Visitor
) -> None:
    # Given a visitor who came through a Google ad, and later through a Meta ad
    form = published_form(api, tenant)
    # When they send the form on the contact page, with both touches the site tag kept
    answer = visitor.post_json(form["form_id"], answers(), attribution=FIRST_TOUCH, last_touch=LAST_TOUCH)
    assert answer.status == 201, answer
    # Then the lead's attribution is the first touch, its last touch the last, each with the form's page
    (lead,) = leads(api, tenant)
    first, last = lead["attribution"], lead["last_touch"]
    for key, value in FIRST_TOUCH.items():
        if key != "first_seen_at":
            assert first[key] == value, key
    for key, value in LAST_TOUCH.items():
        if key != "first_seen_at":
            assert last[key] == value, key
    assert "fbclid" not in first and "gclid" not in last
    assert first["first_seen_at"].startswith("2026-11-18T")
    assert last["first_seen_at"].startswith("2026-11-19T")
    assert last["fbc"] == "fb.1.1795100000000.IwAR-last-click"  # built from the last touch's own time
    assert first["page_url"] == last["page_url"] == "https://www.summit.test/contact"
    assert first["ip"] == last["ip"] == VISITOR_IP and first["form_id"] == last["form_id"] == form["form_id"]
    # And the source is the first touch's channel; the submission and the lead's touch are the last
    assert lead["source"] == "google_ads" and lead["touch_count"] == 1
    detail = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)[1]
    assert detail["touches"][0]["attribution"] == last
    assert submissions_of(api, tenant, form)[0]["attribution"] == last
    (event,) = events_of(aws, tenant, "LeadCreated")
    assert event.data["lead"]["attribution"]["gclid"] == FIRST_TOUCH["gclid"]
    assert event.data["lead"]["last_touch"]["fbclid"] == LAST_TOUCH["fbclid"]


def test_a_lead_whose_first_touch_says_nothing_takes_its_source_from_the_last(
    api: Api, tenant: Account, visitor: Visitor
) -> None:
    form = published_form(api, tenant)
    direct = {"landing_page": "https://www.summit.test/", "first_seen_at": "1795000000000"}
    visitor.post_json(form["form_id"], answers(), attribution=direct, last_touch={"msclkid": "bing-click"})
    (lead,) = leads(api, tenant)
    assert lead["source"] == "microsoft_ads" and "msclkid" not in lead["attribution"]


def test_a_repeat_submitters_lead_keeps_its_first_touch_and_takes_the_posts_last(
    api: Api, tenant: Account, visitor: Visitor
) -> None:
    form = published_form(api, tenant)
    fields = answers(email="twice-touched@example.test")
    visitor.post_json(form["form_id"], fields, attribution={"gclid": "the-very-first"})
    answer = visitor.post_json(form["form_id"], fields, attribution=FIRST_TOUCH, last_touch=LAST_TOUCH)
    assert answer.status == 201
    (lead,) = leads(api, tenant)
    assert lead["attribution"]["gclid"] == "the-very-first" and "page_url" not in lead["attribution"]
    assert lead["last_touch"]["fbclid"] == LAST_TOUCH["fbclid"]
    assert lead["last_touch"]["page_url"] == LAST_TOUCH["page_url"] and lead["touch_count"] == 2


def test_what_a_browser_sends_of_a_touch_is_cut_to_size_and_never_refused(
    api: Api, tenant: Account, visitor: Visitor
) -> None:
    # Given a post whose touches carry overlong values, numbers and keys no touch has
    form = published_form(api, tenant)
    long_url = "https://www.summit.test/contact?" + "x" * 5000
    first = {"utm_campaign": "c" * 500, "page_url": long_url, "landing_page": long_url, "gclid": 12345}
    last = {"gbraid": "b" * 300, "referrer": long_url, "page_url": long_url, "evil": "<x>", "ip": "1.2.3.4"}
    # When it is sent
    answer = visitor.post_json(form["form_id"], answers(), attribution=first, last_touch=last)
    # Then the lead is made, every value cut to its limit, unknown keys and claimed server facts left out
    assert answer.status == 201, answer
    (lead,) = leads(api, tenant)
    attribution, last_touch = lead["attribution"], lead["last_touch"]
    assert len(attribution["utm_campaign"]) == 200 and attribution["gclid"] == "12345"
    assert len(attribution["page_url"]) == len(attribution["landing_page"]) == 2048
    assert len(last_touch["gbraid"]) == 200 and len(last_touch["referrer"]) == 2048
    assert len(last_touch["page_url"]) == 2048
    assert "evil" not in last_touch and last_touch["ip"] == VISITOR_IP


def test_a_classic_post_recovers_the_click_in_the_posting_pages_address(
    api: Api, tenant: Account, visitor: Visitor
) -> None:
    # Given a plain HTML form on an ad's landing page, which carries no attribution fields
    form = published_form(api, tenant)
    page = "https://www.summit.test/roofs?gclid=classic-click&utm_source=google&utm_campaign=spring"
    # When the browser posts it, naming the page in its Referer
    assert visitor.post_form(form["form_id"], answers(), referer=page).status == 303
    # Then the lead has the click and the campaign of that page, which is its landing page and page
    attribution = leads(api, tenant)[0]["attribution"]
    assert (attribution["gclid"], attribution["utm_campaign"]) == ("classic-click", "spring")
    assert attribution["landing_page"] == attribution["page_url"] == page
    assert leads(api, tenant)[0]["source"] == "google_ads"


def test_a_forms_default_value_and_currency_go_to_its_new_leads_and_an_existing_lead_keeps_its_own(
    api: Api, tenant: Account, visitor: Visitor
) -> None:
    # Given a form whose leads are worth 1,500.50 euros
    form = published_form(api, tenant, default_value="1500.50", currency="EUR")
    fields = answers(email="valued@example.test")
    # When a visitor sends it
    assert visitor.post_json(form["form_id"], fields, key="valued-0001").status == 201
    # Then the new lead has that value and currency, and its stage counts the value
    (lead,) = leads(api, tenant)
    assert (lead["value"], lead["currency"]) == (1500.5, "EUR")
    stage = next(
        s
        for s in api.call("GET", "/pipelines", token=tenant.token)[1]["items"][0]["stages"]
        if s["stage_id"] == lead["stage_id"]
    )
    assert stage["lead_value"] == 1500.5
    # When the lead's value is changed and the same person sends the form again
    status, edited = api.call(
        "PATCH", f"/leads/{lead['lead_id']}", {"value": "99", "version": lead["version"]}, tenant.token
    )
    assert status == 200, edited
    assert visitor.post_json(form["form_id"], fields, key="valued-0002").status == 201
    # Then the existing lead keeps its own value
    (after,) = leads(api, tenant)
    assert (after["value"], after["currency"], after["touch_count"]) == (99, "EUR", 2)


# Duplicates and resends ---------------------------------------------------------------------------


def test_a_double_click_makes_one_lead_and_both_clicks_get_the_same_answer(
    api: Api, aws: LocalAws, tenant: Account, visitor: Visitor
) -> None:
    form = published_form(api, tenant)
    fields = answers()
    # When the same post goes out twice with the snippet's idempotency key
    first = visitor.post_json(form["form_id"], fields, key="attempt-0001", attribution={"gclid": "g"})
    second = visitor.post_json(form["form_id"], fields, key="attempt-0001", attribution={"gclid": "g"})
    # Then both are answered alike, the second marked as a replay, and there is one lead, one event
    assert (first.status, second.status) == (201, 201)
    assert second.body == first.body and second.headers["idempotent-replayed"] == "true"
    assert len(leads(api, tenant)) == 1 and len(submissions_of(api, tenant, form)) == 1
    assert len(events_of(aws, tenant, "LeadCreated")) == 1


def test_the_same_key_with_other_answers_is_409(api: Api, tenant: Account, visitor: Visitor) -> None:
    form = published_form(api, tenant)
    assert visitor.post_json(form["form_id"], answers(name="One"), key="attempt-0002").status == 201
    answer = visitor.post_json(form["form_id"], answers(name="Two"), key="attempt-0002")
    assert answer.status == 409 and answer.body["error"]["code"] == "idempotency_key_reused"
    assert answer.headers["access-control-allow-origin"] == SITE
    assert len(leads(api, tenant)) == 1


def test_a_resend_without_a_key_is_recognised_by_its_content(
    api: Api, tenant: Account, visitor: Visitor
) -> None:
    form = published_form(api, tenant, duplicates="create")
    fields = answers()
    first = visitor.post_json(form["form_id"], fields)
    again = visitor.post_json(form["form_id"], fields)
    assert again.body["submission_id"] == first.body["submission_id"]
    assert len(leads(api, tenant)) == 1


def test_a_bad_idempotency_key_is_422(api: Api, tenant: Account, visitor: Visitor) -> None:
    form = published_form(api, tenant)
    answer = visitor.post_json(form["form_id"], answers(), key="x")
    assert answer.status == 422 and "idempotency_key" in answer.body["error"]["fields"]


def test_a_repeat_submitter_attaches_a_new_touch_to_their_lead(
    api: Api, aws: LocalAws, tenant: Account, visitor: Visitor
) -> None:
    # Given a lead from a first submission after a Google click
    form = published_form(api, tenant)
    fields = answers(email="repeat@example.test")
    visitor.post_json(form["form_id"], fields, attribution={"gclid": "first-click", "utm_source": "google"})
    (lead,) = leads(api, tenant)
    # When the same person (same email) comes back through a Meta ad
    again = {**fields, "name": "Ada L."}
    answer = visitor.post_json(form["form_id"], again, attribution={"fbclid": "second-click"})
    # Then no second lead: the lead keeps its first touch and gains a last touch
    assert answer.status == 201
    (after,) = leads(api, tenant)
    assert after["lead_id"] == lead["lead_id"] and after["first_name"] == "Ada"
    assert after["attribution"]["gclid"] == "first-click"
    assert after["last_touch"]["fbclid"] == "second-click" and "gclid" not in after["last_touch"]
    assert after["touch_count"] == 2 and after["version"] == lead["version"] + 1
    detail = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)[1]
    assert [t["attribution"].get("fbclid") for t in detail["touches"]] == ["second-click", None]
    # And the timeline tells both submissions: the first just before the lead it created
    timeline = api.call("GET", f"/leads/{lead['lead_id']}/timeline", token=tenant.token)[1]["items"]
    assert [entry["kind"] for entry in timeline][:2] == ["form_submitted", "created"]
    submitted = [entry for entry in timeline if entry["kind"] == "form_submitted"]
    assert [entry["attribution"].get("gclid") for entry in submitted] == ["first-click", None]
    assert submitted[1]["attribution"]["fbclid"] == "second-click"
    assert {entry["form_id"] for entry in submitted} == {form["form_id"]}
    assert [entry["submission_id"] for entry in submitted] == [
        t["submission_id"] for t in reversed(detail["touches"])
    ]
    # And the submission says so, and LeadTouched (not LeadCreated) is published for it
    assert [s["outcome"] for s in submissions_of(api, tenant, form)] == ["attached", "created"]
    (touched,) = events_of(aws, tenant, "LeadTouched")
    assert touched.subject_id == lead["lead_id"] and touched.data["touch"]["fbclid"] == "second-click"
    assert len(events_of(aws, tenant, "LeadCreated")) == 1
    # And an editor holding the old version must reload rather than overwrite the touch
    status, body = api.call(
        "PATCH", f"/leads/{lead['lead_id']}", {"company": "X", "version": 1}, tenant.token
    )
    assert status == 409 and body["error"]["code"] == "stale_version"


def test_a_repeat_submitter_is_also_found_by_phone(api: Api, tenant: Account, visitor: Visitor) -> None:
    form = published_form(api, tenant)
    visitor.post_json(form["form_id"], answers(email="one@example.test", phone="+1 (415) 555-0199"))
    visitor.post_json(form["form_id"], answers(email="two@example.test", phone="415 555 0199"))
    (lead,) = leads(api, tenant)
    assert lead["touch_count"] == 2


def test_the_create_policy_makes_a_lead_per_submission(api: Api, tenant: Account, visitor: Visitor) -> None:
    form = published_form(api, tenant, duplicates="create")
    fields = answers(email="twice@example.test")
    visitor.post_json(form["form_id"], fields, key="create-0001")
    visitor.post_json(form["form_id"], fields, key="create-0002")
    assert len(leads(api, tenant)) == 2


def test_a_repeat_submitter_whose_lead_was_deleted_gets_a_new_lead(
    api: Api, tenant: Account, visitor: Visitor
) -> None:
    form = published_form(api, tenant)
    fields = answers(email="gone@example.test")
    visitor.post_json(form["form_id"], fields, key="deleted-0001")
    (lead,) = leads(api, tenant)
    api.call("DELETE", f"/leads/{lead['lead_id']}", token=tenant.token)
    assert visitor.post_json(form["form_id"], fields, key="deleted-0002").status == 201
    (new,) = leads(api, tenant)
    assert new["lead_id"] != lead["lead_id"] and new["touch_count"] == 1


def email_card(account: Account, email: str, contact_id: str) -> dict[str, Any] | None:
    """The card on the contact's search entry for `email` (None when the entry has none)."""
    entry = ContactSearchItem.get(
        contact_keys.contact_search(account.tenant_id), f"{label_term(email)}#{contact_id}"
    )
    return json.loads(entry.card) if entry.card else None


def card_rev(account: Account, contact_id: str) -> int:
    contact = ContactItem.get(contact_keys.contact(account.tenant_id, contact_id), contact_keys.CONTACT_SK)
    return int(contact.card_rev or 0)


def first_post(
    api: Api, tenant: Account, visitor: Visitor, email: str
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """A form, a first post from `email` without a phone, and the lead it made."""
    form = published_form(api, tenant)
    fields = answers(email=email, phone="")
    visitor.post_json(form["form_id"], fields, key=f"first-{email.split('@')[0]}")
    (lead,) = leads(api, tenant)
    return form, fields, lead


def test_a_known_contacts_email_entry_carries_its_card_with_its_newest_lead(
    api: Api, tenant: Account, visitor: Visitor
) -> None:
    # Given a first submission
    form, fields, lead = first_post(api, tenant, visitor, "carded@example.test")
    # Then the email's search entry carries the contact as the contact item is, with the lead
    card = email_card(tenant, "carded@example.test", lead["contact_id"])
    assert card is not None and card["rev"] == card_rev(tenant, lead["contact_id"])
    assert card["contact"]["email"] == "carded@example.test" and card["contact"]["phone"] is None
    assert card["links"] == [[lead["lead_id"], form["pipeline_id"], lead["created_at"]]]
    # And a second post with a phone fills it in, and the card moves on with the contact
    visitor.post_json(form["form_id"], {**fields, "phone": "+1 415 555 0123"}, key="carded-0002")
    again = email_card(tenant, "carded@example.test", lead["contact_id"])
    assert again is not None and again["rev"] == card["rev"] + 1 == card_rev(tenant, lead["contact_id"])
    assert again["contact"]["phone"] == "+1 415 555 0123"
    (after,) = leads(api, tenant)
    assert after["touch_count"] == 2


def test_an_edit_after_the_card_was_written_is_kept_when_the_contact_posts_again(
    api: Api, tenant: Account, visitor: Visitor
) -> None:
    # Given a contact from a form, without a phone, whose card says so
    form, fields, lead = first_post(api, tenant, visitor, "edited@example.test")
    contact = api.call("GET", f"/contacts/{lead['contact_id']}", token=tenant.token)[1]
    # When a rep gives the contact a phone (the card no longer holds)
    body = {"phone": "+1 415 555 0142", "version": contact["version"]}
    status, edited = api.call("PATCH", f"/contacts/{lead['contact_id']}", body, tenant.token)
    assert status == 200, edited
    stale = email_card(tenant, "edited@example.test", lead["contact_id"])
    assert stale is None or stale["rev"] < card_rev(tenant, lead["contact_id"])
    # And the person posts again with another phone
    answer = visitor.post_json(form["form_id"], {**fields, "phone": "+1 415 555 0199"}, key="edited-0002")
    # Then the post lands on the lead and the rep's phone stays (a blank is filled, a phone is not)
    assert answer.status == 201
    (after,) = leads(api, tenant)
    assert after["lead_id"] == lead["lead_id"] and after["touch_count"] == 2
    now = api.call("GET", f"/contacts/{lead['contact_id']}", token=tenant.token)[1]
    assert now["phone"] == "+1 415 555 0142"
    # And the card was written again from the contact as it is
    card = email_card(tenant, "edited@example.test", lead["contact_id"])
    assert card is not None and card["contact"]["phone"] == "+1 415 555 0142"
    assert card["rev"] == card_rev(tenant, lead["contact_id"])


def test_a_deleted_contact_whose_card_says_live_is_not_matched(
    api: Api, tenant: Account, visitor: Visitor
) -> None:
    # Given a contact from a form, deleted since (its card was written before)
    form, fields, lead = first_post(api, tenant, visitor, "deleted@example.test")
    assert api.call("DELETE", f"/contacts/{lead['contact_id']}", token=tenant.token)[0] == 200
    assert email_card(tenant, "deleted@example.test", lead["contact_id"]) is not None
    # When the person posts again
    answer = visitor.post_json(form["form_id"], fields, key="deleted-c-0002")
    # Then a new contact and a new lead are made; the deleted contact is left as it was
    assert answer.status == 201, answer.body
    new = next(item for item in leads(api, tenant) if item["lead_id"] != lead["lead_id"])
    assert new["contact_id"] != lead["contact_id"]
    status, old = api.call("GET", f"/contacts/{lead['contact_id']}", token=tenant.token)
    assert status == 200 and old["deleted_at"] and old["lead_count"] == 1


# Bad input: nothing half-written ------------------------------------------------------------------


def test_an_unknown_form_is_404(visitor: Visitor) -> None:
    for answer in (
        visitor.post_json("01NOSUCHFORM00000000000000", answers()),
        visitor.request("GET", "/f/01NOSUCHFORM00000000000000/definition"),
    ):
        assert answer.status == 404 and answer.body["error"]["code"] == "form_not_found"
    page = visitor.request("GET", "/f/01NOSUCHFORM00000000000000")
    assert page.status == 404 and "text/html" in page.headers["content-type"]


def test_missing_and_malformed_fields_are_422_with_a_message_each_and_write_nothing(
    api: Api, aws: LocalAws, tenant: Account, visitor: Visitor
) -> None:
    fields = [
        {"name": "name", "type": "text", "label": "Name", "required": True, "maps_to": "full_name"},
        {"name": "email", "type": "email", "label": "Email", "required": True},
        {"name": "phone", "type": "phone", "label": "Phone"},
        {"name": "size", "type": "select", "label": "Size", "options": ["S", "M"], "required": True},
        {"name": "note", "type": "text", "label": "Note", "max_length": 5},
        {"name": "terms", "type": "consent", "label": "I agree", "required": True},
    ]
    form = published_form(api, tenant, fields=fields)
    bad = {"email": "not-an-email", "phone": "12", "size": "XL", "note": "too long", "terms": False}
    answer = visitor.post_json(form["form_id"], bad)
    assert answer.status == 422
    assert answer.headers["access-control-allow-origin"] == SITE  # the snippet can read and show them
    assert answer.body["error"]["fields"] == {
        "name": "This field is required",
        "email": "Enter a valid email address",
        "phone": "Enter a valid phone number",
        "size": "Choose one of the options",
        "note": "Use at most 5 characters",
        "terms": "Please give your consent",
    }
    assert nothing_written(api, aws, tenant, form)


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        ("{not json", "application/json", 400, "invalid_json"),
        ("[1, 2]", "application/json", 422, "validation_error"),
        ('{"fields": "x"}', "application/json", 422, "validation_error"),
        ('{"fields": {}, "last_touch": ["x"]}', "application/json", 422, "validation_error"),
        ("<xml/>", "application/xml", 415, "unsupported_media_type"),
    ],
)
def test_a_body_that_is_not_a_form_post_is_refused(
    api: Api, tenant: Account, visitor: Visitor, body: str, content_type: str, status: int, code: str
) -> None:
    form = published_form(api, tenant)
    answer = visitor.request("POST", f"/f/{form['form_id']}", body, **{"content-type": content_type})
    assert (answer.status, answer.body["error"]["code"]) == (status, code)
    assert not leads(api, tenant)


def test_an_oversized_post_is_413_and_writes_nothing(
    api: Api, aws: LocalAws, tenant: Account, visitor: Visitor
) -> None:
    form = published_form(api, tenant)
    answer = visitor.post_json(form["form_id"], answers(message="x" * 40_000))
    assert answer.status == 413 and answer.body["error"]["code"] == "payload_too_large"
    assert answer.headers["access-control-allow-origin"] == SITE
    classic = visitor.post_form(form["form_id"], answers(message="x" * 40_000))
    assert classic.status == 413 and "text/html" in classic.headers["content-type"]
    assert nothing_written(api, aws, tenant, form)


# CORS ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("https://www.summit.test", True),
        ("http://localhost:5173", True),  # an entry without a port allows any port
        ("https://shop.summit.test", True),  # *.summit.test
        ("https://summit.test", False),  # the wildcard does not cover the apex
        ("https://evil.test", False),
        ("https://www.summit.test.evil.test", False),
        ("null", False),
    ],
)
def test_the_preflight_allows_exactly_the_forms_sites(
    api: Api, tenant: Account, origin: str, allowed: bool
) -> None:
    form = published_form(api, tenant, allowed_domains=["www.summit.test", "*.summit.test", "localhost"])
    preflight = Visitor(api, origin=origin).request(
        "OPTIONS",
        f"/f/{form['form_id']}",
        **{
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type,idempotency-key",
        },
    )
    if allowed:
        assert preflight.status == 204
        assert preflight.headers["access-control-allow-origin"] == origin
        assert "POST" in preflight.headers["access-control-allow-methods"]
        assert "idempotency-key" in preflight.headers["access-control-allow-headers"].lower()
        assert preflight.headers["vary"] == "Origin"
    else:
        assert preflight.status == 403
        assert "access-control-allow-origin" not in preflight.headers


def test_a_post_from_a_site_not_allowed_is_refused_and_writes_nothing(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    # A plain HTML form on another site posts without a preflight: the function must refuse it itself
    form = published_form(api, tenant)
    evil = Visitor(api, origin="https://evil.test")
    for answer in (evil.post_json(form["form_id"], answers()), evil.post_form(form["form_id"], answers())):
        assert answer.status == 403
        assert "access-control-allow-origin" not in answer.headers
    assert nothing_written(api, aws, tenant, form)


def test_the_definition_is_readable_by_the_forms_sites_only(api: Api, tenant: Account) -> None:
    form = published_form(api, tenant)
    mine = Visitor(api).request("GET", f"/f/{form['form_id']}/definition")
    assert mine.headers["access-control-allow-origin"] == SITE
    assert mine.headers["cache-control"] == "public, max-age=60"
    other = Visitor(api, origin="https://evil.test").request("GET", f"/f/{form['form_id']}/definition")
    assert other.status == 200 and "access-control-allow-origin" not in other.headers


def test_the_hosted_page_may_post_to_its_own_api(api: Api, tenant: Account) -> None:
    form = published_form(api, tenant, allowed_domains=[])
    own = Visitor(api, origin="https://api.convertly.test")
    answer = own.post_json(form["form_id"], answers(), headers={"host": "api.convertly.test"})
    assert answer.status == 201


# Rate limits --------------------------------------------------------------------------------------


def test_the_per_ip_limit_answers_429_with_retry_after(api: Api, tenant: Account) -> None:
    limits = {"per_ip": 2, "per_ip_window_seconds": 600, "per_form_per_minute": 100}
    form = published_form(api, tenant, rate_limits=limits, duplicates="create")
    visitor = Visitor(api, ip="203.0.113.50")
    statuses = [visitor.post_json(form["form_id"], answers()).status for _ in range(3)]
    assert statuses == [201, 201, 429]
    refused = visitor.post_json(form["form_id"], answers())
    assert refused.body["error"]["code"] == "rate_limited"
    assert 1 <= int(refused.headers["retry-after"]) <= 600
    assert refused.headers["access-control-allow-origin"] == SITE
    # Another visitor is not held back, and the refused posts wrote nothing
    assert Visitor(api, ip="203.0.113.51").post_json(form["form_id"], answers()).status == 201
    assert len(leads(api, tenant)) == 3


def test_the_per_form_limit_holds_across_visitors(api: Api, tenant: Account) -> None:
    limits = {"per_ip": 100, "per_ip_window_seconds": 600, "per_form_per_minute": 2}
    # The limit counts per clock minute: three posts that straddle a minute's end fall in two windows,
    # so the scenario runs again on a fresh form (a slow machine can take seconds over three posts).
    for attempt in range(3):
        form = published_form(api, tenant, rate_limits=limits, duplicates="create")
        minute = int(time.time()) // 60
        statuses = [
            Visitor(api, ip=f"203.0.113.{60 + 3 * attempt + n}").post_json(form["form_id"], answers()).status
            for n in range(3)
        ]
        classic = Visitor(api, ip=f"203.0.113.{80 + attempt}").post_form(form["form_id"], answers())
        if int(time.time()) // 60 == minute:
            break
    assert statuses == [201, 201, 429]
    assert classic.status == 429 and int(classic.headers["retry-after"]) <= 60


# Spam ---------------------------------------------------------------------------------------------


def test_a_filled_honeypot_is_answered_like_success_but_kept_as_spam(
    api: Api, aws: LocalAws, tenant: Account, visitor: Visitor
) -> None:
    form = published_form(api, tenant)
    answer = visitor.post_json(form["form_id"], answers(), honeypot="https://cheap-pills.test")
    assert answer.status == 201 and answer.body["status"] == "received"
    assert not leads(api, tenant) and not events_of(aws, tenant, "LeadCreated")
    (spam,) = submissions_of(api, tenant, form)
    assert (spam["spam"], spam["spam_reason"], spam["lead_id"]) == (True, "honeypot", None)
    item = SubmissionItem.get(
        capture_keys.submissions(tenant.tenant_id, form["form_id"]),
        f"SUB#{spam['submitted_at']}#{spam['submission_id']}",
    )
    assert item.expires_at is not None  # spam expires (TTL)


def test_a_form_sent_faster_than_a_person_types_is_spam(api: Api, tenant: Account, visitor: Visitor) -> None:
    form = published_form(api, tenant, min_fill_seconds=5)
    shown_ms = int(time.time() * 1000) - 1000
    assert visitor.post_json(form["form_id"], answers(), started_at=shown_ms).status == 201
    assert not leads(api, tenant)
    assert submissions_of(api, tenant, form)[0]["spam_reason"] == "too_fast"
    # A person who took their time is a lead
    assert visitor.post_json(form["form_id"], answers(), started_at=shown_ms - 10_000).status == 201
    assert len(leads(api, tenant)) == 1


def test_spam_is_rate_limited_too(api: Api, tenant: Account) -> None:
    limits = {"per_ip": 1, "per_ip_window_seconds": 600, "per_form_per_minute": 100}
    form = published_form(api, tenant, rate_limits=limits)
    bot = Visitor(api, ip="203.0.113.90")
    assert bot.post_json(form["form_id"], answers(), honeypot="x").status == 201
    assert bot.post_json(form["form_id"], answers(), honeypot="y").status == 429


# Classic posts and the hosted page ----------------------------------------------------------------


def test_a_classic_post_is_answered_with_303_to_the_thank_you_page(
    api: Api, tenant: Account, visitor: Visitor
) -> None:
    form = published_form(api, tenant, thank_you_message="Thanks, we call you today.")
    answer = visitor.post_form(form["form_id"], answers(), referer="https://www.summit.test/contact")
    assert answer.status == 303 and answer.headers["location"] == "?submitted=1"
    thanks = visitor.request("GET", f"/f/{form['form_id']}?submitted=1")
    assert thanks.status == 200 and "Thanks, we call you today." in thanks.text
    # A plain form on the site has no landing page of its own: the posting page stands in
    assert leads(api, tenant)[0]["attribution"]["landing_page"] == "https://www.summit.test/contact"


def test_a_classic_post_goes_to_the_forms_redirect_url(api: Api, tenant: Account, visitor: Visitor) -> None:
    form = published_form(api, tenant, redirect_url="https://www.summit.test/thank-you")
    answer = visitor.post_form(form["form_id"], answers())
    assert answer.status == 303 and answer.headers["location"] == "https://www.summit.test/thank-you"
    hosted = visitor.request("GET", f"/f/{form['form_id']}")
    assert "form-action 'self' https://www.summit.test" in hosted.headers["content-security-policy"]


def test_a_classic_post_with_errors_shows_the_form_again_with_its_messages(
    api: Api, aws: LocalAws, tenant: Account, visitor: Visitor
) -> None:
    form = published_form(api, tenant)
    answer = visitor.post_form(form["form_id"], answers(name="Grace <b>Hopper</b>", email="nope"))
    assert answer.status == 422 and "text/html" in answer.headers["content-type"]
    assert 'id="e-email">Enter a valid email address<' in answer.text
    assert 'value="Grace &lt;b&gt;Hopper&lt;/b&gt;"' in answer.text  # kept, and escaped
    assert nothing_written(api, aws, tenant, form)


def _hidden_inputs(page: str) -> dict[str, str]:
    return {
        unescape(name): unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    }


def test_the_hosted_page_works_without_javascript_and_keeps_the_ad_click(api: Api, tenant: Account) -> None:
    # Given the shareable hosted page, opened from a Google ad
    form = published_form(api, tenant)
    browser = Visitor(api, origin=None)
    path = f"/f/{form['form_id']}?gclid=hosted-click&utm_source=google&utm_campaign=spring"
    page = browser.request("GET", path, referer="https://www.google.com/", host="api.convertly.test")
    assert page.status == 200 and page.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in page.headers["content-security-policy"]
    hidden = _hidden_inputs(page.text)
    assert hidden["gclid"] == "hosted-click" and hidden["utm_campaign"] == "spring"
    assert hidden["landing_page"].startswith("http://api.convertly.test/f/")
    assert hidden["referrer"] == "https://www.google.com/"
    # When the visitor fills it in and the browser posts it as a plain form (same origin)
    time.sleep(0.01)
    own = Visitor(api, origin="http://api.convertly.test")
    posted = {**hidden, **answers()}
    answer = own.post_form(form["form_id"], posted, host="api.convertly.test")
    # Then it is a lead with the click, the UTMs, the landing page and the referrer
    assert answer.status == 303
    attribution = leads(api, tenant)[0]["attribution"]
    assert (attribution["gclid"], attribution["utm_source"]) == ("hosted-click", "google")
    assert (
        attribution["landing_page"] == hidden["landing_page"]
        and attribution["referrer"] == "https://www.google.com/"
    )
    # And a second click of the same page's button (same hidden key) changes nothing
    again = own.post_form(form["form_id"], posted, host="api.convertly.test")
    assert again.status == 303 and len(leads(api, tenant)) == 1


def test_the_hosted_page_recovers_the_click_of_a_same_site_page_that_linked_to_it(
    api: Api, tenant: Account
) -> None:
    # Given the hosted page served on the site's own domain, linked from its ad landing page
    form = published_form(api, tenant)
    landing = "https://www.summit.test/?gclid=linked-click&utm_source=google&utm_medium=cpc"
    browser = Visitor(api, origin=None)
    page = browser.request("GET", f"/f/{form['form_id']}", referer=landing, host="forms.summit.test")
    hidden = _hidden_inputs(page.text)
    assert "gclid" not in hidden and hidden["referrer"] == landing
    # When the visitor sends it
    time.sleep(0.01)
    own = Visitor(api, origin="http://forms.summit.test")
    posted = own.post_form(
        form["form_id"], {**hidden, **answers()}, host="forms.summit.test", referer=hidden["landing_page"]
    )
    assert posted.status == 303
    # Then the lead has the linking page's click, and that page as its landing page
    (lead,) = leads(api, tenant)
    attribution = lead["attribution"]
    assert (attribution["gclid"], attribution["utm_medium"]) == ("linked-click", "cpc")
    assert attribution["landing_page"] == landing and "referrer" not in attribution
    assert attribution["page_url"] == hidden["landing_page"]  # the hosted page posted the form
    assert lead["source"] == "google_ads"


def test_another_sites_click_ids_in_the_referrer_are_not_taken(
    api: Api, tenant: Account, visitor: Visitor
) -> None:
    form = published_form(api, tenant)
    sent = {
        "landing_page": "https://www.summit.test/contact",
        "referrer": "https://www.partner.test/?gclid=x",
    }
    assert visitor.post_json(form["form_id"], answers(), attribution=sent).status == 201
    (lead,) = leads(api, tenant)
    assert "gclid" not in lead["attribution"] and lead["attribution"]["referrer"] == sent["referrer"]
    assert lead["source"] == "referral"


# Captcha ------------------------------------------------------------------------------------------


@pytest.fixture
def siteverify(monkeypatch: pytest.MonkeyPatch) -> Iterator[SiteVerifyFake]:
    from convertly.capture.captcha import SiteVerifyClient

    fake = SiteVerifyFake(secret="captcha-secret")
    monkeypatch.setattr(submissions, "captcha", SiteVerifyClient(urls=fake.urls, timeout_seconds=2))
    yield fake
    fake.stop()


@pytest.mark.parametrize("provider", ["turnstile", "recaptcha"])
def test_a_captcha_form_takes_only_posts_the_provider_vouches_for(
    api: Api, tenant: Account, visitor: Visitor, siteverify: SiteVerifyFake, provider: str
) -> None:
    captcha = {"provider": provider, "site_key": "site-key", "secret": "captcha-secret"}
    form = published_form(api, tenant, captcha=captcha)
    # The definition tells the snippet which widget to show, never the secret
    definition = visitor.request("GET", f"/f/{form['form_id']}/definition").body
    assert definition["captcha"] == {"provider": provider, "site_key": "site-key"}
    missing = visitor.post_json(form["form_id"], answers())
    assert missing.status == 422 and "captcha" in missing.body["error"]["fields"]
    refused = visitor.post_json(form["form_id"], answers(), captcha_token="fail")
    assert refused.status == 422 and "captcha" in refused.body["error"]["fields"]
    assert not leads(api, tenant)
    accepted = visitor.post_json(form["form_id"], answers(), captcha_token="pass")
    assert accepted.status == 201 and len(leads(api, tenant)) == 1
    # The provider got the documented request: the opened secret, the token, the visitor's IP
    last = siteverify.requests[-1]
    assert last["path"] == (
        "/turnstile/v0/siteverify" if provider == "turnstile" else "/recaptcha/api/siteverify"
    )
    assert last["content_type"] == "application/x-www-form-urlencoded"
    assert last["form"] == {"secret": "captcha-secret", "response": "pass", "remoteip": VISITOR_IP}


def test_a_resent_captcha_post_gets_its_first_answer_though_its_token_is_spent(
    api: Api, tenant: Account, visitor: Visitor, siteverify: SiteVerifyFake
) -> None:
    form = published_form(
        api, tenant, captcha={"provider": "turnstile", "site_key": "k", "secret": "captcha-secret"}
    )
    fields = answers()
    first = visitor.post_json(form["form_id"], fields, key="captcha-0001", captcha_token="pass-once")
    # The answer was lost; the snippet sends the same post again, with the same (now spent) token
    again = visitor.post_json(form["form_id"], fields, key="captcha-0001", captcha_token="pass-once")
    assert (first.status, again.status) == (201, 201)
    assert again.body == first.body and again.headers["idempotent-replayed"] == "true"
    assert len(leads(api, tenant)) == 1
    # While a spent token on a new post is refused
    other = visitor.post_json(form["form_id"], answers(), key="captcha-0002", captcha_token="pass-once")
    assert other.status == 422 and "captcha" in other.body["error"]["fields"]


def test_a_classic_post_carries_the_widgets_token(
    api: Api, tenant: Account, visitor: Visitor, siteverify: SiteVerifyFake
) -> None:
    form = published_form(
        api, tenant, captcha={"provider": "turnstile", "site_key": "k", "secret": "captcha-secret"}
    )
    page = visitor.request("GET", f"/f/{form['form_id']}")
    assert 'class="cf-turnstile" data-sitekey="k"' in page.text
    assert "https://challenges.cloudflare.com" in page.headers["content-security-policy"]
    answer = visitor.post_form(form["form_id"], {**answers(), "cf-turnstile-response": "pass"})
    assert answer.status == 303 and len(leads(api, tenant)) == 1


def test_a_captcha_provider_that_cannot_answer_is_503_and_nothing_is_written(
    api: Api, aws: LocalAws, tenant: Account, visitor: Visitor, siteverify: SiteVerifyFake
) -> None:
    form = published_form(
        api, tenant, captcha={"provider": "turnstile", "site_key": "k", "secret": "captcha-secret"}
    )
    siteverify.down = True
    answer = visitor.post_json(form["form_id"], answers(), captcha_token="pass")
    assert answer.status == 503 and answer.body["error"]["code"] == "captcha_unavailable"
    assert nothing_written(api, aws, tenant, form)


# Round-robin owners -------------------------------------------------------------------------------


def _sqs_batch(events: list[Any]) -> dict[str, Any]:
    return sqs_batch(events, "convertly-lead-assignment")


def test_round_robin_gives_new_leads_to_the_sales_users_in_turn(
    api: Api, aws: LocalAws, tenant: Account, visitor: Visitor
) -> None:
    # Given two Sales users and a round-robin form
    first, second = invite(api, tenant, "Sales", "Sam"), invite(api, tenant, "Sales", "Riley")
    form = published_form(api, tenant, assignment={"mode": "round_robin"}, duplicates="create")
    # When three visitors (three people: their own emails and phones) submit it, the leads start
    # unassigned (the submit path reads no counter)
    for n in range(3):
        person = answers(name=f"Visitor {n}", phone=f"+1 415 555 01{n}7")
        assert visitor.post_json(form["form_id"], person).status == 201
    assert {lead["owner_id"] for lead in leads(api, tenant)} == {None}
    # And the assignment consumer gets their LeadCreated events (delivered twice, as SQS may)
    created = events_of(aws, tenant, "LeadCreated")
    for _ in range(2):
        assert assignment_handler(_sqs_batch(created), Ctx()) == {"batchItemFailures": []}
    # Then they go to the Sales users in turn, each once
    owners = {lead["first_name"] + lead["last_name"]: lead["owner_id"] for lead in leads(api, tenant)}
    ids = [first.tokens["user_id"], second.tokens["user_id"]]
    assert [owners[f"Visitor{n}"] for n in range(3)] == [ids[0], ids[1], ids[0]]
    # And each assignment is an ordinary owner change (LeadUpdated), which notifies the new owner
    updated = events_of(aws, tenant, "LeadUpdated")
    assert len(updated) == 3 and all(set(e.data["changes"]) == {"owner_id"} for e in updated)


def test_the_assignment_rule_takes_round_robin_leads_only() -> None:
    spec = next(c for c in CONSUMERS if c.function == "lead_assignment")
    raw = json.dumps(spec.rule.event_pattern())
    pattern = EventPattern(raw, EventPatternParser(raw).parse())

    def event(assignment: str | None) -> dict[str, Any]:
        data: dict[str, Any] = {"lead": {}}
        if assignment:
            data["form"] = {"form_id": "F", "submission_id": "S", "assignment": assignment}
        return {"source": "convertly.crm", "detail-type": "LeadCreated", "detail": {"data": data}}

    assert pattern.matches_event(event("round_robin"))
    assert not pattern.matches_event(event("user"))
    assert not pattern.matches_event(event(None))


def test_forgetting_cached_forms_is_what_a_new_container_does(
    api: Api, tenant: Account, visitor: Visitor
) -> None:
    # A warm container keeps a form for form_cache_seconds: an edit reaches it after that
    form = published_form(api, tenant, thank_you_message="Old")
    assert visitor.post_json(form["form_id"], answers()).body["message"] == "Old"
    api.call(
        "PATCH",
        f"/forms/{form['form_id']}",
        {"version": form["version"], "thank_you_message": "New"},
        tenant.token,
    )
    assert visitor.post_json(form["form_id"], answers()).body["message"] == "Old"
    forget_cached_forms()
    assert visitor.post_json(form["form_id"], answers()).body["message"] == "New"


# The sample triggers in events/ -------------------------------------------------------------------

SAMPLES = Path(__file__).resolve().parents[3] / "events" / "triggers"
SAMPLE_FORM = "01JDEMOFORM000000000000001"


def test_the_sample_api_gateway_posts_drive_the_submit_function(api: Api, tenant: Account) -> None:
    # Given a published form with the fields the samples post, on the samples' site
    fields = [
        {"name": "name", "type": "text", "label": "Name", "required": True, "maps_to": "full_name"},
        {"name": "email", "type": "email", "label": "Email", "required": True},
        {"name": "phone", "type": "phone", "label": "Phone"},
        {"name": "service", "type": "select", "label": "Service", "options": ["Roof repair", "New roof"]},
        {"name": "message", "type": "textarea", "label": "Message"},
        {"name": "ads_ok", "type": "consent", "label": "Ads", "consent_signals": ["ad_user_data"]},
    ]
    form = published_form(api, tenant, fields=fields, allowed_domains=["summitroofing.test"])
    # When API Gateway hands the function each sample (the stage in the path, the IP in the context)
    answers_by_sample = {}
    for name in ("apigw_rest_form_submit_json.json", "apigw_rest_form_submit_form_encoded.json"):
        event = json.loads((SAMPLES / name).read_text().replace(SAMPLE_FORM, form["form_id"]))
        answers_by_sample[name] = submit_handler(event, Ctx())
    # Then the JSON post is accepted (201) and the classic one redirected (303) as a repeat touch
    json_answer = answers_by_sample["apigw_rest_form_submit_json.json"]
    classic_answer = answers_by_sample["apigw_rest_form_submit_form_encoded.json"]
    assert json_answer["statusCode"] == 201, json_answer
    assert json_answer["multiValueHeaders"]["Access-Control-Allow-Origin"] == ["https://summitroofing.test"]
    assert classic_answer["statusCode"] == 303
    assert classic_answer["multiValueHeaders"]["Location"] == ["?submitted=1"]
    (lead,) = leads(api, tenant)
    assert lead["attribution"]["gclid"] == "Cj0KCQ-sample" and lead["attribution"]["ip"] == "203.0.113.7"
    assert lead["touch_count"] == 2
