"""The Cognito adapter: the only module that talks to the user pool."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from convertly.platform.aws_clients import aws_client
from convertly.platform.config import get_settings
from convertly.platform.errors import AuthenticationError, BadRequestError, ConflictError, ValidationError
from convertly.platform.names import TENANT_CLAIM


@dataclass(frozen=True)
class NewPasswordChallenge:
    """Login with a temporary password: the person must choose their own before any token."""

    session: str


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
        self._client = client or aws_client("cognito-idp")
        self._pool = settings.user_pool_id
        self._app_client = settings.user_pool_client_id
        self._errors = self._client.exceptions

    def create_user(self, *, email: str, password: str, name: str, tenant_id: str, role: str) -> str:
        """Create a confirmed user in the tenant with the role; returns the user's id (sub)."""
        try:
            user_id = self._admin_create(email, name, tenant_id)
        except self._errors.UsernameExistsException as error:
            raise ConflictError("An account with this email already exists", code="email_taken") from error
        try:
            self._client.admin_set_user_password(
                UserPoolId=self._pool, Username=email, Password=password, Permanent=True
            )
            self._client.admin_add_user_to_group(UserPoolId=self._pool, Username=email, GroupName=role)
        except self._errors.InvalidPasswordException as error:
            self.delete_user(email)
            raise ValidationError("The password is too weak", fields={"password": str(error)}) from error
        return str(user_id)

    def invite_user(
        self, *, email: str, temporary_password: str, name: str, tenant_id: str, role: str
    ) -> str:
        """Create an invited user: the temporary password works until they choose their own (once)."""
        try:
            user_id = self._admin_create(email, name, tenant_id, temporary_password)
        except self._errors.UsernameExistsException as error:
            raise ConflictError("An account with this email already exists", code="email_taken") from error
        self._client.admin_add_user_to_group(UserPoolId=self._pool, Username=email, GroupName=role)
        return user_id

    def _admin_create(
        self, email: str, name: str, tenant_id: str, temporary_password: str | None = None
    ) -> str:
        """AdminCreateUser in the tenant, with no Cognito mail (Convertly sends its own); the user's id."""
        extra = {"TemporaryPassword": temporary_password} if temporary_password else {}
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
            **extra,
        )
        return next(str(a["Value"]) for a in response["User"]["Attributes"] if a["Name"] == "sub")

    def reset_temporary_password(self, email: str, temporary_password: str) -> None:
        """A fresh temporary password for a pending invitation (the old one stops working)."""
        self._client.admin_set_user_password(
            UserPoolId=self._pool, Username=email, Password=temporary_password, Permanent=False
        )

    def change_group(self, email: str, old: str, new: str) -> None:
        """Move the user to the role's group; tokens issued from now on carry the new role."""
        self._client.admin_add_user_to_group(UserPoolId=self._pool, Username=email, GroupName=new)
        if old != new:
            self._client.admin_remove_user_from_group(UserPoolId=self._pool, Username=email, GroupName=old)

    def disable(self, email: str) -> None:
        """No new sign-in, and every refresh token of the user revoked (AdminUserGlobalSignOut)."""
        self._client.admin_disable_user(UserPoolId=self._pool, Username=email)
        self.sign_out_everywhere(email)

    def enable(self, email: str) -> None:
        self._client.admin_enable_user(UserPoolId=self._pool, Username=email)

    def sign_out_everywhere(self, email: str) -> None:
        self._client.admin_user_global_sign_out(UserPoolId=self._pool, Username=email)

    def revoke(self, refresh_token: str) -> None:
        """Revoke one session's refresh token (RevokeToken): it can no longer be exchanged."""
        try:
            self._client.revoke_token(Token=refresh_token, ClientId=self._app_client)
        except (self._errors.UnauthorizedException, self._errors.UnsupportedTokenTypeException) as error:
            raise BadRequestError(
                "This is not a refresh token of this app", code="invalid_refresh"
            ) from error

    def change_password(self, email: str, current: str, new: str) -> None:
        """Check the current password by signing in with it, then change it with that session."""
        try:
            result = self._client.initiate_auth(
                ClientId=self._app_client,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": email, "PASSWORD": current},
            )
        except (self._errors.NotAuthorizedException, self._errors.UserNotFoundException) as error:
            raise ValidationError(
                "The current password is wrong", fields={"current_password": "is not your password"}
            ) from error
        try:
            self._client.change_password(
                PreviousPassword=current,
                ProposedPassword=new,
                AccessToken=result["AuthenticationResult"]["AccessToken"],
            )
        except self._errors.InvalidPasswordException as error:
            raise ValidationError("The password is too weak", fields={"new_password": str(error)}) from error

    def complete_new_password(self, email: str, session: str, new_password: str) -> Tokens:
        """Answer NEW_PASSWORD_REQUIRED: the person's own password replaces the temporary one."""
        try:
            response = self._client.respond_to_auth_challenge(
                ClientId=self._app_client,
                ChallengeName="NEW_PASSWORD_REQUIRED",
                Session=session,
                ChallengeResponses={"USERNAME": email, "NEW_PASSWORD": new_password},
            )
        except self._errors.InvalidPasswordException as error:
            raise ValidationError("The password is too weak", fields={"password": str(error)}) from error
        except (
            self._errors.NotAuthorizedException,
            self._errors.ResourceNotFoundException,
            self._errors.CodeMismatchException,
            self._errors.ExpiredCodeException,
        ) as error:
            raise AuthenticationError(
                "This sign-in has expired: sign in with the temporary password again", code="invalid_session"
            ) from error
        return _tokens(response["AuthenticationResult"])

    def identity(self, email: str) -> tuple[str, str] | None:
        """(tenant id, user id) of the sign-in for `email`, or None when there is none."""
        try:
            user = self._client.admin_get_user(UserPoolId=self._pool, Username=email)
        except self._errors.UserNotFoundException:
            return None
        attributes = {a["Name"]: a["Value"] for a in user.get("UserAttributes", [])}
        if not attributes.get(TENANT_CLAIM) or not attributes.get("sub"):
            return None
        return str(attributes[TENANT_CLAIM]), str(attributes["sub"])

    def set_name(self, email: str, name: str) -> None:
        """The name new tokens carry (what invitations and events say the person is called)."""
        self._client.admin_update_user_attributes(
            UserPoolId=self._pool, Username=email, UserAttributes=[{"Name": "name", "Value": name}]
        )

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

    def login(self, email: str, password: str) -> Tokens | NewPasswordChallenge:
        try:
            response = self._client.initiate_auth(
                ClientId=self._app_client,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": email, "PASSWORD": password},
            )
        except self._errors.NotAuthorizedException as error:
            if "disabled" in str(error).lower():
                raise AuthenticationError(
                    "Your account has been deactivated: ask your Admin", code="account_deactivated"
                ) from error
            raise AuthenticationError("Wrong email or password", code="invalid_credentials") from error
        except self._errors.UserNotFoundException as error:
            raise AuthenticationError("Wrong email or password", code="invalid_credentials") from error
        if response.get("ChallengeName") == "NEW_PASSWORD_REQUIRED":
            return NewPasswordChallenge(session=str(response["Session"]))
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
