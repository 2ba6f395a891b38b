"""Builds the CDK app: the Convertly stack with the AWS Solutions (cdk-nag) checks on it."""

from __future__ import annotations

import os
from pathlib import Path

from aws_cdk import App, Environment, Validations
from cdk_nag import AwsSolutionsChecks

from .constants import CDK_OUT, STACK_DESCRIPTION, STACK_NAME
from .stack import ConvertlyStack


def build_app(outdir: Path | None = None) -> tuple[App, ConvertlyStack]:
    """The app and its stack; the CDK CLI's CDK_OUTDIR wins over ./cdk.out so `cdk deploy` finds it."""
    app = App(outdir=str(outdir or os.environ.get("CDK_OUTDIR") or CDK_OUT))
    stack = ConvertlyStack(
        app,
        STACK_NAME,
        description=STACK_DESCRIPTION,
        # Unset outside the CDK CLI: the template stays environment-agnostic.
        env=Environment(
            account=os.environ.get("CDK_DEFAULT_ACCOUNT"), region=os.environ.get("CDK_DEFAULT_REGION")
        ),
    )
    # Acknowledged findings are also written into the template (Metadata.cdk_nag) as an audit trail.
    Validations.of(app).add_plugins(AwsSolutionsChecks(app, write_suppressions_to_cloud_formation=True))
    return app, stack
