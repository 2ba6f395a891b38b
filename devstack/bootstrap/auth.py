"""The Cognito user pool, its app client and a group per role, as the CDK Auth construct makes them."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from convertly.platform.specs import UserPoolSpec

log = logging.getLogger("devstack.bootstrap")

_AUTH_FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


@dataclass(frozen=True)
class UserPoolRef:
    pool_id: str
    client_id: str


def ensure_user_pool(cognito: Any, spec: UserPoolSpec) -> UserPoolRef:
    pool_id = _find_pool(cognito, spec.name) or _create_pool(cognito, spec)
    client_id = _find_client(cognito, pool_id, spec.client_name) or _create_client(cognito, pool_id, spec)
    existing = {group["GroupName"] for group in cognito.list_groups(UserPoolId=pool_id, Limit=60)["Groups"]}
    for group in spec.groups:
        if group not in existing:
            cognito.create_group(UserPoolId=pool_id, GroupName=group)
    return UserPoolRef(pool_id=pool_id, client_id=client_id)


def _find_pool(cognito: Any, name: str) -> str | None:
    for page in cognito.get_paginator("list_user_pools").paginate(MaxResults=60):
        for pool in page["UserPools"]:
            if pool["Name"] == name:
                return str(pool["Id"])
    return None


def _create_pool(cognito: Any, spec: UserPoolSpec) -> str:
    log.info("creating user pool %s", spec.name)
    pool = cognito.create_user_pool(
        PoolName=spec.name,
        UsernameAttributes=["email"],
        UsernameConfiguration={"CaseSensitive": False},
        AutoVerifiedAttributes=["email"],
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
        Schema=[
            {"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True},
            # Immutable: a user never moves between tenants, so the token's tenant can be trusted.
            {"Name": spec.tenant_attribute, "AttributeDataType": "String", "Mutable": False},
        ],
        Policies={
            "PasswordPolicy": {
                "MinimumLength": spec.password_min_length,
                "RequireUppercase": True,
                "RequireLowercase": True,
                "RequireNumbers": True,
                "RequireSymbols": True,
                "TemporaryPasswordValidityDays": 7,
            }
        },
        AccountRecoverySetting={"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
    )
    return str(pool["UserPool"]["Id"])


def _find_client(cognito: Any, pool_id: str, name: str) -> str | None:
    clients = cognito.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]
    return next((str(client["ClientId"]) for client in clients if client["ClientName"] == name), None)


def _create_client(cognito: Any, pool_id: str, spec: UserPoolSpec) -> str:
    client = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName=spec.client_name,
        GenerateSecret=False,
        ExplicitAuthFlows=_AUTH_FLOWS,
        ReadAttributes=list(spec.read_attributes),
        PreventUserExistenceErrors="ENABLED",
        IdTokenValidity=1,
        AccessTokenValidity=1,
        RefreshTokenValidity=30,
        TokenValidityUnits={"IdToken": "hours", "AccessToken": "hours", "RefreshToken": "days"},
    )
    return str(client["UserPoolClient"]["ClientId"])
