"""Auth capability: sign-up, login, refresh, password reset, and the signed-in profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.accounts.cognito import CognitoGateway, NewPasswordChallenge, Tokens
from convertly.accounts.domain import (
    ConfirmPassword,
    ForgotPassword,
    Login,
    Logout,
    Message,
    NewPassword,
    PasswordChallenge,
    PasswordChange,
    Profile,
    ProfileUpdate,
    Refresh,
    SignedUp,
    SignUp,
    TokensOut,
    User,
)
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import MetricUnit, instrumented, metrics
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.accounts import impersonation, sessions
    from convertly.accounts import use_cases as accounts
    from convertly.affiliates import service as affiliates
else:
    impersonation = deferred("convertly.accounts.impersonation")
    sessions = deferred("convertly.accounts.sessions")
    accounts = deferred("convertly.accounts.use_cases")
    affiliates = deferred("convertly.affiliates.service")

app = create_resolver(route_table("auth"))


def _tokens(tokens: Tokens) -> TokensOut:
    return TokensOut(**tokens.__dict__)


@app.post("/auth/signup", status_code=201)
def sign_up(body: SignUp) -> SignedUp:
    tenant, tokens = accounts.sign_up(body)
    affiliates.attribute_sign_up(tenant.tenant_id, body.company_name, body.email, body.referral)
    metrics.add_metric(name="TenantsSignedUp", unit=MetricUnit.Count, value=1)
    return SignedUp(tenant=tenant, tokens=_tokens(tokens))


@app.post("/auth/login")
def login(body: Login) -> TokensOut | PasswordChallenge:
    result = sessions.login(body.email, body.password)
    if isinstance(result, NewPasswordChallenge):
        return PasswordChallenge(challenge="NEW_PASSWORD_REQUIRED", session=result.session)
    return _tokens(result)


@app.post("/auth/password/new")
def new_password(body: NewPassword) -> TokensOut:
    return _tokens(sessions.complete_new_password(body))


@app.post("/auth/logout")
def logout(body: Logout) -> Message:
    sessions.logout(principal_of(app), body.refresh_token)
    return Message(message="Logged out")


@app.post("/auth/refresh")
def refresh(body: Refresh) -> TokensOut:
    return _tokens(CognitoGateway().refresh(body.refresh_token))


@app.post("/auth/password/forgot", status_code=202)
def forgot_password(body: ForgotPassword) -> Message:
    CognitoGateway().forgot_password(body.email)
    return Message(message="If the account exists, a reset code is on its way")


@app.post("/auth/password/confirm")
def confirm_password(body: ConfirmPassword) -> Message:
    CognitoGateway().confirm_password(body.email, body.code, body.password)
    return Message(message="Password changed: log in with the new one")


@app.get("/me")
def me() -> Profile:
    return accounts.profile(principal_of(app))


@app.post("/impersonation/end")
def end_view() -> Message:
    impersonation.end(principal_of(app))
    return Message(message="You are back in your own account")


@app.patch("/me")
def update_me(body: ProfileUpdate) -> User:
    return sessions.update_profile(principal_of(app), body)


@app.post("/me/password")
def change_password(body: PasswordChange) -> Message:
    sessions.change_password(principal_of(app), body)
    return Message(message="Password changed")


@app.post("/me/sign-out-everywhere")
def sign_out_everywhere() -> Message:
    sessions.sign_out_everywhere(principal_of(app))
    return Message(message="Signed out of every session: log in again")


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
