"""Google's OAuth 2.0 for web server apps, with PKCE: the consent URL, the code exchange and the revoke.

The browser goes to `{authorize_url}?client_id&redirect_uri&response_type=code&scope&access_type=offline
&prompt=consent&state&code_challenge&code_challenge_method=S256`; Google sends it back to the redirect
URI with `code` and `state`. The code is exchanged at the token endpoint (form-encoded
`grant_type=authorization_code`, code, client_id, client_secret, redirect_uri, code_verifier) for an
access token and, with offline access, a refresh token. `POST {revoke_url}` with `token=` ends the grant.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from typing import Any

from convertly.conversions.adapters.http import HttpClient, HttpResponse, PooledHttpClient, TransportError
from convertly.platform.config import Settings, get_settings

ADWORDS_SCOPE = "https://www.googleapis.com/auth/adwords"
_FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class GoogleOAuthError(Exception):
    """Google refused (`transient` False: the code, the client or the token is at fault) or did not
    answer (`transient` True)."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.transient = transient


@dataclass(frozen=True)
class GoogleGrant:
    access_token: str
    refresh_token: str | None
    scope: str


class GoogleOAuthClient:
    def __init__(self, http: HttpClient | None = None, settings: Settings | None = None) -> None:
        self._http = http or PooledHttpClient()
        self._settings = settings or get_settings()

    def authorize_url(self, client_id: str, redirect_uri: str, state: str, code_challenge: str) -> str:
        query = urllib.parse.urlencode(
            {
                "client_id": client_id,
                "redirect_uri": redirect_uri,
                "response_type": "code",
                "scope": ADWORDS_SCOPE,
                # offline + consent: a refresh token on every consent, also for a returning user
                "access_type": "offline",
                "prompt": "consent",
                "include_granted_scopes": "true",
                "state": state,
                "code_challenge": code_challenge,
                "code_challenge_method": "S256",
            }
        )
        return f"{self._settings.google_oauth_authorize_url}?{query}"

    def exchange_code(
        self, client_id: str, client_secret: str, code: str, code_verifier: str, redirect_uri: str
    ) -> GoogleGrant:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "client_id": client_id,
            "client_secret": client_secret,
            "redirect_uri": redirect_uri,
            "code_verifier": code_verifier,
        }
        response = self._post(self._settings.google_oauth_token_url, form, "token endpoint")
        answer = response.json()
        if response.status == 200 and answer.get("access_token"):
            return GoogleGrant(
                str(answer["access_token"]),
                str(answer["refresh_token"]) if answer.get("refresh_token") else None,
                str(answer.get("scope") or ""),
            )
        raise _refusal(response.status, answer, "Google refused the authorization")

    def revoke(self, token: str) -> None:
        """End the grant the token belongs to. A token Google no longer knows counts as revoked."""
        response = self._post(self._settings.google_oauth_revoke_url, {"token": token}, "revoke endpoint")
        answer = response.json()
        if response.status == 200 or (response.status == 400 and answer.get("error") == "invalid_token"):
            return
        raise _refusal(response.status, answer, "Google refused to revoke the token")

    def _post(self, url: str, form: dict[str, str], name: str) -> HttpResponse:
        try:
            return self._http.request(
                "POST",
                url,
                headers=_FORM,
                body=urllib.parse.urlencode(form).encode(),
                timeout=self._settings.ads_http_timeout_seconds,
            )
        except TransportError:
            raise GoogleOAuthError(f"Google's OAuth {name} did not answer in time", transient=True) from None


def _refusal(status: int, answer: dict[str, Any], what: str) -> GoogleOAuthError:
    if status == 429 or status >= 500:
        return GoogleOAuthError(f"Google's OAuth endpoint answered {status}", transient=True)
    reason = answer.get("error_description") or answer.get("error") or f"HTTP {status}"
    return GoogleOAuthError(f"{what} ({answer.get('error', 'error')}: {reason})")
