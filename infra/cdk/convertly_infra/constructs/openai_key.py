"""The platform's OpenAI API key for the AI capability: a Secrets Manager secret whose value the stack never
holds.

The stack creates it with a placeholder; an operator sets the key once per account (docs/ai.md):

    aws secretsmanager put-secret-value --secret-id convertly/openai --secret-string '{"api_key": "sk-..."}'

Functions whose spec says `openai_key=True` get OPENAI_SECRET_ARN and read access to this secret alone; they
read it once per container (convertly.ai.openai_gateway). Until it is set, summaries and questions answer
`ai_not_configured` and the score still works. The template below stays as it is: changing a generated
secret's template would overwrite the value set by hand.
"""

from __future__ import annotations

import json

from aws_cdk import RemovalPolicy
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from ..constants import AI_CONTEXT_ENVIRONMENT, OPENAI_SECRET_NAME
from ..nag import acknowledge, resource_of


class OpenAiKey(Construct):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self.secret = secretsmanager.Secret(
            self,
            "Secret",
            secret_name=OPENAI_SECRET_NAME,
            description="Convertly's OpenAI API key: api_key, for lead summaries and questions",
            # A generated placeholder: no key is ever part of the template.
            generate_secret_string=secretsmanager.SecretStringGenerator(
                secret_string_template=json.dumps({"api_key": ""}),
                generate_string_key="placeholder",
            ),
            removal_policy=RemovalPolicy.RETAIN,
        )
        acknowledge(
            resource_of(self.secret),
            {
                "AwsSolutions-SMG4": "An OpenAI API key is created and revoked in OpenAI's dashboard, then "
                "written here; a rotation Lambda cannot create one.",
            },
        )


def ai_environment(scope: Construct) -> dict[str, str]:
    """The AI settings the deployment pins with CDK context (`-c aiSummaryModel=gpt-4o`), as the environment
    of the functions that ask the model; a setting left out is not set, so the code's default holds."""
    pinned = {name: scope.node.try_get_context(context) for context, name in AI_CONTEXT_ENVIRONMENT.items()}
    return {name: str(value) for name, value in pinned.items() if value}
