"""Keys of the AI capability's items; every partition key starts with the tenant.

A lead's AI records live in a partition of their own (`T#<t>#AI#LEAD#<l>`), not in the lead's, so a
lead's page and the lead partition reads elsewhere never load its score history.
"""

from __future__ import annotations


def tenant_ai(tenant_id: str) -> str:
    """The tenant's AI partition: the switch, the served score model, the month's token usage."""
    return f"T#{tenant_id}#AI"


SETTINGS_SK = "SETTINGS"
MODEL_SK = "MODEL"


def usage_sk(month: str) -> str:
    """The tokens the tenant's AI requests used in a month (`YYYY-MM`, UTC)."""
    return f"USAGE#{month}"


def lead_ai(tenant_id: str, lead_id: str) -> str:
    """A lead's AI records: its score now, its score history, its cached summary."""
    return f"T#{tenant_id}#AI#LEAD#{lead_id}"


SCORE_SK = "SCORE"
SUMMARY_SK = "SUMMARY"
HISTORY_PREFIX = "SCORE#"


def history_sk(at: str, event_id: str) -> str:
    return f"{HISTORY_PREFIX}{at}#{event_id}"


def seen(tenant_id: str, event_id: str) -> str:
    """The marker of an event the scorer took into a lead's facts (so a redelivery counts nothing twice)."""
    return f"T#{tenant_id}#AI#EVENT#{event_id}"


SEEN_SK = "SEEN"

# The score indexes: open leads by score (the tenant's, an owner's, a stage's), and closed leads by
# when they closed (what training reads, oldest first).


def scores_index(tenant_id: str) -> str:
    return f"T#{tenant_id}#SCORES"


def owner_scores_index(tenant_id: str, owner_id: str) -> str:
    return f"T#{tenant_id}#SCORES#OWNER#{owner_id}"


def stage_scores_index(tenant_id: str, stage_id: str) -> str:
    return f"T#{tenant_id}#SCORES#STAGE#{stage_id}"


def score_sort(score: int, lead_id: str) -> str:
    return f"{score:03d}#{lead_id}"


def closed_index(tenant_id: str) -> str:
    return f"T#{tenant_id}#AI#CLOSED"


def closed_sort(closed_at: str, lead_id: str) -> str:
    return f"{closed_at}#{lead_id}"


# Pipeline questions: a user's threads, each thread's messages and the request keys it accepted, in
# the thread's own partition; the user's list of threads on GSI1, most recently updated first.


def thread(tenant_id: str, thread_id: str) -> str:
    """A thread's partition: the thread (`THREAD`), its messages (`MSG#<id>`), its request keys."""
    return f"T#{tenant_id}#AI#THREAD#{thread_id}"


THREAD_SK = "THREAD"
MESSAGE_PREFIX = "MSG#"


def message_sk(message_id: str) -> str:
    """Message ids are time-ordered, so the partition reads a thread's messages in order."""
    return f"{MESSAGE_PREFIX}{message_id}"


REQUEST_PREFIX = "REQUEST#"


def request_sk(request_id: str) -> str:
    """The client's key of a question it sent (a double click sends it twice)."""
    return f"{REQUEST_PREFIX}{request_id}"


def user_threads(tenant_id: str, user_id: str) -> str:
    """GSI1: one user's live threads, by when each last changed."""
    return f"T#{tenant_id}#AI#THREADS#USER#{user_id}"


def thread_sort(updated_at: str, thread_id: str) -> str:
    return f"{updated_at}#{thread_id}"
