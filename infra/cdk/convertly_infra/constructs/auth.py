"""The Cognito user pool: email sign-in, the tenant as an immutable custom attribute, a group per role."""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_cognito as cognito
from constructs import Construct

from convertly.platform.specs import UserPoolSpec
from convertly.resources import USER_POOL

from ..constants import construct_id as to_id
from ..nag import acknowledge, resource_of


class Auth(Construct):
    """User pool, app client and groups; sign-up goes through POST /auth/signup, never Cognito directly."""

    def __init__(self, scope: Construct, construct_id: str, *, spec: UserPoolSpec = USER_POOL) -> None:
        super().__init__(scope, construct_id)
        self.user_pool = cognito.UserPool(
            self,
            "UserPool",
            user_pool_name=spec.name,
            self_sign_up_enabled=False,
            sign_in_aliases=cognito.SignInAliases(email=True, username=False),
            sign_in_case_sensitive=False,
            auto_verify=cognito.AutoVerifiedAttrs(email=True),
            standard_attributes=cognito.StandardAttributes(
                email=cognito.StandardAttribute(required=True, mutable=True)
            ),
            # Immutable: a user never moves between tenants, so the token's tenant can be trusted.
            custom_attributes={spec.tenant_attribute: cognito.StringAttribute(mutable=False)},
            password_policy=cognito.PasswordPolicy(
                min_length=spec.password_min_length,
                require_lowercase=True,
                require_uppercase=True,
                require_digits=True,
                require_symbols=True,
                temp_password_validity=Duration.days(7),
            ),
            mfa=cognito.Mfa.OPTIONAL,
            mfa_second_factor=cognito.MfaSecondFactor(sms=False, otp=True),
            account_recovery=cognito.AccountRecovery.EMAIL_ONLY,
            deletion_protection=True,
            removal_policy=RemovalPolicy.RETAIN,
        )
        self.client = self.user_pool.add_client(
            "WebClient",
            user_pool_client_name=spec.client_name,
            generate_secret=False,
            # REFRESH_TOKEN_AUTH is always enabled alongside these.
            auth_flows=cognito.AuthFlow(user_password=True, user_srp=True),
            prevent_user_existence_errors=True,
            # Log out revokes the session's refresh token (RevokeToken).
            enable_token_revocation=True,
            # No hosted UI: the SPA signs in through the API, so no OAuth flows or callback URLs.
            disable_o_auth=True,
            id_token_validity=Duration.hours(1),
            access_token_validity=Duration.hours(1),
            refresh_token_validity=Duration.days(30),
            # These claims land in the ID token: the tenant and the name shown on notes and the profile.
            read_attributes=cognito.ClientAttributes()
            .with_standard_attributes(email=True, email_verified=True, fullname=True)
            .with_custom_attributes(
                *[a.removeprefix("custom:") for a in spec.read_attributes if a.startswith("custom:")]
            ),
        )
        self.groups = [
            cognito.UserPoolGroup(
                self, f"Group{to_id(group.replace(' ', '_'))}", user_pool=self.user_pool, group_name=group
            )
            for group in spec.groups
        ]
        self._acknowledge()

    def _acknowledge(self) -> None:
        findings = {
            "AwsSolutions-COG2": "MFA is optional (TOTP) so a CRM trial can start without a second factor; "
            "tenants can require it per user.",
            "AwsSolutions-COG8": "Threat protection needs the Plus feature plan, a per-deployment cost "
            "decision; the pool runs on Essentials until then.",
        }
        acknowledge(resource_of(self.user_pool), findings)
