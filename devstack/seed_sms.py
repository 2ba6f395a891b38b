"""Demo SMS: the demo tenant's Settings > SMS connected to the local Twilio account, as an Admin would
connect it (Twilio's fake checks the credentials and the number), so a text sent from a contact's page
lands at the fake's `/__log`. Only against a local fake: never against Twilio itself."""

from __future__ import annotations

import logging

from convertly.messaging import sms_settings
from convertly.messaging.sms_domain import SmsSettingsUpdate
from convertly.platform.config import get_settings
from convertly.platform.principal import Principal
from devstack.ad_fakes import LOCAL_TWILIO_ACCOUNT_SID, LOCAL_TWILIO_AUTH_TOKEN, LOCAL_TWILIO_NUMBER

log = logging.getLogger("devstack.seed")
TWILIO = "https://api.twilio.com"


def seed_sms(admin: Principal) -> bool:
    """Connect the tenant to the local Twilio account; False (and nothing stored) when Twilio is not
    the local fake."""
    if get_settings().twilio_api_base.rstrip("/") == TWILIO:
        log.info("SMS is left unconnected: TWILIO_API_BASE is Twilio itself, not the local fake")
        return False
    request = SmsSettingsUpdate(
        account_sid=LOCAL_TWILIO_ACCOUNT_SID,
        auth_token=LOCAL_TWILIO_AUTH_TOKEN,
        from_number=LOCAL_TWILIO_NUMBER,
    )
    try:
        sms_settings.put_sms_settings(admin, request)
    except Exception:  # the demo is whole without it: an Admin connects in Settings > SMS
        log.exception("the demo tenant's SMS could not be connected to the local Twilio fake")
        return False
    return True
