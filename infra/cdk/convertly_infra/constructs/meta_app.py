"""The Meta app behind the Lead Ads webhook and "Connect Meta": a Secrets Manager secret whose value the
stack never holds.

The stack creates it with a placeholder; an operator sets the app's id and secret, the webhook's verify
token and, for Facebook Login for Business, the login configuration's id once per account (the app's
valid OAuth redirect URI is `<web app URL>/settings/ad-platforms/callback/meta`):

    aws secretsmanager put-secret-value --secret-id convertly/meta-app --secret-string \\
      '{"app_id": "...", "app_secret": "...", "verify_token": "...", "login_config_id": "..."}'

Functions whose spec says `meta_app=True` (the webhook, and ads_settings for the code exchange) get
META_APP_SECRET_ARN and read access to this secret alone; they read it once per container
(convertly.conversions.meta_leads.meta_app_keys, convertly.conversions.platform_apps). The template
below stays as it was: changing a generated secret's template would overwrite the value set by hand.
"""

from __future__ import annotations

import json

from aws_cdk import RemovalPolicy
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from ..constants import META_APP_SECRET_NAME
from ..nag import acknowledge, resource_of


class MetaApp(Construct):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self.secret = secretsmanager.Secret(
            self,
            "Secret",
            secret_name=META_APP_SECRET_NAME,
            description="Convertly's Meta app: app_secret (webhook signatures), verify_token (subscription)",
            generate_secret_string=secretsmanager.SecretStringGenerator(
                secret_string_template=json.dumps({"app_secret": "", "verify_token": ""}),
                generate_string_key="placeholder",
            ),
            removal_policy=RemovalPolicy.RETAIN,
        )
        acknowledge(
            resource_of(self.secret),
            {
                "AwsSolutions-SMG4": "The Meta app secret is reset in Meta's App Dashboard, then written "
                "here; "
                "a rotation Lambda cannot create it.",
            },
        )
