"""Unsubscribe: every email to a contact (a template's or one written there) ends with its signed
unsubscribe link and carries List-Unsubscribe headers (one-click when the API's URL is known); the
link's page says whose it is; following it (the page's button, or a mail app's one-click POST)
denies the contact's marketing email through its change log, once; no email goes to it after; a link
that does not verify is a 404. Mail to users (invitations, notifications) has no such link. A
workflow's email step gets the template's files and the contact's link from messaging."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from convertly.contacts import service as contacts
from convertly.messaging import service as messaging
from convertly.messaging.unsubscribe import sign, verify
from convertly.platform.config import get_settings
from devstack.mail_sink import MailSink, ReceivedMail
from tests.functional.automation.support import lead, mails
from tests.functional.conftest import Account, Api
from tests.functional.media.support import deliver_queued, upload
from tests.functional.work.work_support import mail_sink

__all__ = ["mail_sink"]
PUBLIC_API = "https://api.example.test/prod"
_TOKEN = re.compile(r"/unsubscribe/([A-Za-z0-9_-]+)")


@pytest.fixture
def one_click(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The API's public URL is configured, as CDK sets it: mail apps may unsubscribe in one click."""
    monkeypatch.setenv("PUBLIC_API_URL", PUBLIC_API)
    get_settings.cache_clear()
    yield
    monkeypatch.delenv("PUBLIC_API_URL")
    get_settings.cache_clear()


def _send(api: Api, account: Account, contact_id: str, key: str, **body: Any) -> tuple[int, Any]:
    message = {"channel": "email", "subject": "Spring offer", "body": "<p>Ten percent off.</p>", **body}
    return api.call(
        "POST", f"/contacts/{contact_id}/messages", {**message, "request_key": key}, account.token
    )


def _received(sink: MailSink, address: str) -> ReceivedMail:
    (received,) = [m for m in sink.messages() if address in m.to]
    return received


def _raw(api: Api, method: str, path: str, body: str = "", **headers: str) -> tuple[int, str, dict[str, str]]:
    """A request as a browser or a mail app sends it (not JSON)."""
    response = api._client.http.request(method, path, headers=headers, body=body)
    return response.status_code, response.body.decode(), dict(response.headers)


def _updates(api: Api, account: Account, contact_id: str) -> list[dict[str, Any]]:
    timeline = api.call("GET", f"/contacts/{contact_id}/timeline", token=account.token)[1]
    return [entry for entry in timeline["items"] if entry["kind"] == "updated"]


def test_an_email_to_a_contact_ends_with_its_link_and_one_click_headers(
    api: Api, tenant: Account, mail_sink: MailSink, one_click: None
) -> None:
    # Given a one-off email to a contact, sent by the outbox
    address = "ada.links@example.test"
    created = lead(api, tenant, first_name="Ada", email=address)
    assert _send(api, tenant, created["contact_id"], "key-links")[0] == 202
    assert deliver_queued(tenant.tenant_id, mail_sink.smtp_port) == ["sent"]

    # Then both parts end with the link to the web app's page, signed for this contact
    received = _received(mail_sink, address)
    web = get_settings().web_app_url.rstrip("/")
    token = sign(tenant.tenant_id, created["contact_id"])
    page = f"{web}/unsubscribe/{token}"
    assert received.text.rstrip().endswith(f"To stop receiving these emails, unsubscribe: {page}")
    assert received.html is not None and "Ten percent off." in received.html
    assert received.links == [page]
    # And the headers name the API's route, where a mail app posts the one-click unsubscribe
    assert received.list_unsubscribe == f"<{PUBLIC_API}/unsubscribe/{token}>"
    assert received.list_unsubscribe_post == "List-Unsubscribe=One-Click"


def test_the_link_unsubscribes_the_contact_once_and_no_email_goes_after(
    api: Api, tenant: Account, mail_sink: MailSink
) -> None:
    # Given an email received by a contact
    address = "grace.unsub@example.test"
    created = lead(api, tenant, first_name="Grace", email=address)
    contact_id = created["contact_id"]
    assert _send(api, tenant, contact_id, "key-before")[0] == 202
    assert deliver_queued(tenant.tenant_id, mail_sink.smtp_port) == ["sent"]
    found = _TOKEN.search(_received(mail_sink, address).text)
    assert found is not None
    path = f"/unsubscribe/{found.group(1)}"

    # When its link is opened, the page says whose it is, and nothing changes yet
    status, page, headers = _raw(api, "GET", path, accept="text/html")
    assert status == 200 and "Unsubscribe from Acme Roofing&#x27;s emails?" in page
    assert "g•••@example.test" in page and "<form method='post'>" in page
    assert "form-action 'self'" in headers["Content-Security-Policy"]
    status, shown = api.call("GET", path)
    assert status == 200 and shown == {
        "company": "Acme Roofing",
        "email": "g•••@example.test",
        "unsubscribed": False,
    }
    assert _updates(api, tenant, contact_id) == []

    # When a mail app unsubscribes in one click (RFC 8058's POST)
    status, done, _ = _raw(
        api,
        "POST",
        path,
        "List-Unsubscribe=One-Click",
        **{"content-type": "application/x-www-form-urlencoded"},
    )
    assert status == 200 and "You are unsubscribed" in done

    # Then the contact denies marketing email, in its change log as the contact's doing
    contact = contacts.get_contact(tenant.tenant_id, contact_id)
    assert messaging.consent_of(contact)["email_marketing"] == "denied"
    (update,) = _updates(api, tenant, contact_id)
    assert update["actor_name"] == "the contact, through an unsubscribe link"
    assert update["actor_id"] == f"contact:{contact_id}"
    (change,) = update["changes"]
    assert change["field"] == "consent" and change["new"]["email_marketing"] == "denied"

    # And the page's button (or the web app) again changes nothing more
    status, again = api.call("POST", path)
    assert status == 200 and again["unsubscribed"] is True
    assert len(_updates(api, tenant, contact_id)) == 1

    # And a one-off email to the contact is refused in words, queueing nothing
    status, refused = _send(api, tenant, contact_id, "key-after")
    assert status == 409 and refused["error"]["code"] == "unsubscribed"
    assert refused["error"]["message"].startswith("This contact unsubscribed from email")
    assert len([m for m in mails(tenant.tenant_id) if m.kind == "message"]) == 1


def test_a_link_that_does_not_verify_is_not_found(api: Api, tenant: Account) -> None:
    created = lead(api, tenant, first_name="Linus", email="linus.forged@example.test")
    good = sign(tenant.tenant_id, created["contact_id"])
    other = sign(tenant.tenant_id, "01HNOSUCHCONTACTXXXXXXXXXX")
    forged = good[:-2] + ("AA" if not good.endswith("AA") else "BB")
    for token in (forged, "bm90aGluZw", "not-a-token", other):
        status, body = api.call("POST", f"/unsubscribe/{token}")
        assert status == 404 and body["error"]["code"] == "unsubscribe_link_not_found", (token, body)
        status, page, _ = _raw(api, "GET", f"/unsubscribe/{token}", accept="text/html")
        assert status == 404 and "This link is not valid" in page
    contact = contacts.get_contact(tenant.tenant_id, created["contact_id"])
    assert messaging.consent_of(contact).get("email_marketing") != "denied"


def test_mail_to_users_carries_no_unsubscribe_link(api: Api, tenant: Account, mail_sink: MailSink) -> None:
    # Given an invitation emailed to a new teammate (mail to a user, not to a contact)
    email = "new.teammate@example.test"
    status, _ = api.call("POST", "/users", {"email": email, "name": "Nia New", "role": "Sales"}, tenant.token)
    assert status == 201

    # When the outbox sends it
    (invitation,) = [m for m in mails(tenant.tenant_id) if m.kind == "invitation"]
    assert invitation.unsubscribe_token is None
    assert deliver_queued(tenant.tenant_id, mail_sink.smtp_port) == ["sent"]

    # Then it has no unsubscribe link nor headers
    received = _received(mail_sink, email)
    assert "/unsubscribe/" not in received.text
    assert received.list_unsubscribe is None and received.list_unsubscribe_post is None


def test_a_workflows_email_to_the_contact_gets_its_files_and_link_from_messaging(
    api: Api, tenant: Account
) -> None:
    # Given a template attaching a file, composed for a contact as a workflow's email step does
    brochure = upload(api, tenant)
    status, template = api.call(
        "POST",
        "/message-templates",
        {
            "channel": "email",
            "name": "Welcome",
            "subject": "Welcome {{contact.first_name}}",
            "body": "<p>Hi</p>",
            "attachment_ids": [brochure["media_id"]],
        },
        tenant.token,
    )
    assert status == 201, template
    created = lead(api, tenant, first_name="Wanda", email="wanda@example.test")
    contact = contacts.get_contact(tenant.tenant_id, created["contact_id"])
    item = messaging.get_item(tenant.tenant_id, template["template_id"])
    assert item is not None
    rendered = messaging.compose(tenant.tenant_id, item, contact, None)

    # When the step adds messaging's mail fields, to the contact and to another address
    to_contact = messaging.mail_fields(tenant.tenant_id, rendered, contact)
    to_owner = messaging.mail_fields(tenant.tenant_id, rendered, None)

    # Then both carry the file; only the contact's carries its unsubscribe token
    assert [a.file_name for a in to_contact["attachments"]] == ["Brochure.pdf"]
    assert to_owner["attachments"] == to_contact["attachments"]
    assert verify(to_contact["unsubscribe_token"]) == (tenant.tenant_id, created["contact_id"])
    assert to_owner["unsubscribe_token"] is None
