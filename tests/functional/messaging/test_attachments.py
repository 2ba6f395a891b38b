"""Email templates attach media library files: checked when saved (5 at most, 10 MB together, each in
the library; 422 names the file), shown with the template (a file deleted since is missing), refused
in the preview and the send once a file is gone (never sent without it), and carried by the mail
outbox by reference: the sent email holds them as MIME parts in the mail sink."""

from __future__ import annotations

from typing import Any

import pytest

from convertly.contacts import service as contacts
from convertly.media import keys as media_keys
from convertly.media.items import MediaItem
from convertly.messaging import service as messaging
from convertly.platform.errors import ValidationError
from devstack.mail_sink import MailSink
from tests.functional.automation.support import lead, mails
from tests.functional.conftest import Account, Api
from tests.functional.media.support import PDF, deliver_queued, upload
from tests.functional.work.work_support import mail_sink

__all__ = ["mail_sink"]
CSV = b"item,price\nroof,4200\n"


def _sized(account: Account, media_id: str, megabytes: int) -> None:
    """Record a file as that large (the bytes stay small: the limit reads the recorded size)."""
    item = MediaItem.get(media_keys.media(account.tenant_id), media_keys.media_sk(media_id))
    item.update(actions=[MediaItem.size_bytes.set(megabytes * 1024 * 1024)])


def _template(api: Api, account: Account, ids: list[str], **fields: Any) -> tuple[int, Any]:
    body = {"channel": "email", "name": "Quote", "subject": "Your quote", "body": "<p>Attached.</p>"}
    return api.call("POST", "/message-templates", {**body, **fields, "attachment_ids": ids}, account.token)


def _send(api: Api, account: Account, contact_id: str, template_id: str, key: str) -> tuple[int, Any]:
    body = {"channel": "email", "template_id": template_id, "request_key": key}
    return api.call("POST", f"/contacts/{contact_id}/messages", body, account.token)


def test_a_templates_files_are_checked_when_it_is_saved(api: Api, tenant: Account) -> None:
    brochure, prices = upload(api, tenant), upload(api, tenant, "prices.csv", CSV)

    # Given two files of the library, a template attaches them, in order, as the library names them
    status, created = _template(api, tenant, [brochure["media_id"], prices["media_id"]])
    assert status == 201, created
    assert [(a["name"], a["missing"]) for a in created["attachments"]] == [
        ("Brochure.pdf", False),
        ("prices.csv", False),
    ]
    listed = api.call("GET", "/message-templates", token=tenant.token)[1]["items"]
    assert [a["media_id"] for a in listed[0]["attachments"]] == [brochure["media_id"], prices["media_id"]]

    # When they add up to more than an email carries, the save names the largest file
    _sized(tenant, brochure["media_id"], 8)
    _sized(tenant, prices["media_id"], 3)
    status, refused = api.call(
        "PATCH",
        f"/message-templates/{created['template_id']}",
        {"version": 1, "attachment_ids": [brochure["media_id"], prices["media_id"]]},
        tenant.token,
    )
    assert status == 422 and refused["error"]["code"] == "attachments_too_large", refused
    assert "“Brochure.pdf” (8 MB)" in refused["error"]["message"]
    assert "at most 10 MB" in refused["error"]["message"]

    # And a file that is not in the library, a sixth file or a file on a text template are refused
    status, refused = _template(api, tenant, ["01HNOSUCHFILEXXXXXXXXXXXXX"])
    assert status == 422 and refused["error"]["code"] == "attachment_missing"
    status, refused = _template(api, tenant, [brochure["media_id"]] * 6)
    assert status == 422 and "attachment_ids" in refused["error"]["fields"]
    status, refused = api.call(
        "POST",
        "/message-templates",
        {"channel": "sms", "name": "Hi", "body": "Hi", "attachment_ids": [prices["media_id"]]},
        tenant.token,
    )
    assert status == 422 and "Only an email template carries attachments" in refused["error"]["message"]

    # Then removing one keeps the other
    status, edited = api.call(
        "PATCH",
        f"/message-templates/{created['template_id']}",
        {"version": 1, "attachment_ids": [prices["media_id"]]},
        tenant.token,
    )
    assert status == 200 and [a["name"] for a in edited["attachments"]] == ["prices.csv"]


def test_a_file_deleted_from_the_library_shows_missing_and_stops_the_template(
    api: Api, tenant: Account
) -> None:
    # Given a template attaching a file, and a contact
    brochure = upload(api, tenant)
    status, template = _template(api, tenant, [brochure["media_id"]])
    assert status == 201
    created = lead(api, tenant, first_name="Grace", email="grace@example.test")

    # When the file is deleted from the library
    assert api.call("DELETE", f"/media/{brochure['media_id']}", token=tenant.token)[0] == 204

    # Then the template shows it missing
    status, shown = api.call("GET", f"/message-templates/{template['template_id']}", token=tenant.token)
    assert shown["attachments"] == [
        {
            "media_id": brochure["media_id"],
            "name": None,
            "content_type": None,
            "size_bytes": None,
            "missing": True,
        }
    ]
    # And its preview and its send fail saying why, queueing nothing
    status, refused = api.call(
        "POST",
        "/message-templates/preview",
        {"template_id": template["template_id"], "contact_id": created["contact_id"]},
        tenant.token,
    )
    assert status == 422 and refused["error"]["code"] == "attachment_missing"
    assert "deleted from the media library" in refused["error"]["message"]
    status, refused = _send(api, tenant, created["contact_id"], template["template_id"], "key-missing-file")
    assert status == 422 and refused["error"]["code"] == "attachment_missing"
    assert [m for m in mails(tenant.tenant_id) if m.kind == "message"] == []

    # And a workflow's email step composing it is refused (the step records the failure)
    contact = contacts.get_contact(tenant.tenant_id, created["contact_id"])
    item = messaging.get_item(tenant.tenant_id, template["template_id"])
    assert item is not None
    with pytest.raises(ValidationError, match="deleted from the media library"):
        messaging.compose(tenant.tenant_id, item, contact, None)

    # And a copy of the template leaves the missing file out
    status, copy = api.call("POST", f"/message-templates/{template['template_id']}/clone", token=tenant.token)
    assert status == 201 and copy["attachments"] == []


def test_the_mail_outbox_sends_the_files_into_the_mail_sink(
    api: Api, tenant: Account, mail_sink: MailSink
) -> None:
    # Given a template attaching a PDF and a CSV, sent to a contact
    brochure, prices = upload(api, tenant, "Spring offer.pdf"), upload(api, tenant, "prices.csv", CSV)
    status, template = _template(api, tenant, [brochure["media_id"], prices["media_id"]])
    assert status == 201, template
    address = "linus.files@example.test"
    created = lead(api, tenant, first_name="Linus", email=address)
    status, sent = _send(api, tenant, created["contact_id"], template["template_id"], "key-with-files")
    assert status == 202, sent

    # Then the outbox holds the files by reference: the objects, their names and types
    (queued,) = [m for m in mails(tenant.tenant_id) if m.kind == "message"]
    assert [(a.file_name, a.content_type) for a in queued.attachments] == [
        ("Spring offer.pdf", "application/pdf"),
        ("prices.csv", "text/csv"),
    ]

    # When the outbox sends it, the sink receives both files as attachments, byte for byte
    assert deliver_queued(tenant.tenant_id, mail_sink.smtp_port) == ["sent"]
    (received,) = [m for m in mail_sink.messages() if address in m.to]
    assert [(a.file_name, a.content_type, a.size) for a in received.attachments] == [
        ("Spring offer.pdf", "application/pdf", len(PDF)),
        ("prices.csv", "text/csv", len(CSV)),
    ]
    assert mail_sink.store.attachment(received.id, 1) == (received.attachments[1], CSV)
    assert "Attached." in received.text

    # And the contact's timeline names the files sent
    timeline = api.call("GET", f"/contacts/{created['contact_id']}/timeline", token=tenant.token)[1]
    (emailed,) = [e for e in timeline["items"] if e["kind"] == "emailed"]
    assert emailed["cause"]["attachments"] == ["Spring offer.pdf", "prices.csv"]


def test_a_file_deleted_after_the_email_was_queued_fails_it_for_good(
    api: Api, tenant: Account, mail_sink: MailSink
) -> None:
    brochure = upload(api, tenant)
    status, template = _template(api, tenant, [brochure["media_id"]])
    assert status == 201, template
    address = "late.delete@example.test"
    created = lead(api, tenant, first_name="Late", email=address)
    assert _send(api, tenant, created["contact_id"], template["template_id"], "key-late-delete")[0] == 202
    assert api.call("DELETE", f"/media/{brochure['media_id']}", token=tenant.token)[0] == 204

    assert deliver_queued(tenant.tenant_id, mail_sink.smtp_port) == ["failed"]

    (failed,) = [m for m in mails(tenant.tenant_id) if m.kind == "message"]
    assert failed.status == "failed"
    assert (
        failed.error == "The attachment “Brochure.pdf” is no longer in the media library: not sent without it"
    )
    assert [m for m in mail_sink.messages() if address in m.to] == []
