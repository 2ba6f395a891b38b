"""Platform-level keys: the tenant prefix every partition key starts with, the outbox, and the due
index (GSI6), the one documented platform-level index."""

from __future__ import annotations


def tenant(tenant_id: str) -> str:
    return f"T#{tenant_id}"


def outbox(tenant_id: str) -> str:
    return f"T#{tenant_id}#OUTBOX"


# The due index (GSI6) is platform level: its partitions are hours of time, not tenants, so one
# reminder run finds what fell due in every tenant with one Query per hour and shard. It holds
# only items with a pending reminder or mail; everything else the run reads is tenant-scoped.
DUE_SHARDS = 4  # changing it strands entries written under the old count: drain the index first


def due_bucket(hour: str, shard: int) -> str:
    """`hour` is `YYYY-MM-DDTHH` (UTC)."""
    return f"DUE#{hour}#{shard}"


def due_sort(remind_at: str, item_id: str) -> str:
    return f"{remind_at}#{item_id}"


# The wake index shares GSI6 under partitions of its own: waiting workflow enrolments, by the hour
# they wake in, read by the automation tick (the reminder run never reads them, nor it these).
def wake_bucket(hour: str, shard: int) -> str:
    """`hour` is `YYYY-MM-DDTHH` (UTC)."""
    return f"WAKE#{hour}#{shard}"


# A workflow's inbound webhook: its public hook id's route to its tenant and workflow (the request
# carries no token, so this platform-level item is how it finds them; one GetItem, no Scan).
HOOK_ROUTE_SK = "ROUTE"


def hook_route(hook_id: str) -> str:
    return f"PLATFORM#HOOK#{hook_id}"
