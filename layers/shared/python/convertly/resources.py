"""The resource registry: it only lists. Each capability declares its functions, consumers and schedules
in `<capability>/resources.py` (what they are: `convertly.platform.specs`); the platform declares the
table, the bus, the user pool, the web hosting and its own functions. CDK turns this list into
CloudFormation; devstack creates the same things in moto.
"""

from __future__ import annotations

from convertly.accounts import resources as accounts
from convertly.affiliates import resources as affiliates
from convertly.ai import resources as ai
from convertly.analytics import resources as analytics
from convertly.audit import resources as audit
from convertly.automation import resources as automation
from convertly.billing import resources as billing
from convertly.bulk import resources as bulk
from convertly.capture import resources as capture
from convertly.console import resources as console
from convertly.contacts import resources as contacts
from convertly.conversions import resources as conversions
from convertly.fields import resources as fields
from convertly.imports import resources as imports
from convertly.leads import resources as leads
from convertly.media import resources as media
from convertly.messaging import resources as messaging
from convertly.notifications import resources as notifications
from convertly.pipelines import resources as pipelines
from convertly.platform import resources as platform
from convertly.platform.resources import EVENT_BUS, TABLE, UPLOADS, USER_POOL, WEB
from convertly.platform.specs import ConsumerSpec, FunctionSpec, ScheduleSpec, StreamConsumerSpec
from convertly.work import resources as work

__all__ = [
    "CONSUMERS",
    "EVENT_BUS",
    "FUNCTIONS",
    "SCHEDULES",
    "STREAM_CONSUMERS",
    "TABLE",
    "UPLOADS",
    "USER_POOL",
    "WEB",
    "event_functions",
    "function_spec",
]

CONSUMERS: tuple[ConsumerSpec, ...] = (
    *accounts.CONSUMERS,
    *pipelines.CONSUMERS,
    *capture.CONSUMERS,
    *contacts.CONSUMERS,
    *audit.CONSUMERS,
    *notifications.CONSUMERS,
    *conversions.CONSUMERS,
    *analytics.CONSUMERS,
    *imports.CONSUMERS,
    *bulk.CONSUMERS,
    *automation.CONSUMERS,
    *messaging.CONSUMERS,
    *ai.CONSUMERS,
)

STREAM_CONSUMERS: tuple[StreamConsumerSpec, ...] = (*platform.STREAM_CONSUMERS,)

SCHEDULES: tuple[ScheduleSpec, ...] = (
    *work.SCHEDULES,
    *automation.SCHEDULES,
    *ai.SCHEDULES,
    *affiliates.SCHEDULES,
)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    *accounts.FUNCTIONS,
    *pipelines.FUNCTIONS,
    *leads.FUNCTIONS,
    *contacts.FUNCTIONS,
    *fields.FUNCTIONS,
    *capture.FUNCTIONS,
    *platform.FUNCTIONS,
    *audit.FUNCTIONS,
    *notifications.FUNCTIONS,
    *billing.FUNCTIONS,
    *conversions.FUNCTIONS,
    *work.FUNCTIONS,
    *analytics.FUNCTIONS,
    *console.FUNCTIONS,
    *imports.FUNCTIONS,
    *bulk.FUNCTIONS,
    *messaging.FUNCTIONS,
    *media.FUNCTIONS,
    *automation.FUNCTIONS,
    *ai.FUNCTIONS,
    *affiliates.FUNCTIONS,
)


def event_functions() -> tuple[str, ...]:
    """Functions fed by queues, the table stream or schedules (not behind API Gateway)."""
    names = [c.function for c in CONSUMERS] + [c.function for c in STREAM_CONSUMERS]
    names += [s.function for s in SCHEDULES]
    return tuple(dict.fromkeys(names))


def function_spec(name: str) -> FunctionSpec:
    return next(spec for spec in FUNCTIONS if spec.name == name)
