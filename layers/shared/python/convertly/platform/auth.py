"""Verifies Cognito ID tokens against the user pool's JWKS and builds the request's Principal.

API Gateway's Cognito authorizer checks the token too; this check is the defence in depth, and the
only one when the local gateway (which verifies nothing) serves the request.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import jwt

from convertly.permissions import Role
from convertly.platform.config import Settings, get_settings
from convertly.platform.errors import AuthenticationError
from convertly.platform.names import TENANT_CLAIM
from convertly.platform.principal import Impersonator, Principal
from convertly.platform.snapstart import after_restore, deferred

if TYPE_CHECKING:
    from convertly.platform import access
else:
    # The table's access items (and PynamoDB) load at the first signed-in request, which reads them
    access = deferred("convertly.platform.access")

_ROLE_BY_GROUP = {role.value: role for role in Role}


def _jwks_headers(settings: Settings) -> dict[str, str]:
    if not settings.aws_endpoint_url:
        return {}
    # moto routes a request to its Cognito service by the SigV4 credential scope in this header.
    day = datetime.now(UTC).strftime("%Y%m%d")
    scope = f"local/{day}/{settings.aws_region}/cognito-idp/aws4_request"
    return {"Authorization": f"AWS4-HMAC-SHA256 Credential={scope}, SignedHeaders=host, Signature=0"}


class TokenVerifier:
    """Checks signature, issuer, audience, expiry and token use; caches the pool's keys."""

    def __init__(self, settings: Settings | None = None, jwk_client: jwt.PyJWKClient | None = None):
        self._given_settings = settings
        self._jwk_client = jwk_client
        after_restore(self.forget_keys)

    def forget_keys(self) -> None:
        """Drop the cached keys (after a SnapStart restore their cache's clock means nothing): the next
        signed-in request fetches them again."""
        self._jwk_client = None

    @property
    def _settings(self) -> Settings:
        return self._given_settings or get_settings()

    @property
    def jwk_client(self) -> jwt.PyJWKClient:
        if self._jwk_client is None:
            self._jwk_client = jwt.PyJWKClient(
                self._settings.resolved_jwks_url, cache_keys=True, headers=_jwks_headers(self._settings)
            )
        return self._jwk_client

    def claims(self, token: str) -> dict[str, Any]:
        try:
            key = self.jwk_client.get_signing_key_from_jwt(token)
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=["RS256"],
                audience=self._settings.user_pool_client_id,
                issuer=self._settings.cognito_issuer,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise AuthenticationError(
                "The session has expired: log in again", code="token_expired"
            ) from error
        except (jwt.PyJWTError, ValueError) as error:
            raise AuthenticationError("The token is not valid", code="invalid_token") from error
        if claims.get("token_use") != "id":
            raise AuthenticationError("Send the ID token", code="invalid_token")
        return claims

    def principal(self, authorization_header: str | None) -> Principal:
        """The caller, from an `Authorization: Bearer <id token>` header, or AuthenticationError."""
        if not authorization_header:
            raise AuthenticationError("Log in to use this", code="missing_token")
        scheme, _, token = authorization_header.partition(" ")
        token = token.strip() if scheme.lower() == "bearer" else authorization_header.strip()
        if token.startswith(access.TOKEN_PREFIX):
            return _viewing_as(token)
        claims = self.claims(token)
        tenant_id = claims.get(TENANT_CLAIM)
        roles = [_ROLE_BY_GROUP[g] for g in claims.get("cognito:groups", []) if g in _ROLE_BY_GROUP]
        if not tenant_id or not roles:
            raise AuthenticationError("The token carries no tenant or role", code="invalid_token")
        return Principal(
            user_id=str(claims["sub"]),
            tenant_id=str(tenant_id),
            role=roles[0],
            email=str(claims.get("email", "")),
            name=str(claims.get("name", "")),
            issued_at=int(claims.get("iat", 0)),
            session_id=str(claims.get("origin_jti", "")),
        )


def _viewing_as(token: str) -> Principal:
    """The principal of a view-as token, as the token says: the access check then verifies every part
    of it against its session item before the request goes anywhere."""
    parsed = access.parse_impersonation_token(token)
    if parsed is None or parsed[0]["r"] not in _ROLE_BY_GROUP:
        raise AuthenticationError("The token is not valid", code="invalid_token")
    claims, secret = parsed
    return Principal(
        user_id=claims["u"],
        tenant_id=claims["t"],
        role=_ROLE_BY_GROUP[claims["r"]],
        email="",
        name="",
        impersonator=Impersonator(
            user_id=claims["au"],
            tenant_id=claims["at"],
            role=claims["ar"],
            name="",
            session_id=claims["s"],
            secret=secret,
        ),
    )
