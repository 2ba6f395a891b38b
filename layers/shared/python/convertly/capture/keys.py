"""Keys of the capture capability's items; every partition key starts with the tenant."""

from __future__ import annotations

# Lead capture: forms (tenant partition), their public routes (platform level), submissions, touches,
# idempotency records and rate counters.
FORM_PREFIX = "FORM#"


FORM_ROUTE_SK = "ROUTE"


SUBMISSION_PREFIX = "SUB#"


TOUCH_PREFIX = "TOUCH#"


IDEMPOTENCY_SK = "IDEMPOTENCY"


RATE_SK = "RATE"


def form_sk(form_id: str) -> str:
    return f"{FORM_PREFIX}{form_id}"


def form_route(form_id: str) -> str:
    """Platform level (no tenant): the public id's route to its tenant."""
    return f"FORM#{form_id}"


def submissions(tenant_id: str, form_id: str) -> str:
    return f"T#{tenant_id}#FORM#{form_id}"


def submission_sk(at: str, submission_id: str) -> str:
    return f"{SUBMISSION_PREFIX}{at}#{submission_id}"


def touch_sk(at: str, submission_id: str) -> str:
    return f"{TOUCH_PREFIX}{at}#{submission_id}"


def idempotency(tenant_id: str, key_hash: str) -> str:
    return f"T#{tenant_id}#IDEM#{key_hash}"


def rate_counter(tenant_id: str, scope: str, window_start: int) -> str:
    return f"T#{tenant_id}#RATE#{scope}#{window_start}"


def rotation_sk(form_id: str) -> str:
    return f"ROTATION#{form_id}"
