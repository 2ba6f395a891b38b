"""Email and SMS templates on moto: write, search, copy, delete, preview on a contact; a one-off email
to a contact is queued once per request key and shows on its timeline; roles and tenants."""

from __future__ import annotations

from typing import Any

from tests.functional.automation.support import email_template, lead, mails
from tests.functional.conftest import Account, Api, invite, sign_up


def test_templates_are_written_searched_copied_and_deleted_by_managers_and_read_by_sales(
    api: Api, tenant: Account
) -> None:
    welcome = email_template(api, tenant, name="Welcome", subject="Hello {{contact.first_name}}")
    status, sms = api.call(
        "POST",
        "/message-templates",
        {"channel": "sms", "name": "Reminder", "body": "Hi {{contact.first_name}}, see you at " + "x" * 140},
        tenant.token,
    )
    assert status == 201 and sms["subject"] is None and sms["segments"] == 2 and sms["encoding"] == "gsm7"

    status, found = api.call("GET", "/message-templates?q=remind", token=tenant.token)
    assert [t["name"] for t in found["items"]] == ["Reminder"]
    status, emails = api.call("GET", "/message-templates?channel=email", token=tenant.token)
    assert [t["template_id"] for t in emails["items"]] == [welcome["template_id"]]

    status, copy = api.call("POST", f"/message-templates/{welcome['template_id']}/clone", token=tenant.token)
    assert status == 201 and copy["name"] == "Welcome (copy)" and copy["subject"] == welcome["subject"]
    status, edited = api.call(
        "PATCH",
        f"/message-templates/{copy['template_id']}",
        {"version": 1, "name": "Welcome B"},
        tenant.token,
    )
    assert status == 200 and edited["version"] == 2
    status, stale = api.call(
        "PATCH", f"/message-templates/{copy['template_id']}", {"version": 1, "name": "Late"}, tenant.token
    )
    assert status == 409 and stale["error"]["code"] == "stale_version"

    sales = invite(api, tenant, "Sales", "Sam")
    assert api.call("GET", "/message-templates", token=sales.token)[0] == 200
    status, _refused = api.call("DELETE", f"/message-templates/{copy['template_id']}", token=sales.token)
    assert status == 403
    assert api.call("DELETE", f"/message-templates/{copy['template_id']}", token=tenant.token)[0] == 204
    assert api.call("GET", f"/message-templates/{copy['template_id']}", token=tenant.token)[0] == 404

    other = sign_up(api, "Elsewhere Inc")
    assert api.call("GET", f"/message-templates/{welcome['template_id']}", token=other.token)[0] == 404
    assert api.call("GET", "/message-templates", token=other.token)[1]["items"] == []


def test_a_template_that_cannot_render_is_refused_with_the_reason(api: Api, tenant: Account) -> None:
    for body, code in (("{% if %}", "invalid_template"), ("", "validation_error")):
        status, refused = api.call(
            "POST",
            "/message-templates",
            {"channel": "email", "name": "Bad", "subject": "S", "body": body},
            tenant.token,
        )
        assert status == 422 and refused["error"]["code"] == code, refused
    status, refused = api.call(
        "POST", "/message-templates", {"channel": "email", "name": "No subject", "body": "x"}, tenant.token
    )
    assert status == 422 and "An email template needs a subject" in str(refused["error"]["fields"]), refused


def test_a_preview_fills_in_a_contact_and_names_an_unknown_merge_field(api: Api, tenant: Account) -> None:
    created = lead(
        api, tenant, first_name="Grace", last_name="Hopper", email="grace@example.test", value=1500
    )
    template = email_template(
        api,
        tenant,
        subject="{{contact.name}}: {{lead.stage}}",
        body="<p>{{lead.value}} {{lead.currency}} for {{contact.first_name}}</p>",
    )
    status, shown = api.call(
        "POST",
        "/message-templates/preview",
        {
            "template_id": template["template_id"],
            "contact_id": created["contact_id"],
            "lead_id": created["lead_id"],
        },
        tenant.token,
    )
    assert status == 200, shown
    assert shown["subject"] == "Grace Hopper: New"
    assert shown["body"] == "<p>1,500.00 USD for Grace</p>" and shown["text"] == "1,500.00 USD for Grace"

    status, sample = api.call(
        "POST",
        "/message-templates/preview",
        {"channel": "sms", "body": "Hi {{contact.first_name}}"},
        tenant.token,
    )
    assert status == 200 and sample["body"] == "Hi Ada" and sample["segments"] == 1

    status, unknown = api.call(
        "POST",
        "/message-templates/preview",
        {"channel": "sms", "body": "Hi {{contact.frist_name}}"},
        tenant.token,
    )
    assert status == 422 and unknown["error"]["code"] == "unknown_merge_field"
    assert "frist_name" in unknown["error"]["message"]

    other = sign_up(api, "Elsewhere Inc")
    status, _hidden = api.call(
        "POST",
        "/message-templates/preview",
        {"channel": "sms", "body": "x", "contact_id": created["contact_id"]},
        other.token,
    )
    assert status == 404


def _send(api: Api, account: Account, contact_id: str, **body: Any) -> tuple[int, Any]:
    return api.call("POST", f"/contacts/{contact_id}/messages", {"channel": "email", **body}, account.token)


def test_a_one_off_email_is_queued_once_per_key_and_shows_on_the_timeline(api: Api, tenant: Account) -> None:
    created = lead(api, tenant, first_name="Linus", email="linus@example.test")
    template = email_template(api, tenant)
    for _ in range(3):  # a double (triple) click
        status, sent = _send(
            api,
            tenant,
            created["contact_id"],
            template_id=template["template_id"],
            request_key="click-123456",
        )
        assert status == 202 and sent["to"] == "linus@example.test" and sent["subject"] == "Thanks Linus", (
            sent
        )
    queued = [m for m in mails(tenant.tenant_id) if m.kind == "message"]
    assert [(m.to_address, m.subject, m.status) for m in queued] == [
        ("linus@example.test", "Thanks Linus", "pending")
    ]

    status, timeline = api.call("GET", f"/contacts/{created['contact_id']}/timeline", token=tenant.token)
    assert status == 200, timeline
    emailed = [e for e in timeline["items"] if e["kind"] == "emailed"]
    assert len(emailed) == 1 and emailed[0]["actor_name"] == "Ada Admin"

    status, written = _send(
        api,
        tenant,
        created["contact_id"],
        subject="Quick one",
        body="<p>Are you free?</p>",
        request_key="click-abcdefgh",
    )
    assert status == 202 and written["subject"] == "Quick one"
    assert len([m for m in mails(tenant.tenant_id) if m.kind == "message"]) == 2


def test_no_email_to_an_unsubscribed_contact_nor_one_without_an_address_nor_by_sms(
    api: Api, tenant: Account
) -> None:
    status, contact = api.call(
        "POST",
        "/contacts",
        {"first_name": "Nope", "email": "nope@example.test", "consent": {"email_marketing": "denied"}},
        tenant.token,
    )
    assert status == 201, contact
    status, refused = _send(
        api, tenant, contact["contact_id"], subject="Hi", body="x", request_key="k-unsubscribed"
    )
    assert status == 409 and refused["error"]["code"] == "unsubscribed"
    status, no_email = api.call(
        "POST", "/contacts", {"first_name": "Phone", "phone": "+14155550100"}, tenant.token
    )
    status, refused = _send(
        api, tenant, no_email["contact_id"], subject="Hi", body="x", request_key="k-no-address"
    )
    assert status == 422 and refused["error"]["code"] == "no_email"
    status, refused = api.call(
        "POST",
        f"/contacts/{no_email['contact_id']}/messages",
        {"channel": "sms", "body": "x", "request_key": "k-sms-1234"},
        tenant.token,
    )
    assert status == 409 and refused["error"]["code"] == "sms_not_configured"
    assert [m for m in mails(tenant.tenant_id) if m.kind == "message"] == []
