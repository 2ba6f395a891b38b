"""Stripe's keys for the billing functions: a Secrets Manager secret whose value the stack never holds.

The stack creates the secret with a placeholder; an operator sets the real value once per account:

    aws secretsmanager put-secret-value --secret-id convertly/stripe --secret-string \\
      '{"secret_key": "sk_live_...", "webhook_secret": "whsec_...", "publishable_key": "pk_live_..."}'

Functions whose spec says `stripe=True` get STRIPE_SECRET_ARN and read access to this secret alone;
they read it once per container (convertly.billing.stripe_gateway.stripe_keys).
"""

from __future__ import annotations

import json

from aws_cdk import RemovalPolicy
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from ..constants import STRIPE_SECRET_NAME
from ..nag import acknowledge, resource_of


class StripeKeys(Construct):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self.secret = secretsmanager.Secret(
            self,
            "Secret",
            secret_name=STRIPE_SECRET_NAME,
            description="Stripe keys for Convertly billing: secret_key, webhook_secret, publishable_key",
            # A generated placeholder: no key is ever part of the template.
            generate_secret_string=secretsmanager.SecretStringGenerator(
                secret_string_template=json.dumps(
                    {"secret_key": "", "webhook_secret": "", "publishable_key": ""}
                ),
                generate_string_key="placeholder",
            ),
            removal_policy=RemovalPolicy.RETAIN,
        )
        acknowledge(
            resource_of(self.secret),
            {
                "AwsSolutions-SMG4": "Stripe's API keys and webhook signing secret are rolled in Stripe's "
                "dashboard, then written here; a rotation Lambda cannot create Stripe keys.",
            },
        )
