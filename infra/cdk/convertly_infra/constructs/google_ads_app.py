"""Convertly's Google Ads app: the developer token and the OAuth web client behind "Connect Google
Ads", platform secrets in a Secrets Manager secret whose value the stack never holds.

The stack creates it with a placeholder; an operator sets the values once per account (the OAuth
client's authorized redirect URI is `<web app URL>/settings/ad-platforms/callback/google_ads`):

    aws secretsmanager put-secret-value --secret-id convertly/google-ads-app --secret-string \\
      '{"developer_token": "...", "client_id": "....apps.googleusercontent.com", "client_secret": "..."}'

The functions whose spec has `google_ads_app` get GOOGLE_ADS_APP_SECRET_ARN and read access to this secret
alone; they keep its value for a few minutes (convertly.conversions.platform_apps).
"""

from __future__ import annotations

import json

from aws_cdk import RemovalPolicy
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from ..constants import GOOGLE_ADS_APP_SECRET_NAME
from ..nag import acknowledge, resource_of


class GoogleAdsApp(Construct):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self.secret = secretsmanager.Secret(
            self,
            "Secret",
            secret_name=GOOGLE_ADS_APP_SECRET_NAME,
            description="Convertly's Google Ads app: developer_token, OAuth client_id and client_secret",
            generate_secret_string=secretsmanager.SecretStringGenerator(
                secret_string_template=json.dumps(
                    {"developer_token": "", "client_id": "", "client_secret": ""}
                ),
                generate_string_key="placeholder",
            ),
            removal_policy=RemovalPolicy.RETAIN,
        )
        acknowledge(
            resource_of(self.secret),
            {
                "AwsSolutions-SMG4": "The developer token comes from the Google Ads API Center and the OAuth "
                "client secret from Google Cloud's console; both are reset there, then written here. A "
                "rotation Lambda cannot create them.",
            },
        )
