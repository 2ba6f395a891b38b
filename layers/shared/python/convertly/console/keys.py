"""Keys of the console's items. The tenant directory is platform level and says so by its prefix:
one partition, `PLATFORM#TENANTS`, one item per tenant (docs/data-model.md)."""

from __future__ import annotations

DIRECTORY = "PLATFORM#TENANTS"


def directory_sk(tenant: str) -> str:
    """The sort key of a tenant's entry in the directory partition. Tenant ids are time-ordered, so
    the directory reads in order of sign-up."""
    return f"TENANT#{tenant}"
