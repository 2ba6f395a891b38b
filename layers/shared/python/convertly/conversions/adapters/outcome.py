"""What a platform made of one conversion, in the ledger's words."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    SENT = "sent"
    REJECTED = "rejected"  # permanent: the platform's reason is recorded, nothing is retried
    EXPIRED = "expired"  # outside the platform's window: recorded, not sent
    NOT_ATTRIBUTABLE = "not_attributable"  # no identifier the platform can match on
    NOT_CONFIGURED = "not_configured"  # the tenant has no credentials for the platform
    NOT_SUPPORTED = "not_supported"  # the platform offers no such thing (a Meta retraction)
    SKIPPED = "skipped"  # nothing to do (a retraction of a win the platform never received)
    NO_VALUE = "no_value"  # a win worth 0: not sent until the lead's value is set
    ALREADY_REPORTED = "already_reported"  # Meta counted an earlier win of the lead and cannot retract it
    RETRYING = "retrying"  # transient failure: the message comes back after a backoff
    DEAD_LETTERED = "dead_lettered"  # transient failures exhausted the retries: the message is in the DLQ


# Outcomes a plain redelivery leaves alone; a replay retries every one of them but `sent`.
SETTLED = frozenset(
    {
        Status.SENT,
        Status.REJECTED,
        Status.EXPIRED,
        Status.NOT_ATTRIBUTABLE,
        Status.NOT_CONFIGURED,
        Status.NOT_SUPPORTED,
        Status.SKIPPED,
        Status.NO_VALUE,
        Status.ALREADY_REPORTED,
    }
)
FINAL_ON_REPLAY = frozenset({Status.SENT, Status.NOT_SUPPORTED, Status.SKIPPED, Status.ALREADY_REPORTED})


@dataclass(frozen=True)
class Outcome:
    status: Status
    message: str
    request_id: str | None = None
    retry_after: int | None = None  # seconds the platform asked us to wait (429 Retry-After)

    @property
    def transient(self) -> bool:
        return self.status is Status.RETRYING


def retrying(message: str, request_id: str | None = None, retry_after: int | None = None) -> Outcome:
    return Outcome(Status.RETRYING, message, request_id, retry_after)


def retry_after_seconds(value: str | None) -> int | None:
    """Retry-After as seconds (the platforms send seconds, not HTTP dates)."""
    try:
        return max(0, int(value)) if value else None
    except ValueError:
        return None
