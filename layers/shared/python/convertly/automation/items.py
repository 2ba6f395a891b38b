"""The automation capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, MapAttribute, NumberAttribute, UnicodeAttribute

from convertly.platform.store.items import Item


class WorkflowItem(Item, discriminator="Workflow"):
    """A workflow (PK `T#<t>#WORKFLOWS`, SK `WORKFLOW#<w>`): its draft, and the published version's
    definition the consumer runs new enrolments on. While published it sits in GSI1 under its
    trigger type, so an event finds the workflows it starts with one Query."""

    workflow_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    name = UnicodeAttribute()
    description = UnicodeAttribute(null=True)
    status = UnicodeAttribute(default="draft")  # draft | published | paused
    draft = MapAttribute(default=dict)  # type: ignore[var-annotated]
    live = MapAttribute(null=True)  # type: ignore[var-annotated]  # the published version's definition
    live_version = NumberAttribute(default=0)
    trigger_type = UnicodeAttribute()  # the draft's
    changed_since_publish = BooleanAttribute(default=False)
    enrolled = NumberAttribute(default=0)  # ever
    active = NumberAttribute(default=0)  # now (running or waiting)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()
    published_at = UnicodeAttribute(null=True)
    version = NumberAttribute(default=1)  # of the item, for edits


class WorkflowVersionItem(Item, discriminator="WorkflowVersion"):
    """A published version (PK `T#<t>#WORKFLOW#<w>`, SK `VERSION#<n>`), never changed: enrolments
    started on it run on it to their end."""

    workflow_id = UnicodeAttribute()
    number = NumberAttribute()
    definition = MapAttribute(default=dict)  # type: ignore[var-annotated]
    published_at = UnicodeAttribute()
    published_by = UnicodeAttribute()


class WorkflowStatsItem(Item, discriminator="WorkflowStats"):
    """One step of one version (SK `STATS#<n>#<step id>`): how many enrolments wait there, and how
    many it did, failed or skipped; added to in each step's own transaction."""

    workflow_id = UnicodeAttribute()
    number = NumberAttribute()
    step_id = UnicodeAttribute()
    waiting = NumberAttribute(default=0)
    done = NumberAttribute(default=0)
    failed = NumberAttribute(default=0)
    skipped = NumberAttribute(default=0)


class WorkflowEntryItem(Item, discriminator="WorkflowEntry"):
    """Who a workflow enrolled (SK `ENTRY#<contact or lead>`): without re-entry, once ever; with it,
    once at a time (`active` names the running enrolment)."""

    subject_id = UnicodeAttribute()
    enrolment_id = UnicodeAttribute()
    active = UnicodeAttribute(null=True)
    entered_at = UnicodeAttribute()


class EnrolmentItem(Item, discriminator="Enrolment"):
    """One contact's (lead's) run through a workflow version (PK `T#<t>#ENROLMENT#<e>`, SK
    `ENROLMENT`). `position` is the step to run next. While it waits for a time it sits in the wake
    index (GSI6 `WAKE#<hour>#<shard>`); waiting for a manual action it waits for that to be done;
    waiting for a condition it is also in GSI4 under its lead (or contact), so a change to that
    record has the condition checked at once."""

    enrolment_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    workflow_id = UnicodeAttribute()
    workflow_name = UnicodeAttribute()
    workflow_version = NumberAttribute()
    contact_id = UnicodeAttribute(null=True)
    lead_id = UnicodeAttribute(null=True)
    subject_name = UnicodeAttribute(default="")
    # running | waiting | done | failed | ended (by a step, a deleted lead, or a person)
    status = UnicodeAttribute(default="running")
    position = UnicodeAttribute(null=True)
    wake_at = UnicodeAttribute(null=True)
    waiting_for = UnicodeAttribute(null=True)  # time | manual_action | condition
    waiting_step = UnicodeAttribute(null=True)  # condition: the wait step whose conditions it watches
    trigger = MapAttribute(default=dict)  # type: ignore[var-annotated]  # type, event id, what happened
    depth = NumberAttribute(default=0)  # how many workflows enrolled it in a row (loop protection)
    dry_run = BooleanAttribute(default=False)
    steps_run = NumberAttribute(default=0)
    started_at = UnicodeAttribute()
    finished_at = UnicodeAttribute(null=True)
    outcome = UnicodeAttribute(null=True)  # why it ended, for a person
    revision = NumberAttribute(default=0)  # moves on with every step: each write is conditional on it


class StepRunItem(Item, discriminator="StepRun"):
    """One step of one enrolment (SK `STEP#<step id>`): put only if absent, so a step runs at most
    once per enrolment however often its message arrives."""

    enrolment_id = UnicodeAttribute()
    step_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    name = UnicodeAttribute(null=True)
    order = NumberAttribute(default=0)
    status = UnicodeAttribute(default="running")  # running | done | waiting | failed | skipped
    detail = UnicodeAttribute(null=True)  # what it did, or why not
    decision = MapAttribute(null=True)  # type: ignore[var-annotated]  # what it chose, kept for a retry
    attempts = NumberAttribute(default=1)
    started_at = UnicodeAttribute()
    finished_at = UnicodeAttribute(null=True)


class ManualActionItem(Item, discriminator="ManualAction"):
    """A call or SMS a workflow asks a person to make (PK `T#<t>#MANUAL_ACTION#<m>`); its enrolment
    waits until it is done. GSI1 the team's open (or done) queue, GSI2 the assignee's."""

    action_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    action_type = UnicodeAttribute()  # call | sms
    assignee_id = UnicodeAttribute()
    workflow_id = UnicodeAttribute()
    workflow_name = UnicodeAttribute()
    enrolment_id = UnicodeAttribute()
    step_id = UnicodeAttribute()
    contact_id = UnicodeAttribute(null=True)
    lead_id = UnicodeAttribute(null=True)
    subject_name = UnicodeAttribute(default="")
    phone = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    template_id = UnicodeAttribute(null=True)
    status = UnicodeAttribute(default="open")  # open | done
    outcome = UnicodeAttribute(null=True)
    outcome_note = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    completed_at = UnicodeAttribute(null=True)
    completed_by = UnicodeAttribute(null=True)


class RotationItem(Item, discriminator="AutomationRotation"):
    """A round-robin assign step's turn counter (atomic ADD)."""

    turns = NumberAttribute(default=0)


class AutomationCheckpointItem(Item, discriminator="AutomationCheckpoint"):
    """Platform level: the last hour of the wake index every earlier tick has read and settled."""

    through = UnicodeAttribute()
    updated_at = UnicodeAttribute()


class TriggerTimerItem(Item, discriminator="TriggerTimer"):
    """When a time-based trigger fires for one record (PK `T#<t>#WORKFLOW#<w>`, SK `TIMER#<record>`):
    no activity on an open lead for N days, or a date field reached (convertly.automation.timers).
    In the wake index (GSI6) until it fires; moved by new activity or a new date."""

    tenant_id = UnicodeAttribute()
    workflow_id = UnicodeAttribute()
    kind = UnicodeAttribute()  # no_activity | date_reached
    subject_id = UnicodeAttribute()
    lead_id = UnicodeAttribute(null=True)
    contact_id = UnicodeAttribute(null=True)
    basis = UnicodeAttribute()  # the last activity's time, or the date
    wake_at = UnicodeAttribute(null=True)
    fired_at = UnicodeAttribute(null=True)


# Webhooks ----------------------------------------------------------------------------------------


class WebhookSecretItem(Item, discriminator="WebhookSecret"):
    """A signing secret, sealed with KMS (purpose `webhooks`): the tenant's for outbound webhooks
    (PK `T#<t>#AUTOMATION#WEBHOOKS`, SK `SECRET`), or a workflow's inbound hook's (PK
    `T#<t>#WORKFLOW#<w>`, SK `HOOK`, with its hook id). For a day after a rotation the value it
    replaced stays valid (`previous_sealed` until `previous_until`)."""

    sealed = UnicodeAttribute()
    previous_sealed = UnicodeAttribute(null=True)
    previous_until = UnicodeAttribute(null=True)  # ISO time
    hook_id = UnicodeAttribute(null=True)  # an inbound hook's
    workflow_id = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    rotated_at = UnicodeAttribute(null=True)
    rotated_by = UnicodeAttribute(null=True)


class HookRouteItem(Item, discriminator="HookRoute"):
    """Platform level (`PLATFORM#HOOK#<hook id>`, SK `ROUTE`): an inbound hook's tenant and workflow,
    written with the hook; the public route finds its tenant with one GetItem."""

    tenant_id = UnicodeAttribute()
    workflow_id = UnicodeAttribute()
    created_at = UnicodeAttribute()


class WebhookDeliveryItem(Item, discriminator="WebhookDelivery"):
    """One outbound webhook (PK `T#<t>#WEBHOOK_DELIVERY#<d>`, SK `DELIVERY`): the exact body sent on
    every attempt, where it goes, and how it went. GSI1 lists a workflow's deliveries, newest first.
    `round` moves on with each replay; a sender holds `lease_id` until `lease_until` while it posts."""

    delivery_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    workflow_id = UnicodeAttribute()
    workflow_name = UnicodeAttribute()
    enrolment_id = UnicodeAttribute()
    step_id = UnicodeAttribute()
    url = UnicodeAttribute()
    event = UnicodeAttribute(default="workflow.step")
    body = UnicodeAttribute()  # the JSON payload, byte for byte as it is signed and sent
    status = UnicodeAttribute(default="pending")  # pending | delivered | failed
    round = NumberAttribute(default=0)  # 0: the first delivery; each replay adds one
    attempts = NumberAttribute(default=0)  # every attempt, replays included
    last_status_code = NumberAttribute(null=True)
    last_attempt_at = UnicodeAttribute(null=True)
    last_error = UnicodeAttribute(null=True)
    next_attempt_at = UnicodeAttribute(null=True)
    delivered_at = UnicodeAttribute(null=True)
    lease_id = UnicodeAttribute(null=True)
    lease_until = NumberAttribute(null=True)  # epoch seconds
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()


class WebhookAttemptItem(Item, discriminator="WebhookAttempt"):
    """One attempt of a delivery (SK `ATTEMPT#<n>`), one item each so the log never grows one item."""

    delivery_id = UnicodeAttribute()
    number = NumberAttribute()
    round = NumberAttribute(default=0)
    at = UnicodeAttribute()
    outcome = UnicodeAttribute()  # delivered | retrying | failed
    status_code = NumberAttribute(null=True)
    duration_ms = NumberAttribute(default=0)
    response_excerpt = UnicodeAttribute(null=True)  # at most 500 characters of the answer
    error = UnicodeAttribute(null=True)


class WebhookReplayItem(Item, discriminator="WebhookReplay"):
    """A replay request (SK `REPLAY#<hash of the request key>`), put only if absent: a double click
    replays once."""

    delivery_id = UnicodeAttribute()
    round = NumberAttribute()
    requested_at = UnicodeAttribute()
    requested_by = UnicodeAttribute()
