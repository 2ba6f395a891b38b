"""Cognito operations moto 5.2 lacks, added to its Cognito service as the AWS API documents them.

RevokeToken (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RevokeToken.html):
revokes a refresh token and the tokens issued from it. It answers an empty object; a token of another
app client is `UnauthorizedException`; a token that is not a refresh token of the pool is accepted
and changes nothing (AWS does not say whether a token exists). moto keeps each refresh token as
(client id, username, origin_jti) and a revoked one as None, which its REFRESH_TOKEN_AUTH refuses
with NotAuthorizedException, as AWS does. Applied once per process by the local stack and the tests.
"""

from __future__ import annotations

from typing import Any

from moto.cognitoidp.exceptions import InvalidParameterException
from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.exceptions import JsonRESTError

_applied = False


class _UnauthorizedException(JsonRESTError):
    def __init__(self, message: str) -> None:
        super().__init__("UnauthorizedException", message)


def _revoke_token(self: Any) -> str:
    token = self._get_param("Token")
    client_id = self._get_param("ClientId")
    if not token or not client_id:
        raise InvalidParameterException("Token and ClientId are required")
    for pool in self.backend.user_pools.values():
        held = pool.refresh_tokens.get(token)
        if held is None:
            continue
        if held[0] != client_id:
            raise _UnauthorizedException("The token was not issued to this client")
        pool.refresh_tokens[token] = None
        # The access tokens issued from it stop working too (moto keys them by token).
        username, origin = held[1], held[2]
        for access_token in [
            t for t, (c, u) in pool.access_tokens.items() if c == client_id and u == username
        ]:
            if f'"origin_jti": "{origin}"' in _claims_text(access_token):
                del pool.access_tokens[access_token]
    return "{}"


def _claims_text(token: str) -> str:
    import base64
    import json

    try:
        payload = token.split(".")[1]
        payload += "=" * (-len(payload) % 4)
        return json.dumps(json.loads(base64.urlsafe_b64decode(payload)))
    except (IndexError, ValueError):
        return ""


def apply() -> None:
    global _applied
    if _applied:
        return
    CognitoIdpResponse.revoke_token = _revoke_token  # type: ignore[attr-defined]
    _applied = True
