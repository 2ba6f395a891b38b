"""Google's OAuth 2.0 endpoints for web server apps, checked against their documented requests.

- `GET /o/oauth2/v2/auth` (the consent screen): `client_id` of a registered client, `redirect_uri`,
  `response_type=code`, `scope` holding the Google Ads scope, `state`, and PKCE (`code_challenge`,
  `code_challenge_method=S256`). It answers a small consent page whose "Allow" (a form post to
  `/o/oauth2/v2/auth/approve`) redirects to `redirect_uri?state&code&scope` and "Cancel" to
  `redirect_uri?error=access_denied&state`. The code lives ten minutes, is used once and is bound to
  the client, the redirect URI and the challenge.
- `POST /token`, form-encoded: `grant_type=authorization_code` (code, client_id, client_secret,
  redirect_uri, code_verifier: SHA-256 of the verifier must be the challenge) answers an access token
  and, for `access_type=offline`, a refresh token; `grant_type=refresh_token` answers an access token.
  A refresh token this fake issued works only with its client and secret; one it never issued (typed
  by hand, the seeded demo's) is taken as before. A revoked one answers 400 `invalid_grant`.
- `POST /revoke`, form-encoded `token=`: ends the grant of a refresh or access token (its access tokens
  too); an unknown token answers 400 `invalid_token`.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any

from devstack.fakes.base import FakeAnswer, FakeRequest, FakeServer, consent_page, html_page, redirect

ADWORDS_SCOPE = "https://www.googleapis.com/auth/adwords"
CODE_SECONDS = 600
_AUTHORIZE = "/o/oauth2/v2/auth"


@dataclass
class _Grant:
    """A consent waiting for its "Allow", then the code it became."""

    client_id: str
    redirect_uri: str
    state: str
    scope: str
    code_challenge: str | None
    offline: bool
    issued_at: float = 0.0


class GoogleOAuthFake(FakeServer):
    name = "google-oauth"

    def __init__(self, host: str = "127.0.0.1", port: int = 0, clients: dict[str, str] | None = None) -> None:
        super().__init__(host, port)
        self.clients: dict[str, str] = dict(clients or {})  # registered OAuth clients: id -> secret
        self.issued: set[str] = set()  # access tokens the Google Ads fake accepts
        self.revoked: set[str] = set()  # refresh tokens that answer invalid_grant
        self.refresh_tokens: dict[str, str] = {}  # refresh tokens issued here -> their client id
        self._access_of: dict[str, str] = {}  # access token -> the refresh token it came from
        self._pending: dict[str, _Grant] = {}
        self._codes: dict[str, _Grant] = {}
        self._counter = itertools.count(1)
        self._issue = threading.Lock()

    @property
    def token_url(self) -> str:
        return f"{self.url}/token"

    @property
    def authorize_url(self) -> str:
        return f"{self.url}{_AUTHORIZE}"

    @property
    def revoke_url(self) -> str:
        return f"{self.url}/revoke"

    def answer(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        route = (request.method, request.path)
        if route == ("GET", _AUTHORIZE):
            return self._consent(request)
        if route == ("POST", f"{_AUTHORIZE}/approve"):
            return self._approve(request)
        if route == ("POST", "/token"):
            return self._token(request)
        if route == ("POST", "/revoke"):
            return self._revoke(request)
        return FakeAnswer(404, {"error": "not_found"}), [f"{request.method} {request.path}: no such endpoint"]

    # The consent screen ---------------------------------------------------------------------------

    def _consent(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        query = request.query
        client_id = query.get("client_id", "")
        if client_id not in self.clients:
            return html_page(401, "Error 401: invalid_client", "The OAuth client was not found."), [
                f"client_id {client_id!r} is not a registered client"
            ]
        problems = _consent_problems(query)
        if problems:
            return html_page(400, "Error 400: invalid_request", "; ".join(problems)), problems
        grant = _Grant(
            client_id=client_id,
            redirect_uri=query["redirect_uri"],
            state=query.get("state", ""),
            scope=query["scope"],
            code_challenge=query.get("code_challenge"),
            offline=query.get("access_type") == "offline",
        )
        pending = secrets.token_urlsafe(16)
        with self._issue:
            self._pending[pending] = grant
        return consent_page(
            "Sign in with Google (local fake)",
            "Convertly wants to access your Google Account",
            "This will allow Convertly to see, edit, create and delete your Google Ads accounts and data.",
            grant.redirect_uri,
            f"{_AUTHORIZE}/approve",
            pending,
        ), []

    def _approve(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        form = request.form()
        with self._issue:
            grant = self._pending.pop(form.get("request", ""), None)
        if grant is None:
            return html_page(400, "Error 400: invalid_request", "This consent is no longer pending."), []
        if form.get("decision") != "allow":
            return redirect(grant.redirect_uri, {"error": "access_denied", "state": grant.state}), []
        code = f"4/fake-code-{secrets.token_urlsafe(24)}"
        grant.issued_at = time.time()
        with self._issue:
            self._codes[code] = grant
        return redirect(grant.redirect_uri, {"state": grant.state, "code": code, "scope": grant.scope}), []

    # The token endpoint ---------------------------------------------------------------------------

    def _token(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        problems = []
        if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            problems.append("the token request must be form-encoded")
        form = request.form()
        grant_type = form.get("grant_type")
        needed = {
            "refresh_token": ("client_id", "client_secret", "refresh_token"),
            "authorization_code": ("code", "client_id", "client_secret", "redirect_uri"),
        }.get(str(grant_type))
        if needed is None:
            problems.append("grant_type must be authorization_code or refresh_token")
        problems += [f"{name} is missing" for name in needed or () if not form.get(name)]
        if problems:
            return _oauth_error(400, "invalid_request", "; ".join(problems)), problems
        refused = self._client_refused(form)
        if refused is not None:
            return refused, []
        if grant_type == "authorization_code":
            return self._exchange(form)
        return self._refresh(form)

    def _client_refused(self, form: dict[str, str]) -> FakeAnswer | None:
        """A registered client must bring its own secret (unregistered ones are a tenant's own)."""
        secret = self.clients.get(form["client_id"])
        if secret is not None and secret != form["client_secret"]:
            return _oauth_error(401, "invalid_client", "Unauthorized")
        if secret is None and form.get("grant_type") == "authorization_code":
            return _oauth_error(401, "invalid_client", "The OAuth client was not found.")
        return None

    def _exchange(self, form: dict[str, str]) -> tuple[FakeAnswer, list[str]]:
        with self._issue:
            grant = self._codes.pop(form["code"], None)  # used once, whatever comes of it
        if grant is None or grant.issued_at + CODE_SECONDS < time.time():
            return _oauth_error(400, "invalid_grant", "Malformed auth code."), []
        if grant.client_id != form["client_id"]:
            return _oauth_error(400, "invalid_grant", "The code was issued to another client."), []
        if grant.redirect_uri != form["redirect_uri"]:
            return _oauth_error(400, "redirect_uri_mismatch", "Bad Request"), []
        verifier = form.get("code_verifier")
        if grant.code_challenge and not verifier:
            return _oauth_error(400, "invalid_grant", "Missing code verifier."), []
        if grant.code_challenge and _challenge(str(verifier)) != grant.code_challenge:
            return _oauth_error(400, "invalid_grant", "Invalid code verifier."), []
        refresh = f"1//fake-refresh-{secrets.token_urlsafe(24)}" if grant.offline else None
        access = self._new_access_token(refresh)
        answer: dict[str, Any] = {
            "access_token": access,
            "expires_in": 3599,
            "scope": grant.scope,
            "token_type": "Bearer",
        }
        if refresh:
            with self._issue:
                self.refresh_tokens[refresh] = grant.client_id
            answer["refresh_token"] = refresh
        return FakeAnswer(200, answer), []

    def _refresh(self, form: dict[str, str]) -> tuple[FakeAnswer, list[str]]:
        refresh = form["refresh_token"]
        if refresh in self.revoked:
            return _oauth_error(400, "invalid_grant", "Token has been expired or revoked."), []
        owner = self.refresh_tokens.get(refresh)
        if owner is not None and owner != form["client_id"]:
            return _oauth_error(400, "unauthorized_client", "Unauthorized"), []
        access = self._new_access_token(refresh)
        return FakeAnswer(200, {"access_token": access, "expires_in": 3599, "token_type": "Bearer"}), []

    def _new_access_token(self, refresh: str | None) -> str:
        with self._issue:
            token = f"ya29.fake-{next(self._counter)}"
            self.issued.add(token)
            if refresh:
                self._access_of[token] = refresh
        return token

    # The revoke endpoint --------------------------------------------------------------------------

    def _revoke(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            problem = "the revoke request must be form-encoded"
            return _oauth_error(400, "invalid_request", problem), [problem]
        token = request.form().get("token") or request.query.get("token", "")
        with self._issue:
            refresh = self._access_of.get(token, token)
            known = refresh in self.refresh_tokens or token in self.issued
            if not known or refresh in self.revoked:
                return _oauth_error(400, "invalid_token", "Token expired or revoked"), []
            self.revoked.add(refresh)
            for access, source in list(self._access_of.items()):
                if source == refresh:
                    self.issued.discard(access)
            self.issued.discard(token)
        return FakeAnswer(200, {}), []


def _consent_problems(query: dict[str, str]) -> list[str]:
    problems = [f"{name} is required" for name in ("redirect_uri", "scope", "state") if not query.get(name)]
    if query.get("response_type") != "code":
        problems.append("response_type must be code")
    if ADWORDS_SCOPE not in query.get("scope", "").split():
        problems.append(f"scope must include {ADWORDS_SCOPE}")
    challenge = query.get("code_challenge")
    if challenge is not None and (
        query.get("code_challenge_method") != "S256" or not 43 <= len(challenge) <= 128
    ):
        problems.append("code_challenge must be a base64url SHA-256 with code_challenge_method=S256")
    redirect = urllib.parse.urlsplit(query.get("redirect_uri", ""))
    if redirect.scheme not in ("http", "https") or redirect.fragment:
        problems.append("redirect_uri must be an absolute http(s) URL without a fragment")
    return problems


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def _oauth_error(status: int, error: str, description: str) -> FakeAnswer:
    return FakeAnswer(status, {"error": error, "error_description": description})
