"""The Cognito adapter: the only module that talks to the user pool."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import boto3

from convertly.platform.config import get_settings
from convertly.platform.errors import AuthenticationError, BadRequestError, ConflictError, ValidationError
from convertly.platform.names import TENANT_CLAIM


@dataclass(frozen=True)
class Tokens:
    id_token: str
    access_token: str
    refresh_token: str | None
    expires_in: int


class CognitoGateway:
    """Creates users with a tenant and role, and signs them in. Accepts a client for tests."""

    def __init__(self, client: Any = None):
        settings = get_settings()
        self._client = client or boto3.client("cognito-idp", region_name=settings.aws_region)
        self._pool = settings.user_pool_id
        self._app_client = settings.user_pool_client_id
        self._errors = self._client.exceptions

    def create_user(self, *, email: str, password: str, name: str, tenant_id: str, role: str) -> str:
        """Create a confirmed user in the tenant with the role; returns the user's id (sub)."""
        try:
            response = self._client.admin_create_user(
                UserPoolId=self._pool,
                Username=email,
                MessageAction="SUPPRESS",
                UserAttributes=[
                    {"Name": "email", "Value": email},
                    {"Name": "email_verified", "Value": "true"},
                    {"Name": "name", "Value": name},
                    {"Name": TENANT_CLAIM, "Value": tenant_id},
                ],
            )
        except self._errors.UsernameExistsException as error:
            raise ConflictError("An account with this email already exists", code="email_taken") from error
        user_id = next(a["Value"] for a in response["User"]["Attributes"] if a["Name"] == "sub")
        try:
            self._client.admin_set_user_password(
                UserPoolId=self._pool, Username=email, Password=password, Permanent=True
            )
            self._client.admin_add_user_to_group(UserPoolId=self._pool, Username=email, GroupName=role)
        except self._errors.InvalidPasswordException as error:
            self.delete_user(email)
            raise ValidationError("The password is too weak", fields={"password": str(error)}) from error
        return str(user_id)

    def tenant_ids(self) -> list[str]:
        """Every tenant that has a user, from the user pool's list of users (a page of 60 per call):
        the platform's own jobs (a one-off backfill) learn the tenants without reading the table."""
        found: dict[str, None] = {}
        for page in self._client.get_paginator("list_users").paginate(
            UserPoolId=self._pool, AttributesToGet=[TENANT_CLAIM]
        ):
            for user in page["Users"]:
                for attribute in user.get("Attributes", []):
                    if attribute["Name"] == TENANT_CLAIM and attribute["Value"]:
                        found[attribute["Value"]] = None
        return list(found)

    def delete_user(self, email: str) -> None:
        self._client.admin_delete_user(UserPoolId=self._pool, Username=email)

    def login(self, email: str, password: str) -> Tokens:
        try:
            response = self._client.initiate_auth(
                ClientId=self._app_client,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": email, "PASSWORD": password},
            )
        except (self._errors.NotAuthorizedException, self._errors.UserNotFoundException) as error:
            raise AuthenticationError("Wrong email or password", code="invalid_credentials") from error
        return _tokens(response["AuthenticationResult"])

    def refresh(self, refresh_token: str) -> Tokens:
        try:
            response = self._client.initiate_auth(
                ClientId=self._app_client,
                AuthFlow="REFRESH_TOKEN_AUTH",
                AuthParameters={"REFRESH_TOKEN": refresh_token},
            )
        except self._errors.NotAuthorizedException as error:
            raise AuthenticationError(
                "The session has ended: log in again", code="invalid_refresh"
            ) from error
        return _tokens(response["AuthenticationResult"], refresh_token)

    def forgot_password(self, email: str) -> None:
        try:
            self._client.forgot_password(ClientId=self._app_client, Username=email)
        except self._errors.UserNotFoundException:
            return  # answer the same whether or not the account exists

    def confirm_password(self, email: str, code: str, password: str) -> None:
        try:
            self._client.confirm_forgot_password(
                ClientId=self._app_client, Username=email, ConfirmationCode=code, Password=password
            )
        except (self._errors.CodeMismatchException, self._errors.ExpiredCodeException) as error:
            raise BadRequestError("The code is wrong or expired", code="invalid_code") from error
        except self._errors.InvalidPasswordException as error:
            raise ValidationError("The password is too weak", fields={"password": str(error)}) from error


def _tokens(result: dict[str, Any], refresh_token: str | None = None) -> Tokens:
    return Tokens(
        id_token=result["IdToken"],
        access_token=result["AccessToken"],
        refresh_token=result.get("RefreshToken", refresh_token),
        expires_in=int(result.get("ExpiresIn", 3600)),
    )
