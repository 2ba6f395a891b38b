"""The key that signs unsubscribe links: a platform secret CloudFormation generates at the first deploy,
so nobody ever sets it or sees it, and the template never holds it.

An email to a contact carries a link whose token is an HMAC of the tenant and the contact with this key
(convertly.messaging.unsubscribe); the link needs no expiry, so the key must outlive every email sent.
The functions whose spec has `unsubscribe_secret` (those that sign a token when they queue such an
email, and the public unsubscribe function that verifies it) get UNSUBSCRIBE_SECRET_ARN and read access
to this secret alone; they keep its value for five minutes per container.
"""

from __future__ import annotations

import json

from aws_cdk import RemovalPolicy
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from ..constants import UNSUBSCRIBE_KEY_LENGTH, UNSUBSCRIBE_SECRET_NAME
from ..nag import acknowledge, resource_of


class UnsubscribeKey(Construct):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self.secret = secretsmanager.Secret(
            self,
            "Secret",
            secret_name=UNSUBSCRIBE_SECRET_NAME,
            description="Convertly's unsubscribe links: signing_key, the HMAC key of their tokens",
            generate_secret_string=secretsmanager.SecretStringGenerator(
                secret_string_template=json.dumps({}),
                generate_string_key="signing_key",
                password_length=UNSUBSCRIBE_KEY_LENGTH,
                exclude_punctuation=True,
            ),
            # A new key voids the link in every email already sent: the secret outlives the stack.
            removal_policy=RemovalPolicy.RETAIN,
        )
        acknowledge(
            resource_of(self.secret),
            {
                "AwsSolutions-SMG4": "Rotating the key would void the unsubscribe link of every email "
                "already sent, and such a link must keep working after the send; a leaked key is replaced "
                "by hand.",
            },
        )
