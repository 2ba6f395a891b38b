"""AI in functional tests: the tenant on Professional, its lead events delivered from its outbox to
the real scorer (once, or as often as the test says), the OpenAI fake (started once; the functions
pointed at it), and the tenant's training run in-process as the ai_training consumer would."""

from __future__ import annotations

import os
from datetime import datetime

from convertly.ai import openai_gateway
from convertly.ai.scorer import EVENTS, Scorer
from convertly.platform.clock import now
from convertly.platform.config import get_settings
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.stream import event_from_stream_image
from devstack.ad_fakes import LOCAL_OPENAI_API_KEY
from devstack.fakes.openai_api import OpenAIFake
from tests.functional.automation.support import professional
from tests.functional.conftest import Account, Api, LocalAws
from tests.functional.platform.test_events import outbox_records

__all__ = ["Scores", "new_lead", "professional", "shared_openai", "without_openai"]

_fake: OpenAIFake | None = None


def shared_openai() -> OpenAIFake:
    """The fake, started once per session; the functions' settings point at it, emptied for each test."""
    global _fake
    if _fake is None:
        _fake = OpenAIFake("127.0.0.1", 0, api_key=LOCAL_OPENAI_API_KEY).start()
    wanted = {"OPENAI_BASE_URL": f"{_fake.url}/v1", "OPENAI_API_KEY": LOCAL_OPENAI_API_KEY}
    if any(os.environ.get(name) != value for name, value in wanted.items()):
        os.environ.update(wanted)
        get_settings.cache_clear()
    _fake.reset()
    return _fake


def without_openai() -> None:
    """No OpenAI key on this installation (until the next shared_openai())."""
    os.environ.pop("OPENAI_API_KEY", None)
    os.environ.pop("OPENAI_BASE_URL", None)
    openai_gateway._KEY.clear()
    get_settings.cache_clear()


class Scores:
    """One tenant's lead events delivered to the scorer; `clock` is the scorer's."""

    def __init__(self, aws: LocalAws, tenant_id: str, clock: datetime | None = None) -> None:
        self.aws, self.tenant_id = aws, tenant_id
        self.seen: set[str] = set()
        self.scorer = Scorer(clock=lambda: clock or now())

    def pending(self) -> list[DomainEvent]:
        found = []
        for record in outbox_records(self.aws, self.tenant_id):
            event = event_from_stream_image(record["dynamodb"]["NewImage"])
            if event.detail_type in EVENTS and event.event_id not in self.seen:
                found.append(event)
        return found

    def run(self, times: int = 1) -> int:
        """Deliver every pending event (`times` times each, in order)."""
        pending = self.pending()
        for event in pending:
            self.seen.add(event.event_id)
            for _ in range(times):
                self.scorer.handle(event)
        return len(pending)


def new_lead(api: Api, account: Account, **fields: object) -> dict[str, object]:
    body = {"first_name": "Dana", "last_name": "Reyes", "email": "dana@reyes-roofing.test", **fields}
    status, lead = api.call("POST", "/leads", body, account.token)
    assert status == 201, lead
    return dict(lead)
