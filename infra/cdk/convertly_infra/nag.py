"""Acknowledging cdk-nag findings, each with the written reason it does not apply."""

from __future__ import annotations

from collections.abc import Mapping

from aws_cdk import Acknowledgment, Validations
from constructs import IConstruct


def resource_of(construct: IConstruct) -> IConstruct:
    """The CloudFormation resource an L2 construct renders, so an acknowledgment covers nothing else."""
    resource = construct.node.default_child
    if resource is None:
        raise ValueError(f"{construct.node.path} renders no single resource")
    return resource


def acknowledge(scope: IConstruct, findings: Mapping[str, str]) -> None:
    """Acknowledge each finding id (e.g. AwsSolutions-IAM5[Resource::*]) on `scope` and its children."""
    Validations.of(scope).acknowledge(
        *(Acknowledgment(id=rule, reason=reason) for rule, reason in findings.items())
    )
