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
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

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
        if not _listed(tenant_id):  # a tenant from before the directory: listed from now on
            add_missing(tenant_id)


def _listed(tenant_id: str) -> bool:
    try:
        TenantDirectoryItem.get(keys.DIRECTORY, keys.directory_sk(tenant_id), consistent_read=True)
    except TenantDirectoryItem.DoesNotExist:
        return False
    return True


def add_missing(tenant_id: str) -> bool:
    """List a tenant from before the directory (its name and sign-up time from the tenant item); True
    when it was added, False when it was listed already or is no tenant."""
    from convertly.accounts import service as accounts

    tenant = accounts.get_tenant(tenant_id)
    if tenant is None:
        return False
    tx = Transaction()
    add_to_directory(tx, tenant_id, str(tenant.name), str(tenant.created_at))
    try:
        tx.commit()
    except TransactionCancelledError:
        return False
    return True


__all__ = ["add_missing", "add_to_directory", "record_activity"]
