"""Facebook Login for Business, built by hand (browser redirects), and the Graph API reads that follow.

The browser goes to `{dialog}/{version}/dialog/oauth?client_id&redirect_uri&state&response_type=code`
with the login configuration (`config_id`) or, without one, the permissions (`scope`); Meta sends it
back to the redirect URI with `code` and `state`. `GET {graph}/{version}/oauth/access_token` with
client_id, client_secret, redirect_uri and code answers a user access token, which is exchanged
(`grant_type=fb_exchange_token`) for a long-lived one (about 60 days). `/me/adaccounts` and
`/{ad_account_id}/adspixels` list the datasets (pixels) it reaches; `DELETE /me/permissions` ends the
app's access.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

from convertly.conversions.adapters.http import HttpClient, HttpResponse, PooledHttpClient, TransportError
from convertly.platform.config import Settings, get_settings

# Without a Login for Business configuration: send conversions and read the ad accounts, datasets, pages
# and Lead Ads leads.
SCOPES = "ads_management,ads_read,business_management,leads_retrieval,pages_show_list,pages_read_engagement"
_TOKEN_CODES = frozenset({102, 190})
_TRANSIENT_CODES = frozenset({1, 2, 4, 17, 32, 341, 613})
_PAGE_LIMIT = 100


class MetaLoginError(Exception):
    """Meta refused or did not answer. `transient`: try again later; `token`: the access token no
    longer works (the person removed the app, changed their password, or it expired)."""

    def __init__(self, message: str, *, transient: bool = False, token: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.transient = transient
        self.token = token


class MetaLoginClient:
    def __init__(self, http: HttpClient | None = None, settings: Settings | None = None) -> None:
        self._http = http or PooledHttpClient()
        self._settings = settings or get_settings()

    def dialog_url(self, app_id: str, redirect_uri: str, state: str, config_id: str | None) -> str:
        settings = self._settings
        params = {"client_id": app_id, "redirect_uri": redirect_uri, "state": state, "response_type": "code"}
        params.update({"config_id": config_id} if config_id else {"scope": SCOPES})
        base = f"{settings.meta_dialog_base.rstrip('/')}/{settings.meta_graph_api_version}/dialog/oauth"
        return f"{base}?{urllib.parse.urlencode(params)}"

    def exchange_code(self, app_id: str, app_secret: str, code: str, redirect_uri: str) -> str:
        """The long-lived user access token for the code the dialog gave."""
        short = self._get(
            "oauth/access_token",
            {"client_id": app_id, "client_secret": app_secret, "redirect_uri": redirect_uri, "code": code},
        )
        long = self._get(
            "oauth/access_token",
            {
                "grant_type": "fb_exchange_token",
                "client_id": app_id,
                "client_secret": app_secret,
                "fb_exchange_token": str(short.get("access_token") or ""),
            },
        )
        token = long.get("access_token") or short.get("access_token")
        if not token:
            raise MetaLoginError("Meta answered without an access token")
        return str(token)

    def ad_accounts(self, access_token: str) -> list[dict[str, Any]]:
        answer = self._get(
            "me/adaccounts", {"fields": "id,name", "limit": str(_PAGE_LIMIT), "access_token": access_token}
        )
        return [a for a in answer.get("data") or [] if isinstance(a, dict)]

    def datasets(self, access_token: str, ad_account_id: str) -> list[dict[str, Any]]:
        """The datasets (pixels) of one ad account (`act_<id>`)."""
        path = f"{urllib.parse.quote(ad_account_id, safe='')}/adspixels"
        answer = self._get(
            path, {"fields": "id,name", "limit": str(_PAGE_LIMIT), "access_token": access_token}
        )
        return [d for d in answer.get("data") or [] if isinstance(d, dict)]

    def revoke(self, access_token: str) -> None:
        """Remove the app's permissions; a token that no longer works counts as revoked."""
        try:
            self._call("DELETE", "me/permissions", {"access_token": access_token})
        except MetaLoginError as error:
            if not error.token:
                raise

    def _get(self, path: str, params: dict[str, str]) -> dict[str, Any]:
        return self._call("GET", path, params)

    def _call(self, method: str, path: str, params: dict[str, str]) -> dict[str, Any]:
        settings = self._settings
        url = f"{settings.meta_graph_api_base.rstrip('/')}/{settings.meta_graph_api_version}/{path}"
        try:
            response = self._http.request(
                method, f"{url}?{urllib.parse.urlencode(params)}", timeout=settings.ads_http_timeout_seconds
            )
        except TransportError:
            raise MetaLoginError("Meta did not answer in time", transient=True) from None
        answer = response.json()
        if response.status == 200 and isinstance(answer, dict):
            return answer
        raise _graph_error(response)


def _graph_error(response: HttpResponse) -> MetaLoginError:
    error = response.json().get("error")
    error = error if isinstance(error, dict) else {}
    code = error.get("code")
    text = error.get("error_user_msg") or error.get("message") or f"HTTP {response.status}"
    described = f"{error.get('type', 'Error')} {code}: {text}" if code is not None else str(text)
    transient = response.status == 429 or response.status >= 500 or bool(error.get("is_transient"))
    return MetaLoginError(
        described,
        transient=transient or code in _TRANSIENT_CODES,
        token=code in _TOKEN_CODES,
    )
