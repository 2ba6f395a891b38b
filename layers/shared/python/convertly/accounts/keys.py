"""Keys of the accounts capability's items; every partition key starts with the tenant."""

from __future__ import annotations

TENANT_SK = "TENANT"


def user_sk(user_id: str) -> str:
    return f"USER#{user_id}"


ADMINS_SK = "TEAM#ADMINS"


def reassignment_sk(job_id: str) -> str:
    return f"REASSIGN#{job_id}"
