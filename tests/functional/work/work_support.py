"""Helpers the follow-up, task and reminder tests share: leads, times relative to now, a clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from convertly.platform.clock import iso
from devstack.mail_sink import MailSink
from tests.functional.conftest import Account, Api


def at(delta: timedelta, base: datetime | None = None) -> str:
    """An ISO time `delta` from now (or from `base`)."""
    return iso((base or datetime.now(UTC)) + delta)


def lead(api: Api, account: Account, name: str = "Maria", **fields: Any) -> dict[str, Any]:
    status, body = api.call(
        "POST", "/leads", {"first_name": name, "last_name": "Garcia", **fields}, account.token
    )
    assert status == 201, body
    return dict(body)


def followup(api: Api, account: Account, lead_id: str, **fields: Any) -> dict[str, Any]:
    body = {"type": "call", "due_at": at(timedelta(hours=1)), **fields}
    status, created = api.call("POST", f"/leads/{lead_id}/followups", body, account.token)
    assert status == 201, created
    return dict(created)


def task(api: Api, account: Account, **fields: Any) -> dict[str, Any]:
    body = {"title": "Send the quote", "due_at": at(timedelta(days=1)), **fields}
    status, created = api.call("POST", "/tasks", body, account.token)
    assert status == 201, created
    return dict(created)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture(scope="module")
def mail_sink() -> Iterator[MailSink]:
    """The local stack's SMTP sink on free ports."""
    sink = MailSink("127.0.0.1", 0, 0).start()
    yield sink
    sink.stop()
