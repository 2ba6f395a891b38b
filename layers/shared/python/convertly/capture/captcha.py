"""Captcha verification: the port, and the adapter for Turnstile's and reCAPTCHA's siteverify APIs.

Both take the same form-encoded POST (`secret`, `response`, `remoteip`) and answer JSON with
`success`; only the URL differs, and each is configurable so tests run this client against a fake.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Mapping
from urllib.parse import urlencode

from convertly.platform.config import get_settings
from convertly.platform.errors import ServiceUnavailableError
from convertly.platform.observability import logger


class CaptchaVerifier(ABC):
    @abstractmethod
    def verify(self, provider: str, secret: str, token: str, remote_ip: str | None) -> bool:
        """Whether the provider vouches for `token`; raises ServiceUnavailableError if it cannot say."""


class SiteVerifyClient(CaptchaVerifier):
    """POSTs the token to the provider's siteverify endpoint."""

    def __init__(self, urls: Mapping[str, str] | None = None, timeout_seconds: float | None = None):
        settings = get_settings()
        self._urls = dict(
            urls or {"turnstile": settings.turnstile_verify_url, "recaptcha": settings.recaptcha_verify_url}
        )
        self._timeout = timeout_seconds or settings.captcha_timeout_seconds

    def verify(self, provider: str, secret: str, token: str, remote_ip: str | None) -> bool:
        fields = {"secret": secret, "response": token}
        if remote_ip:
            fields["remoteip"] = remote_ip
        request = urllib.request.Request(  # noqa: S310 - the provider URL comes from our settings
            self._urls[provider],
            data=urlencode(fields).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:  # noqa: S310
                answer = json.loads(response.read() or b"{}")
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            logger.warning("Captcha verification failed to complete", extra={"provider": provider})
            raise ServiceUnavailableError(
                "The captcha could not be checked right now; try again", code="captcha_unavailable"
            ) from error
        if not answer.get("success"):
            logger.info("Captcha refused", extra={"provider": provider, "codes": answer.get("error-codes")})
        return answer.get("success") is True
