"""The Meta fake's Facebook Login (built by hand) and the Graph API edges that list ad accounts and
datasets, checked against their documented requests.

- `GET /{version}/dialog/oauth`: `client_id` (the registered app), `redirect_uri`, `state`,
  `response_type=code` and `config_id` (Login for Business) or `scope`. It answers a small consent page
  whose "Allow" redirects to `redirect_uri?code&state` and "Cancel" to
  `redirect_uri?error=access_denied&error_reason=user_denied&state`. A code lives ten minutes, is used
  once and is bound to the app and the redirect URI.
- `GET /{version}/oauth/access_token`: client_id, client_secret, redirect_uri and code answer a user
  access token; `grant_type=fb_exchange_token` with client_id, client_secret and `fb_exchange_token`
  answers a long-lived one (`expires_in` about 60 days).
- `GET /{version}/me/adaccounts` and `GET /{version}/act_<id>/adspixels` (`fields`, `access_token`).
- `DELETE /{version}/me/permissions`: the app's access ends; the token answers 190 from then on.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from devstack.fakes.base import FakeAnswer, FakeRequest, consent_page, html_page, redirect

CODE_SECONDS = 600
LONG_LIVED_SECONDS = 5183944
_EDGE = re.compile(
    r"^/(v\d+\.\d+)/(dialog/oauth(?:/approve)?|oauth/access_token|me/adaccounts|me/permissions|act_\d+/adspixels)$"
)


@dataclass
class _Consent:
    redirect_uri: str
    state: str
    issued_at: float = 0.0


@dataclass
class FakeAdAccount:
    account_id: str  # act_<digits>
    name: str
    datasets: list[dict[str, str]] = field(default_factory=list)  # id, name


def graph_error(
    message: str, code: int, kind: str, trace: str, *, subcode: int | None = None, transient: bool = False
) -> dict[str, Any]:
    """Meta's error body: {"error": {message, type, code, error_subcode, fbtrace_id}}."""
    error: dict[str, Any] = {"message": message, "type": kind, "code": code, "fbtrace_id": trace}
    if subcode is not None:
        error["error_subcode"] = subcode
    if transient:
        error["is_transient"] = True
    return {"error": error}


_META_FRAGMENT = "#_=_"  # Meta appends it to a server-side login's redirect


class MetaLogin:
    """The login flow and the ad account edges of one Meta app; `revoked` is the Graph fake's set of
    tokens that no longer work."""

    def __init__(self, app_id: str, app_secret: str, revoked: set[str], trace: Callable[[], str]) -> None:
        self.app_id = app_id
        self.app_secret = app_secret
        self.revoked = revoked
        self.issued: dict[str, bool] = {}  # user access tokens issued here -> long-lived
        self.ad_accounts: list[FakeAdAccount] = []
        self._trace = trace
        self._pending: dict[str, _Consent] = {}
        self._codes: dict[str, _Consent] = {}
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Two ad accounts: one with two datasets, one sharing the first's main dataset."""
        self.ad_accounts = [
            FakeAdAccount(
                "act_101000200",
                "Summit Roofing Ads",
                [
                    {"id": "555000111222333", "name": "Summit Roofing website"},
                    {"id": "555000111222444", "name": "Old pixel"},
                ],
            ),
            FakeAdAccount(
                "act_101000300",
                "Summit Roofing Agency",
                [{"id": "555000111222333", "name": "Summit Roofing website"}],
            ),
        ]

    def handles(self, path: str) -> bool:
        return _EDGE.match(path) is not None

    def answer(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        match = _EDGE.match(request.path)
        assert match is not None
        edge = match.group(2)
        routes: dict[tuple[str, str], Callable[[FakeRequest], tuple[FakeAnswer, list[str]]]] = {
            ("GET", "dialog/oauth"): self._dialog,
            ("POST", "dialog/oauth/approve"): self._approve,
            ("GET", "oauth/access_token"): self._access_token,
            ("GET", "me/adaccounts"): self._accounts,
            ("DELETE", "me/permissions"): self._permissions,
        }
        handler = routes.get((request.method, edge))
        if handler is None and request.method == "GET" and edge.endswith("/adspixels"):
            return self._datasets(request, edge.split("/")[0])
        if handler is None:
            return self._error(400, "Unsupported request method", 100, "GraphMethodException"), [
                f"{request.method} {request.path}: not an edge of this fake"
            ]
        return handler(request)

    # The login dialog ---------------------------------------------------------------------------

    def _dialog(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        query = request.query
        problems = []
        if query.get("client_id") != self.app_id:
            problems.append("client_id is not this app's id")
        problems += [f"{name} is required" for name in ("redirect_uri", "state") if not query.get(name)]
        if query.get("response_type", "code") != "code":
            problems.append("response_type must be code for a server-side login")
        if not query.get("config_id") and not query.get("scope"):
            problems.append("config_id (Login for Business) or scope is required")
        if problems:
            return html_page(400, "Sorry, something went wrong", "; ".join(problems)), problems
        pending = secrets.token_urlsafe(16)
        with self._lock:
            self._pending[pending] = _Consent(query["redirect_uri"], query["state"])
        return consent_page(
            "Log in with Facebook (local fake)",
            "Convertly is requesting access to your ad accounts",
            "Convertly will be able to manage your ads and read your ad accounts, datasets and "
            "Lead Ads leads.",
            query["redirect_uri"],
            f"{request.path}/approve",
            pending,
        ), []

    def _approve(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        form = request.form()
        with self._lock:
            consent = self._pending.pop(form.get("request", ""), None)
        if consent is None:
            return html_page(400, "This link has expired", "Start the login again."), []
        if form.get("decision") != "allow":
            params = {"error": "access_denied", "error_reason": "user_denied", "state": consent.state}
            return redirect(consent.redirect_uri, params, _META_FRAGMENT), []
        code = f"AQ{secrets.token_urlsafe(32)}"
        consent.issued_at = time.time()
        with self._lock:
            self._codes[code] = consent
        return redirect(consent.redirect_uri, {"code": code, "state": consent.state}, _META_FRAGMENT), []

    # Tokens -------------------------------------------------------------------------------------

    def _access_token(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        query = request.query
        if query.get("client_id") != self.app_id or query.get("client_secret") != self.app_secret:
            return self._error(400, "Error validating client secret.", 1, "OAuthException"), []
        if query.get("grant_type") == "fb_exchange_token":
            token = query.get("fb_exchange_token", "")
            if token not in self.issued or token in self.revoked:
                return self._error(
                    400, "Error validating access token: invalid token.", 190, "OAuthException"
                ), []
            return FakeAnswer(200, self._new_token(long=True)), []
        missing = [name for name in ("redirect_uri", "code") if not query.get(name)]
        if missing:
            problem = f"{', '.join(missing)} missing"
            return self._error(400, f"Missing {problem}", 100, "OAuthException"), [problem]
        with self._lock:
            consent = self._codes.pop(query["code"], None)  # used once, whatever comes of it
        if consent is None or consent.issued_at + CODE_SECONDS < time.time():
            message = "This authorization code has been used."
            return self._error(400, message, 100, "OAuthException", subcode=36009), []
        if consent.redirect_uri != query["redirect_uri"]:
            message = (
                "Error validating verification code. Please make sure your redirect_uri is identical to the "
                "one you used in the OAuth dialog request"
            )
            return self._error(400, message, 100, "OAuthException", subcode=36008), []
        return FakeAnswer(200, self._new_token(long=False)), []

    def _new_token(self, *, long: bool) -> dict[str, Any]:
        token = f"EAAfake{secrets.token_urlsafe(24)}"
        with self._lock:
            self.issued[token] = long
        return {
            "access_token": token,
            "token_type": "bearer",
            "expires_in": LONG_LIVED_SECONDS if long else 5400,
        }

    def _token(self, request: FakeRequest) -> FakeAnswer | None:
        """None when the request's access token works; the Graph API's refusal otherwise."""
        token = request.query.get("access_token")
        if not token:
            return self._error(
                400, "An active access token must be used to query information.", 104, "OAuthException"
            )
        if token in self.revoked:
            message = "Error validating access token: The user has not authorized application."
            return self._error(400, message, 190, "OAuthException", subcode=458)
        return None

    # Ad accounts and datasets -------------------------------------------------------------------

    def _accounts(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        refused = self._token(request)
        if refused is not None:
            return refused, []
        fields = _fields(request, ("id", "account_id"))
        data = [
            _only(
                {"id": a.account_id, "account_id": a.account_id.removeprefix("act_"), "name": a.name}, fields
            )
            for a in self.ad_accounts
        ]
        return FakeAnswer(
            200, {"data": data, "paging": {"cursors": {"before": "MAZDZD", "after": "MAZDZD"}}}
        ), []

    def _datasets(self, request: FakeRequest, account_id: str) -> tuple[FakeAnswer, list[str]]:
        refused = self._token(request)
        if refused is not None:
            return refused, []
        account = next((a for a in self.ad_accounts if a.account_id == account_id), None)
        if account is None:
            message = f"Unsupported get request. Object with ID '{account_id}' does not exist"
            return self._error(400, message, 100, "GraphMethodException", subcode=33), []
        fields = _fields(request, ("id",))
        return FakeAnswer(200, {"data": [_only(d, fields) for d in account.datasets]}), []

    def _permissions(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        refused = self._token(request)
        if refused is not None:
            return refused, []
        self.revoked.add(request.query["access_token"])
        return FakeAnswer(200, {"success": True}), []

    def _error(
        self, status: int, message: str, code: int, kind: str, *, subcode: int | None = None
    ) -> FakeAnswer:
        return FakeAnswer(status, graph_error(message, code, kind, self._trace(), subcode=subcode))


def _fields(request: FakeRequest, default: tuple[str, ...]) -> tuple[str, ...]:
    asked = tuple(f for f in request.query.get("fields", "").split(",") if f)
    return asked or default


def _only(node: dict[str, str], fields: tuple[str, ...]) -> dict[str, str]:
    return {k: v for k, v in node.items() if k in fields or k == "id"}
