"""Email settings through app.py and the settings Lambda against moto and a real SMTP sink: the
tenant's SMTP server with a KMS-sealed password, the test email, the platform default, the TLS
modes over real connections, notification preferences, and email about lead events."""

from __future__ import annotations

import base64
import ipaddress
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from convertly.notifications import keys as notifications_keys
from convertly.notifications.event_mail import queue_event_mail
from convertly.notifications.items import EmailSettingsItem, MailItem
from convertly.notifications.preferences import StoredPreferences
from convertly.platform.errors import MailDeliveryError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.mail.message import MailMessage
from convertly.platform.mail.transport import SmtpTransport
from convertly.platform.store import keys as platform_keys
from devstack.bootstrap.extras import ensure_key, ensure_sender
from devstack.mail_sink import MailSink, free_port
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up
from tests.functional.work.work_support import mail_sink

__all__ = ["mail_sink"]
# The test sinks take a login over plain SMTP on loopback; aiosmtpd warns about that each connection.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")

SMTP_USER, SMTP_PASSWORD = "mailer@acme.test", "s3cret-Smtp-pass"


@pytest.fixture(scope="module", autouse=True)
def mail_resources(aws: LocalAws) -> None:
    """The secrets key and the platform's sender identity, as the local stack's bootstrap makes them."""
    ensure_key(aws.client("kms"))
    ensure_sender(aws.client("ses"))


@pytest.fixture(scope="module")
def auth_sink() -> Iterator[MailSink]:
    """A sink that wants a login, as a tenant's own SMTP server would."""
    sink = MailSink("127.0.0.1", 0, 0, credentials={SMTP_USER: SMTP_PASSWORD}).start()
    yield sink
    sink.stop()


def settings_body(port: int, **fields: Any) -> dict[str, Any]:
    return {
        "host": "127.0.0.1",
        "port": port,
        "tls_mode": "none",
        "username": SMTP_USER,
        "password": SMTP_PASSWORD,
        "from_address": "Sales@Acme-Roofing.test",
        "from_name": "Acme Roofing",
        **fields,
    }


def test_without_settings_mail_goes_through_the_platform_default(api: Api, tenant: Account) -> None:
    status, settings = api.call("GET", "/settings/email", token=tenant.token)
    assert status == 200 and settings["configured"] is False and settings["platform_transport"] == "ses"

    # The test email goes out through SES (moto accepts it from the verified platform sender)
    status, result = api.call("POST", "/settings/email/test", {}, tenant.token)
    assert status == 200, result
    assert result == {"sent": True, "to": tenant.email, "transport": "platform_ses"}


def test_the_password_is_sealed_with_kms_for_the_tenant_and_never_returned(
    api: Api, aws: LocalAws, tenant: Account, auth_sink: MailSink
) -> None:
    # When the Admin sets the tenant's SMTP server
    status, saved = api.call("PUT", "/settings/email", settings_body(auth_sink.smtp_port), tenant.token)

    # Then the answer masks the password, and the stored item holds only ciphertext
    assert status == 200, saved
    assert saved["configured"] is True and saved["password"] == "********" and saved["password_set"] is True
    assert saved["from_address"] == "sales@acme-roofing.test"
    assert SMTP_PASSWORD not in str(api.call("GET", "/settings/email", token=tenant.token)[1])
    stored = EmailSettingsItem.get(
        platform_keys.tenant(tenant.tenant_id), notifications_keys.EMAIL_SETTINGS_SK
    )
    assert stored.password_sealed and SMTP_PASSWORD not in stored.password_sealed
    # Sealed for this tenant: KMS opens it with this tenant's context only
    kms, blob = aws.client("kms"), base64.b64decode(stored.password_sealed)
    context = {"tenant_id": tenant.tenant_id, "purpose": "smtp_password"}
    assert kms.decrypt(CiphertextBlob=blob, EncryptionContext=context)["Plaintext"] == SMTP_PASSWORD.encode()
    with pytest.raises(kms.exceptions.InvalidCiphertextException):
        kms.decrypt(CiphertextBlob=blob, EncryptionContext={**context, "tenant_id": "someone-else"})


def test_the_test_email_goes_through_the_tenants_server_with_its_login(
    api: Api, tenant: Account, auth_sink: MailSink
) -> None:
    api.call("PUT", "/settings/email", settings_body(auth_sink.smtp_port), tenant.token)

    status, result = api.call("POST", "/settings/email/test", {"to": "ops@acme-roofing.test"}, tenant.token)

    assert status == 200, result
    assert result == {"sent": True, "to": "ops@acme-roofing.test", "transport": "tenant_smtp"}
    (received,) = [m for m in auth_sink.messages() if m.to == ["ops@acme-roofing.test"]]
    assert received.subject == "Convertly test email" and received.mail_from == "sales@acme-roofing.test"
    assert SMTP_USER in auth_sink.logins


def test_a_password_left_out_is_kept_and_an_empty_one_removed(
    api: Api, tenant: Account, auth_sink: MailSink
) -> None:
    api.call("PUT", "/settings/email", settings_body(auth_sink.smtp_port), tenant.token)
    body = settings_body(auth_sink.smtp_port, from_name="Acme")
    del body["password"]
    kept = api.call("PUT", "/settings/email", body, tenant.token)[1]
    assert kept["password_set"] is True and kept["from_name"] == "Acme"
    assert api.call("POST", "/settings/email/test", {}, tenant.token)[0] == 200

    removed = api.call(
        "PUT", "/settings/email", settings_body(auth_sink.smtp_port, password=""), tenant.token
    )[1]
    assert removed["password_set"] is False and removed["password"] is None
    # Without the password the server refuses the login: a 502 that says why, and no secret in it
    status, answer = api.call("POST", "/settings/email/test", {}, tenant.token)
    assert status == 502 and answer["error"]["code"] == "mail_send_failed"
    assert answer["error"]["details"] == {"permanent": True}


def test_an_unreachable_server_is_a_502_without_the_password(api: Api, tenant: Account) -> None:
    api.call("PUT", "/settings/email", settings_body(free_port("127.0.0.1")), tenant.token)

    status, answer = api.call("POST", "/settings/email/test", {}, tenant.token)

    assert status == 502 and answer["error"]["code"] == "mail_send_failed"
    assert "Could not reach the SMTP server" in answer["error"]["message"]
    assert SMTP_PASSWORD not in str(answer) and answer["error"]["details"] == {"permanent": False}


def test_deleting_the_settings_returns_to_the_platform_default(
    api: Api, tenant: Account, auth_sink: MailSink
) -> None:
    api.call("PUT", "/settings/email", settings_body(auth_sink.smtp_port), tenant.token)
    status, settings = api.call("DELETE", "/settings/email", token=tenant.token)
    assert status == 200 and settings["configured"] is False
    assert api.call("POST", "/settings/email/test", {}, tenant.token)[1]["transport"] == "platform_ses"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("host", "smtp example.com"),
        ("port", 0),
        ("port", 70000),
        ("tls_mode", "tls"),
        ("from_address", "not-an-address"),
    ],
)
def test_bad_settings_are_422(api: Api, tenant: Account, field: str, value: Any) -> None:
    body = {**settings_body(587), field: value}
    status, answer = api.call("PUT", "/settings/email", body, tenant.token)
    assert status == 422 and field in answer["error"]["fields"], answer


def test_only_an_admin_manages_email_settings(api: Api, tenant: Account) -> None:
    for role in ("Manager", "Sales", "Staff"):
        member = invite(api, tenant, role)
        assert api.call("GET", "/settings/email", token=member.token)[0] == 403
        assert api.call("POST", "/settings/email/test", {}, member.token)[0] == 403


def test_each_tenant_has_its_own_settings(api: Api, tenant: Account, auth_sink: MailSink) -> None:
    api.call("PUT", "/settings/email", settings_body(auth_sink.smtp_port), tenant.token)
    other = sign_up(api, "Other Co")
    assert api.call("GET", "/settings/email", token=other.token)[1]["configured"] is False


# TLS: STARTTLS and implicit TLS, over real connections to a sink with a self-signed certificate.
@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


@pytest.mark.parametrize("tls_mode", ["starttls", "ssl"])
def test_smtp_sends_over_starttls_and_implicit_tls(certificate: tuple[Path, Path], tls_mode: str) -> None:
    cert_path, key_path = certificate
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert_path, key_path)
    sink = MailSink(
        "127.0.0.1",
        0,
        0,
        tls_context=server_context,
        implicit_tls=tls_mode == "ssl",
        credentials={SMTP_USER: SMTP_PASSWORD},
    ).start()
    message = MailMessage("rep@acme.test", f"Over {tls_mode}", "Hello", "sales@acme.test", message_key="K1")
    try:
        trusting = ssl.create_default_context(cafile=str(cert_path))
        SmtpTransport(
            "127.0.0.1", sink.smtp_port, tls_mode, SMTP_USER, SMTP_PASSWORD, ssl_context=trusting
        ).send(message)  # type: ignore[arg-type]
        (received,) = sink.messages()
        assert received.subject == f"Over {tls_mode}" and received.message_id == "<K1@convertly.mail>"
        assert sink.logins == [SMTP_USER]
        # A certificate nobody vouches for is refused for good, and nothing is sent
        with pytest.raises(MailDeliveryError) as refused:
            SmtpTransport("127.0.0.1", sink.smtp_port, tls_mode, SMTP_USER, SMTP_PASSWORD).send(message)  # type: ignore[arg-type]
        assert refused.value.permanent and len(sink.messages()) == 1
    finally:
        sink.stop()


def test_the_sink_page_lists_what_it_received(mail_sink: MailSink) -> None:
    import urllib.request

    SmtpTransport("127.0.0.1", mail_sink.smtp_port, "none").send(
        MailMessage("page@acme.test", "Shown <on> the page", "Body text", "noreply@convertly.local")
    )
    with urllib.request.urlopen(mail_sink.url, timeout=5) as response:  # noqa: S310 - the local sink
        page = response.read().decode()
    assert "page@acme.test" in page and "Shown &lt;on&gt; the page" in page


# Notification preferences
def test_preferences_default_per_kind_and_change_only_what_is_named(api: Api, tenant: Account) -> None:
    status, prefs = api.call("GET", "/me/notification-preferences", token=tenant.token)
    assert status == 200
    assert prefs["channels"]["lead_assigned"] == "in_app" and prefs["channels"]["followup_due"] == "both"
    assert len(prefs["channels"]) == 7

    status, changed = api.call(
        "PUT",
        "/me/notification-preferences",
        {"channels": {"lead_won": "both", "task_due": "none"}},
        tenant.token,
    )

    assert status == 200
    assert changed["channels"]["lead_won"] == "both" and changed["channels"]["task_due"] == "none"
    assert changed["channels"]["followup_due"] == "both"  # untouched
    assert api.call("GET", "/me/notification-preferences", token=tenant.token)[1] == changed
    # Another user keeps the defaults
    member = invite(api, tenant, "Sales")
    assert (
        api.call("GET", "/me/notification-preferences", token=member.token)[1]["channels"]["lead_won"]
        == "in_app"
    )


@pytest.mark.parametrize("channels", [{"lead_won": "sms"}, {"coffee_ready": "both"}])
def test_unknown_kinds_or_channels_are_422(api: Api, tenant: Account, channels: dict[str, str]) -> None:
    status, _ = api.call("PUT", "/me/notification-preferences", {"channels": channels}, tenant.token)
    assert status == 422


def test_a_lead_event_is_emailed_once_to_a_user_who_asked_for_email(
    api: Api, tenant: Account, mail_sink: MailSink
) -> None:
    # Given a rep who wants new leads by email only
    sales = invite(api, tenant, "Sales", name="Sam Sales")
    api.call("PUT", "/me/notification-preferences", {"channels": {"lead_assigned": "email"}}, sales.token)
    event = DomainEvent(
        detail_type="LeadCreated",
        tenant_id=tenant.tenant_id,
        actor_id="someone-else",
        subject_id="01HLEAD",
        data={"lead": {"name": "Maria Garcia", "owner_id": sales.tokens["user_id"], "source": "google_ads"}},
    )

    # When the notifier handles the event, twice (a redelivery)
    first = queue_event_mail(event, StoredPreferences())
    again = queue_event_mail(event, StoredPreferences())

    # Then one email is queued for the rep, and none the second time
    assert first == [sales.tokens["user_id"]] and again == []
    queued = list(MailItem.query(notifications_keys.mail_outbox(tenant.tenant_id)))
    assert [(m.to_address, m.subject, m.status) for m in queued] == [
        (sales.email, "New lead assigned to you", "pending")
    ]
    assert StoredPreferences().allows(tenant.tenant_id, sales.tokens["user_id"], "lead_assigned") is False
