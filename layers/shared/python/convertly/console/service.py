"""What other capabilities may ask of the console: the tenant's directory entry, written in the
sign-up transaction, and the time of its latest sign-in.

The one door into the console from elsewhere (import-linter checks it).
"""

from __future__ import annotations

from datetime import timedelta

from pynamodb.exceptions import UpdateError

from convertly.console import keys
from convertly.console.items import TenantDirectoryItem
from convertly.platform.clock import iso, now
from convertly.platform.store.transaction import Transaction

ACTIVITY_STEP = timedelta(hours=1)  # a sign-in moves `last_activity_at` at most once an hour


def add_to_directory(tx: Transaction, tenant_id: str, name: str, created_at: str) -> None:
    entry = TenantDirectoryItem(
        keys.DIRECTORY,
        keys.directory_sk(tenant_id),
        tenant_id=tenant_id,
        name=name,
        name_folded=name.casefold(),
        created_at=created_at,
        last_activity_at=created_at,
    )
    tx.put("directory", entry, condition=TenantDirectoryItem.PK.does_not_exist())


def record_activity(tenant_id: str) -> None:
    """A sign-in: the directory's last activity, if the one recorded is over an hour old (so the one
    platform partition takes at most one write per tenant per hour)."""
    at = now()
    entry = TenantDirectoryItem(keys.DIRECTORY, keys.directory_sk(tenant_id))
    stale = iso(at - ACTIVITY_STEP)
    try:
        entry.update(
            [TenantDirectoryItem.last_activity_at.set(iso(at))],
            condition=TenantDirectoryItem.PK.exists()
            & (
                TenantDirectoryItem.last_activity_at.does_not_exist()
                | (TenantDirectoryItem.last_activity_at < stale)
            ),
        )
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise


__all__ = ["add_to_directory", "record_activity"]
