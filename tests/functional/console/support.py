"""Helpers of the console tests: Convertly's own staff, signed in."""

from __future__ import annotations

import json

from convertly.accounts.use_cases import PLATFORM_TENANT, add_member
from convertly.permissions import Role
from convertly.platform.events.outbox import OutboxEventItem
from convertly.platform.store import keys as platform_keys
from tests.functional.conftest import PASSWORD, Account, Api, unique_email


def staff(api: Api, role: Role, name: str = "Dev Person") -> Account:
    email = unique_email(role.value.lower())
    user = add_member(PLATFORM_TENANT, email, name, role, PASSWORD)
    status, tokens = api.call("POST", "/auth/login", {"email": email, "password": PASSWORD})
    assert status == 200, tokens
    return Account(PLATFORM_TENANT, tokens["id_token"], email, {**tokens, "user_id": user.user_id})


def outbox_types(tenant_id: str) -> list[str]:
    """The detail types in a tenant's outbox, oldest first."""
    items = OutboxEventItem.query(platform_keys.outbox(tenant_id), consistent_read=True)
    return [item.detail_type for item in items]


def outbox_events(tenant_id: str, detail_type: str) -> list[dict[str, object]]:
    items = OutboxEventItem.query(platform_keys.outbox(tenant_id), consistent_read=True)
    return [json.loads(item.detail) for item in items if item.detail_type == detail_type]
