"""Settings > SMS on moto and the Twilio fake: an Admin connects a Twilio account, which Twilio checks
first (credentials it refuses, a number of another account and a Twilio that cannot answer store
nothing); the Auth Token is sealed with KMS for the tenant and never returned; a test text goes through
the saved account; whoever sends learns whether texts can go; disconnecting deletes it. Only Admins
reach the settings, and one tenant's account is nobody else's. The demo seed connects only a local fake."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from convertly.messaging import keys
from convertly.messaging.items import SmsSettingsItem
from convertly.messaging.sms import TOKEN_PURPOSE
from convertly.messaging.sms_settings import TEST_TEXT
from convertly.permissions import Role
from convertly.platform.config import get_settings
from convertly.platform.principal import Principal
from convertly.platform.secret_box import KmsSecretBox
from convertly.platform.store import keys as platform_keys
from devstack.ad_fakes import LOCAL_TWILIO_ACCOUNT_SID, LOCAL_TWILIO_AUTH_TOKEN, LOCAL_TWILIO_NUMBER
from devstack.fakes.twilio import TwilioFake
from devstack.seed_sms import seed_sms
from tests.functional.conftest import Account, Api, invite, sign_up
from tests.functional.messaging.sms_support import CONNECT, connect


def _stored(tenant_id: str) -> SmsSettingsItem | None:
    try:
        return SmsSettingsItem.get(
            platform_keys.tenant(tenant_id), keys.SMS_SETTINGS_SK, consistent_read=True
        )
    except SmsSettingsItem.DoesNotExist:
        return None


def test_twilio_checks_the_account_before_anything_is_stored(
    api: Api, tenant: Account, twilio: TwilioFake
) -> None:
    # When the Auth Token is wrong
    status, refused = api.call("PUT", "/settings/sms", {**CONNECT, "auth_token": "f" * 32}, tenant.token)
    # Then the save is refused with Twilio's reason, next to the Auth Token
    assert status == 422 and refused["error"]["code"] == "twilio_refused", refused
    assert "Twilio refused the Account SID and Auth Token" in refused["error"]["message"]
    assert "auth_token" in refused["error"]["fields"]
    # When the number is not the account's
    status, refused = api.call(
        "PUT", "/settings/sms", {**CONNECT, "from_number": "+15550001111"}, tenant.token
    )
    assert status == 422 and refused["error"]["code"] == "twilio_number_refused"
    assert refused["error"]["fields"] == {
        "from_number": "+15550001111 is not a phone number of this Twilio account"
    }
    # When Twilio cannot answer
    twilio.fail_next(500)
    status, unavailable = api.call("PUT", "/settings/sms", CONNECT, tenant.token)
    assert status == 503 and unavailable["error"]["code"] == "twilio_unavailable"
    # When the form is not Twilio's (a SID of another kind, no sender)
    status, invalid = api.call(
        "PUT", "/settings/sms", {"account_sid": "SK" + "0" * 32, "auth_token": "a" * 32}, tenant.token
    )
    assert status == 422 and "account_sid" in json.dumps(invalid["error"]["fields"])
    # Then nothing is stored, and the requests Twilio got were as it documents them
    assert _stored(tenant.tenant_id) is None
    assert api.call("GET", "/settings/sms", token=tenant.token)[1]["configured"] is False
    assert twilio.problems == []


def test_the_auth_token_is_sealed_for_the_tenant_and_never_returned(
    api: Api, tenant: Account, twilio: TwilioFake
) -> None:
    # When the Admin connects the account
    saved = connect(api, tenant)
    # Then the page shows it by the SID's last 4 and a mask, never the token or the whole SID
    assert saved == {
        "configured": True,
        "account_sid_last4": LOCAL_TWILIO_ACCOUNT_SID[-4:],
        "account_name": "Summit Roofing (local Twilio)",
        "auth_token": "••••",
        "auth_token_set": True,
        "from_number": LOCAL_TWILIO_NUMBER,
        "messaging_service_sid": None,
        "updated_at": saved["updated_at"],
        "updated_by": saved["updated_by"],
    }
    assert saved["updated_by"]
    _, shown = api.call("GET", "/settings/sms", token=tenant.token)
    assert shown == saved
    assert LOCAL_TWILIO_AUTH_TOKEN not in json.dumps(shown) and LOCAL_TWILIO_ACCOUNT_SID not in json.dumps(
        shown
    )
    # And the stored token is KMS ciphertext bound to this tenant: it opens for it, and for no other
    item = _stored(tenant.tenant_id)
    assert item is not None and LOCAL_TWILIO_AUTH_TOKEN not in item.auth_token_sealed
    box = KmsSecretBox()
    assert box.open(item.auth_token_sealed, tenant.tenant_id, TOKEN_PURPOSE) == LOCAL_TWILIO_AUTH_TOKEN
    other = sign_up(api, "Elsewhere Inc")
    with pytest.raises(ClientError):
        box.open(item.auth_token_sealed, other.tenant_id, TOKEN_PURPOSE)
    # And the other tenant has no SMS of its own
    assert api.call("GET", "/settings/sms", token=other.token)[1]["configured"] is False
    assert api.call("GET", "/settings/sms/status", token=other.token)[1] == {
        "configured": False,
        "sender": None,
    }
    # And Twilio's log keeps the Basic auth masked
    assert all(r.headers.get("authorization") == "****" for r in twilio.platform_requests())


def test_the_sender_changes_without_typing_the_token_again(
    api: Api, tenant: Account, twilio: TwilioFake
) -> None:
    connect(api, tenant)
    sealed = _stored(tenant.tenant_id).auth_token_sealed  # type: ignore[union-attr]
    service = "MG" + "5e4d1c0d" * 4
    # When only the sender changes, to the account's Messaging Service
    status, saved = api.call("PUT", "/settings/sms", {"messaging_service_sid": service}, tenant.token)
    # Then the stored token (and SID) are kept, and Twilio was asked with them
    assert status == 200, saved
    assert (saved["messaging_service_sid"], saved["from_number"]) == (service, None)
    assert _stored(tenant.tenant_id).auth_token_sealed == sealed  # type: ignore[union-attr]
    # But another account's SID needs its own token
    status, refused = api.call(
        "PUT",
        "/settings/sms",
        {"account_sid": "AC" + "1" * 32, "from_number": LOCAL_TWILIO_NUMBER},
        tenant.token,
    )
    assert status == 422 and refused["error"]["fields"] == {
        "auth_token": "Enter the Auth Token of this account"
    }


def test_a_test_text_goes_through_the_saved_account(api: Api, tenant: Account, twilio: TwilioFake) -> None:
    # Before anything is connected, a test says so
    status, refused = api.call("POST", "/settings/sms/test", {"to": "+14155550123"}, tenant.token)
    assert status == 409 and refused["error"]["code"] == "sms_not_configured"
    connect(api, tenant)
    # When the Admin sends a test text to a number written as people write it
    status, result = api.call("POST", "/settings/sms/test", {"to": "(415) 555-0123"}, tenant.token)
    # Then Twilio got it, from the saved number
    assert status == 200, result
    (message,) = twilio.sent_to("+14155550123")
    assert result == {"sent": True, "to": "+14155550123", "sid": message["sid"], "segments": 1}
    assert (message["from"], message["body"]) == (LOCAL_TWILIO_NUMBER, TEST_TEXT)
    # When Twilio refuses the recipient, the answer says why and that trying again will not help
    twilio.unsubscribed.add("+14155550199")
    status, failed = api.call("POST", "/settings/sms/test", {"to": "+14155550199"}, tenant.token)
    assert status == 502 and failed["error"]["code"] == "sms_send_failed"
    assert "replied STOP" in failed["error"]["message"]
    assert failed["error"]["details"] == {"permanent": True, "twilio_code": 21610}
    # And a number without its area code is refused before Twilio is asked
    status, invalid = api.call("POST", "/settings/sms/test", {"to": "555-0100"}, tenant.token)
    assert status == 422 and "to" in invalid["error"]["fields"]
    assert twilio.problems == []


def test_only_admins_manage_sms_and_every_sender_learns_whether_texts_can_go(
    api: Api, tenant: Account, twilio: TwilioFake
) -> None:
    manager, sales, staff = (invite(api, tenant, role) for role in ("Manager", "Sales", "Staff"))
    for member in (manager, sales, staff):
        assert api.call("GET", "/settings/sms", token=member.token)[0] == 403
        assert api.call("PUT", "/settings/sms", CONNECT, member.token)[0] == 403
    assert api.call("GET", "/settings/sms/status", token=sales.token)[1] == {
        "configured": False,
        "sender": None,
    }
    connect(api, tenant)
    status, known = api.call("GET", "/settings/sms/status", token=sales.token)
    assert status == 200 and known == {"configured": True, "sender": LOCAL_TWILIO_NUMBER}
    assert api.call("GET", "/settings/sms/status", token=staff.token)[0] == 403  # Staff send nothing
    # When the Admin disconnects, the token is deleted and no one can text
    status, removed = api.call("DELETE", "/settings/sms", token=tenant.token)
    assert status == 200 and removed["configured"] is False
    assert _stored(tenant.tenant_id) is None
    assert api.call("GET", "/settings/sms/status", token=sales.token)[1]["configured"] is False


def test_the_demo_seed_connects_a_tenant_to_the_local_twilio_fake_only(
    api: Api, tenant: Account, twilio: TwilioFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = Principal(
        user_id="seed-admin", tenant_id=tenant.tenant_id, role=Role.ADMIN, email="a@x.test", name="Ada"
    )
    # Against Twilio itself the seed stores nothing
    monkeypatch.setenv("TWILIO_API_BASE", "https://api.twilio.com")
    get_settings.cache_clear()
    try:
        assert seed_sms(admin) is False
    finally:
        monkeypatch.setenv("TWILIO_API_BASE", twilio.url)
        get_settings.cache_clear()
    assert _stored(tenant.tenant_id) is None
    # Against the local fake it connects the local account, as an Admin would (Twilio's checks included)
    assert seed_sms(admin) is True
    status, shown = api.call("GET", "/settings/sms", token=tenant.token)
    assert status == 200 and shown["configured"] and shown["from_number"] == LOCAL_TWILIO_NUMBER
    assert [r.path for r in twilio.platform_requests()] == [
        f"/2010-04-01/Accounts/{LOCAL_TWILIO_ACCOUNT_SID}.json",
        f"/2010-04-01/Accounts/{LOCAL_TWILIO_ACCOUNT_SID}/IncomingPhoneNumbers.json",
    ]
