"""Automation in functional tests: the tenant's events delivered from its outbox to the real
consumer (once, or as often as the test says), the tick's wake events handed to it too, and the
clock the runner reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from convertly.automation.consumer import Consumer
from convertly.automation.engine import Runner
from convertly.automation.events import DETAIL_TYPES
from convertly.automation.tick import TickReport, tick
from convertly.billing import keys as billing_keys
from convertly.billing.items import BillingItem
from convertly.notifications import keys as notification_keys
from convertly.notifications.items import MailItem
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.publisher import EventPublisher
from convertly.platform.events.stream import event_from_stream_image
from convertly.platform.store import keys as platform_keys
from tests.functional.conftest import Account, Api, LocalAws
from tests.functional.platform.test_events import outbox_records


def professional(tenant: Account) -> None:
    """The tenant on Professional, whose plan has automation."""
    billing = BillingItem.get(platform_keys.tenant(tenant.tenant_id), billing_keys.BILLING_SK)
    billing.update(actions=[BillingItem.plan.set("professional")])


class Captured(EventPublisher):
    def __init__(self) -> None:
        self.events: list[DomainEvent] = []

    def publish(self, events: Sequence[DomainEvent]) -> list[str]:
        self.events += list(events)
        return []


class Flow:
    """One tenant's automation: its events delivered to the consumer; `now` is the runner's clock."""

    def __init__(self, aws: LocalAws, tenant_id: str) -> None:
        self.aws, self.tenant_id = aws, tenant_id
        self.seen: set[str] = set()
        self.now: datetime | None = None

    def consumer(self) -> Consumer:
        return Consumer(Runner(self.now))

    def pending(self) -> list[DomainEvent]:
        found = []
        for record in outbox_records(self.aws, self.tenant_id):
            event = event_from_stream_image(record["dynamodb"]["NewImage"])
            if event.detail_type in DETAIL_TYPES and event.event_id not in self.seen:
                found.append(event)
        return found

    def run(self, times: int = 1, limit: int = 200) -> int:
        """Deliver every pending event (`times` times each), and what they cause, until none is left."""
        handled = 0
        while handled < limit:
            pending = self.pending()
            if not pending:
                return handled
            for event in pending:
                self.seen.add(event.event_id)
                for _ in range(times):
                    self.consumer().handle(event)
                handled += 1
        return handled

    def tick(self, now: datetime, times: int = 1) -> TickReport:
        """The tick at `now`, its wake events delivered (`times` times each), then what they caused."""
        self.now = now
        captured = Captured()
        report = tick(now, captured)
        for event in captured.events:
            if event.tenant_id == self.tenant_id:
                for _ in range(times):
                    self.consumer().handle(event)
        self.run()
        return report


def workflow(api: Api, account: Account, definition: dict[str, Any], name: str = "Welcome") -> dict[str, Any]:
    """A workflow created and published."""
    status, created = api.call("POST", "/workflows", {"name": name, "definition": definition}, account.token)
    assert status == 201, created
    status, published = api.call(
        "POST", f"/workflows/{created['workflow_id']}/publish", {"version": created["version"]}, account.token
    )
    assert status == 200, published
    return dict(published)


def email_template(api: Api, account: Account, **fields: Any) -> dict[str, Any]:
    body = {
        "channel": "email",
        "name": "Welcome",
        "subject": "Thanks {{contact.first_name}}",
        "body": "<p>Hello {{contact.first_name}}, {{owner.name}} will call you.</p>",
        **fields,
    }
    status, template = api.call("POST", "/message-templates", body, account.token)
    assert status == 201, template
    return dict(template)


def mails(tenant_id: str) -> list[MailItem]:
    return list(MailItem.query(notification_keys.mail_outbox(tenant_id)))


def enrolments(api: Api, account: Account, workflow_id: str) -> list[dict[str, Any]]:
    status, page = api.call("GET", f"/workflows/{workflow_id}/enrolments?limit=100", token=account.token)
    assert status == 200, page
    return list(page["items"])


def enrolment(api: Api, account: Account, enrolment_id: str) -> dict[str, Any]:
    status, body = api.call("GET", f"/enrolments/{enrolment_id}", token=account.token)
    assert status == 200, body
    return dict(body)


def lead(api: Api, account: Account, **fields: Any) -> dict[str, Any]:
    body = {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.test", **fields}
    status, created = api.call("POST", "/leads", body, account.token)
    assert status == 201, created
    return dict(created)
