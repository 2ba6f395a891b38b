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
    index (GSI6 `WAKE#<hour>#<shard>`); waiting for a manual action it waits for that to be done."""

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
    waiting_for = UnicodeAttribute(null=True)  # time | manual_action
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
