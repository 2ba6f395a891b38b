"""The OAuth `state` of a "Connect Google Ads" / "Connect Meta" in progress: random, kept server-side
with the PKCE code verifier, for one user of one tenant, one platform, ten minutes, and used once.

Where it lives: in the tenant's own partition (`T#<tenant_id>#OAUTH` / `STATE#<state>`). The platform's
redirect brings the browser back to the web app, which sends code and state to the API with the user's
ID token, so the tenant comes from the verified token as for every other request: a state started in
another tenant is simply not found there, and a forged one neither. The item also carries a TTL, so
DynamoDB removes the abandoned ones; correctness rests on the checks below, not on the TTL.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from pynamodb.exceptions import DeleteError

from convertly.conversions import keys
from convertly.conversions.items import OAuthStateItem
from convertly.platform.clock import iso
from convertly.platform.errors import BadRequestError, ForbiddenError

LIFETIME_SECONDS = 600
_KEEP_EXPIRED_SECONDS = 24 * 3600  # an expired state is still found (and named expired) for a day


partition = keys.oauth_states
sort_key = keys.oauth_state_sk


@dataclass(frozen=True)
class Started:
    state: str
    code_verifier: str | None
    code_challenge: str | None
    expires_at: str


@dataclass(frozen=True)
class Taken:
    redirect_uri: str
    code_verifier: str | None


def code_challenge(verifier: str) -> str:
    """PKCE S256: base64url(SHA-256(verifier)) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def start(
    tenant_id: str, user_id: str, platform: str, redirect_uri: str, *, pkce: bool, now: float | None = None
) -> Started:
    """Store a new state (and a PKCE verifier when `pkce`) for this user's consent."""
    moment = time.time() if now is None else now
    state = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64) if pkce else None  # 86 characters: RFC 7636 allows 43 to 128
    until = int(moment) + LIFETIME_SECONDS
    item = OAuthStateItem(
        partition(tenant_id),
        sort_key(state),
        platform=platform,
        user_id=user_id,
        redirect_uri=redirect_uri,
        code_verifier=verifier,
        created_at=iso(),
        valid_until=until,
    )
    item.expires_at = datetime.fromtimestamp(until + _KEEP_EXPIRED_SECONDS, UTC)
    item.save(condition=OAuthStateItem.PK.does_not_exist())
    return Started(state, verifier, code_challenge(verifier) if verifier else None, _iso_at(until))


def take(tenant_id: str, user_id: str, platform: str, state: str, now: float | None = None) -> Taken:
    """Use the state once: it must be this tenant's (its partition), this platform's, this user's and
    unexpired. Refused (4xx) otherwise, with the state left as it was unless it expired."""
    moment = time.time() if now is None else now
    try:
        item = OAuthStateItem.get(partition(tenant_id), sort_key(state), consistent_read=True)
    except OAuthStateItem.DoesNotExist:
        raise _unknown() from None
    if item.platform != platform:
        raise _unknown()
    if item.user_id != user_id:
        raise ForbiddenError(
            "This connection was started by another user of the account: start it again yourself",
            code="oauth_state_other_user",
        )
    if item.valid_until <= moment:
        item.delete()
        raise BadRequestError(
            "The connection took longer than 10 minutes: start it again", code="oauth_state_expired"
        )
    try:
        # The delete is the use: of two requests with the same state, one deletes it, the other fails here.
        item.delete(condition=OAuthStateItem.PK.exists() & (OAuthStateItem.user_id == user_id))
    except DeleteError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        raise _unknown() from error
    return Taken(item.redirect_uri, item.code_verifier)


def _unknown() -> BadRequestError:
    return BadRequestError(
        "This connection link is not valid (already used, or not started here): start it again",
        code="oauth_state_invalid",
    )


def _iso_at(epoch: int) -> str:
    return iso(datetime.fromtimestamp(epoch, UTC))
