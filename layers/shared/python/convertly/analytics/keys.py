"""Keys of the analytics capability's items; every partition key starts with the tenant.

Cells by day live in one partition per family and month, `T#<t>#AN#<family>#<yyyy-mm>`, sorted by
`<yyyy-mm-dd>#<key hash>`; a report reads the months of its range. The forecast and the work due
are states, not days: one partition each. A lead's (or task's) contribution has a partition of its
own.
"""

from __future__ import annotations

import hashlib

# Families of cells (docs/analytics.md).
LEADS = "LEADS"  # by the day a lead was created: count, open pipeline, stages reached
WINS = "WINS"  # by the day a lead was won: credited revenue under each model, days to win
STAGES = "STAGES"  # by the day a lead left a stage: time spent in it
AGENTS = "AGENTS"  # by day and user: leads owned, acted on, won; response times
CONVERSIONS = "CONV"  # by win day: won revenue by ad platform and what became of its conversion
DAILY = (LEADS, WINS, STAGES, AGENTS, CONVERSIONS)
FORECAST = "FCST"  # open leads by expected close month and stage
DUE = "DUE"  # open follow-ups and tasks by due day and assignee
STATES = (FORECAST, DUE)

CONTRIBUTION_SK = "ANALYTICS"


def contribution(tenant_id: str, kind: str, record_id: str) -> str:
    """A lead's (or task's) contribution, apart from the record: the lead page's reads stay small."""
    return f"T#{tenant_id}#AN#REC#{kind}#{record_id}"


def month_partition(tenant_id: str, family: str, month: str) -> str:
    return f"T#{tenant_id}#AN#{family}#{month}"


def state_partition(tenant_id: str, family: str) -> str:
    return f"T#{tenant_id}#AN#{family}"


def cell_sk(day: str, parts: tuple[str, ...]) -> str:
    """`<day>#<hash>`: a cell's labels can be long (a campaign name), its key stays short."""
    digest = hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()[:20]
    return f"{day}#{digest}"


def tenant_prefix(tenant_id: str) -> str:
    return f"T#{tenant_id}#AN#"


def dashboard_layout_sk(user_id: str) -> str:
    return f"DASHBOARD#{user_id}"


def rebuild_sk() -> str:
    return "ANALYTICS#REBUILD"
