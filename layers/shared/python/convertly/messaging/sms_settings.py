"""Settings > SMS: a tenant's Twilio account (Account SID, a KMS-sealed Auth Token, the sending number
or a Messaging Service), checked with Twilio before it is stored, and a test text through it.

Saving fetches the Account resource with the credentials (a refusal is a 422 naming the Auth Token)
and, for a sending number, looks it up among the account's IncomingPhoneNumbers (a number of another
account is a 422 naming it); a Twilio that cannot be asked is a 503 and nothing is stored. The Auth
Token is sealed with the tenant and `twilio.auth_token` in the KMS encryption context, never returned
(GET shows that one is stored, and the SID's last 4) and never logged. Disconnecting deletes it: no
text can be sent until an Admin connects again.
"""

from __future__ import annotations

from convertly.messaging import keys
from convertly.messaging.items import SmsSettingsItem
from convertly.messaging.sms import TOKEN_PURPOSE, e164, stored_settings
from convertly.messaging.sms_domain import (
    TOKEN_MASK,
    SmsSettings,
    SmsSettingsUpdate,
    SmsStatus,
    SmsTest,
    SmsTestResult,
)
from convertly.messaging.twilio import TwilioAccount, TwilioClient
from convertly.platform.clock import iso
from convertly.platform.errors import ConflictError, ConvertlyError, ServiceUnavailableError, ValidationError
from convertly.platform.principal import Principal
from convertly.platform.secret_box import KmsSecretBox, SecretBox
from convertly.platform.store import keys as platform_keys

TEST_TEXT = "Convertly test message: texts from your account work."


class SmsSendError(ConvertlyError):
    """Twilio did not take the test text; `permanent` says whether trying again could help."""

    status_code = 502
    code = "sms_send_failed"

    def __init__(self, message: str, *, permanent: bool, twilio_code: int | None):
        super().__init__(message, details={"permanent": permanent, "twilio_code": twilio_code})


def to_settings(item: SmsSettingsItem | None) -> SmsSettings:
    if item is None:
        return SmsSettings(configured=False)
    return SmsSettings(
        configured=True,
        account_sid_last4=item.account_sid[-4:],
        account_name=item.account_name,
        auth_token=TOKEN_MASK,
        auth_token_set=True,
        from_number=item.from_number,
        messaging_service_sid=item.messaging_service_sid,
        updated_at=item.updated_at,
        updated_by=item.updated_by,
    )


def get_sms_settings(principal: Principal) -> SmsSettings:
    return to_settings(stored_settings(principal.tenant_id, consistent=True))


def sms_status(principal: Principal) -> SmsStatus:
    item = stored_settings(principal.tenant_id)
    if item is None:
        return SmsStatus(configured=False, sender=None)
    return SmsStatus(configured=True, sender=item.from_number or item.messaging_service_sid)


def _credentials(
    principal: Principal, request: SmsSettingsUpdate, existing: SmsSettingsItem | None, secrets: SecretBox
) -> tuple[str, str, str | None]:
    """(account SID, Auth Token, the stored sealed token when it is kept)."""
    account_sid = request.account_sid or (existing.account_sid if existing else None)
    if account_sid is None:
        raise ValidationError("Some fields are not valid", fields={"account_sid": "Enter the Account SID"})
    if request.auth_token:
        return account_sid, request.auth_token, None
    if existing is None or existing.account_sid != account_sid:
        raise ValidationError(
            "Some fields are not valid", fields={"auth_token": "Enter the Auth Token of this account"}
        )
    token = secrets.open(existing.auth_token_sealed, principal.tenant_id, TOKEN_PURPOSE)
    return account_sid, token, existing.auth_token_sealed


def _verify(account: TwilioAccount, client: TwilioClient) -> str | None:
    """The account's name, once Twilio has vouched for the credentials and the number."""
    checked = client.check_account(account)
    if checked.transient:
        raise ServiceUnavailableError(
            "Twilio could not be reached to check the account; nothing was saved, try again",
            code="twilio_unavailable",
        )
    if not checked.ok:
        raise ValidationError(
            f"{checked.message}: check the Account SID and Auth Token in the Twilio Console",
            code="twilio_refused",
            fields={"auth_token": checked.message},
        )
    if account.from_number:
        owned = client.owns_number(account, account.from_number)
        if owned.transient:
            raise ServiceUnavailableError(
                "Twilio could not be reached to check the number; nothing was saved, try again",
                code="twilio_unavailable",
            )
        if not owned.ok:
            raise ValidationError(
                owned.message, code="twilio_number_refused", fields={"from_number": owned.message}
            )
    return checked.friendly_name


def put_sms_settings(
    principal: Principal,
    request: SmsSettingsUpdate,
    secrets: SecretBox | None = None,
    client: TwilioClient | None = None,
) -> SmsSettings:
    """Connect (or change) the tenant's Twilio account, once Twilio has accepted it."""
    box = secrets or KmsSecretBox()
    existing = stored_settings(principal.tenant_id, consistent=True)
    account_sid, token, kept = _credentials(principal, request, existing, box)
    account = TwilioAccount(account_sid, token, request.from_number, request.messaging_service_sid)
    name = _verify(account, client or TwilioClient())
    item = SmsSettingsItem(
        platform_keys.tenant(principal.tenant_id),
        keys.SMS_SETTINGS_SK,
        account_sid=account_sid,
        auth_token_sealed=kept or box.seal(token, principal.tenant_id, TOKEN_PURPOSE),
        from_number=request.from_number,
        messaging_service_sid=request.messaging_service_sid,
        account_name=name,
        updated_at=iso(),
        updated_by=principal.user_id,
    )
    item.save()
    return to_settings(item)


def delete_sms_settings(principal: Principal) -> SmsSettings:
    """Disconnect: the credentials are deleted; texts already queued are recorded as not sent."""
    SmsSettingsItem(platform_keys.tenant(principal.tenant_id), keys.SMS_SETTINGS_SK).delete()
    return to_settings(None)


def opened_account(item: SmsSettingsItem, tenant_id: str, secrets: SecretBox) -> TwilioAccount:
    token = secrets.open(item.auth_token_sealed, tenant_id, TOKEN_PURPOSE)
    return TwilioAccount(item.account_sid, token, item.from_number, item.messaging_service_sid)


def _tenant_country(tenant_id: str) -> str:
    from convertly.accounts import service as accounts

    tenant = accounts.get_tenant(tenant_id)
    return tenant.country if tenant is not None and tenant.country else "US"


def send_test_sms(
    principal: Principal,
    request: SmsTest,
    secrets: SecretBox | None = None,
    client: TwilioClient | None = None,
) -> SmsTestResult:
    """A test text now, through the saved account; 502 `sms_send_failed` saying why Twilio refused."""
    item = stored_settings(principal.tenant_id, consistent=True)
    if item is None:
        raise ConflictError(
            "Connect a Twilio account first: save the settings above", code="sms_not_configured"
        )
    to = e164(request.to, _tenant_country(principal.tenant_id))
    if to is None:
        raise ValidationError(
            "Some fields are not valid", fields={"to": "Enter a phone number, like +14155550123"}
        )
    account = opened_account(item, principal.tenant_id, secrets or KmsSecretBox())
    outcome = (client or TwilioClient()).send(account, to, TEST_TEXT)
    if outcome.kind != "sent":
        raise SmsSendError(
            f"The test text was not sent: {outcome.reason}",
            permanent=outcome.kind == "refused",
            twilio_code=outcome.code,
        )
    return SmsTestResult(sent=True, to=to, sid=outcome.sid, segments=outcome.segments)
