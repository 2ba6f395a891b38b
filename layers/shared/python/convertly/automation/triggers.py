"""Which trigger types an event is, and whether a workflow's trigger options take it.

An event names its lead (or contact); `Fired` is one trigger type it sets off with what the
trigger's options test (the form, the source, the stages, the tag, the role).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from convertly.automation.definition import CONVERSION_PROBLEMS, Trigger
from convertly.platform.events.envelope import DomainEvent


@dataclass(frozen=True)
class Fired:
    type: str
    lead_id: str | None
    contact_id: str | None
    facts: dict[str, Any] = field(default_factory=dict)
    label: str = ""  # what happened, for the enrolment's history


def _changes(event: DomainEvent) -> dict[str, Any]:
    return dict(event.data.get("changes") or {})


def _tag_diff(change: dict[str, Any]) -> tuple[list[str], list[str]]:
    old = [str(t) for t in change.get("from") or []]
    new = [str(t) for t in change.get("to") or []]
    old_keys, new_keys = {t.casefold() for t in old}, {t.casefold() for t in new}
    return [t for t in new if t.casefold() not in old_keys], [t for t in old if t.casefold() not in new_keys]


def _lead_created(event: DomainEvent) -> list[Fired]:
    lead = dict(event.data.get("lead") or {})
    lead_id = str(lead.get("lead_id") or event.subject_id or "")
    form_id = (lead.get("attribution") or {}).get("form_id") or (event.data.get("form") or {}).get("form_id")
    facts = {"form_id": form_id, "source": lead.get("source")}
    found = [Fired("lead_created", lead_id, lead.get("contact_id"), facts, "Lead created")]
    if form_id:
        found.append(Fired("form_submitted", lead_id, lead.get("contact_id"), facts, "Form submitted"))
    return found


def _stage_changed(event: DomainEvent) -> list[Fired]:
    data = event.data
    lead_id = str(data.get("lead_id") or event.subject_id or "")
    facts = {
        "pipeline_id": data.get("pipeline_id"),
        "from_stage_id": data.get("from_stage_id"),
        "to_stage_id": data.get("to_stage_id"),
    }
    found = [
        Fired("stage_changed", lead_id, None, facts, f"Moved to {data.get('to_stage_name') or 'a stage'}")
    ]
    for kind, trigger, label in (("won", "lead_won", "Lead won"), ("lost", "lead_lost", "Lead lost")):
        if data.get("to_kind") == kind and data.get("from_kind") != kind:
            found.append(Fired(trigger, lead_id, None, facts, label))
    return found


def _tag_firings(changes: dict[str, Any], lead_id: str | None, contact_id: str | None) -> list[Fired]:
    if "tags" not in changes:
        return []
    added, removed = _tag_diff(dict(changes["tags"]))
    return [Fired("tag_added", lead_id, contact_id, {"tag": t}, f"Tag {t} added") for t in added] + [
        Fired("tag_removed", lead_id, contact_id, {"tag": t}, f"Tag {t} removed") for t in removed
    ]


def _lead_updated(event: DomainEvent) -> list[Fired]:
    lead_id = str(event.data.get("lead_id") or event.subject_id or "")
    changes = _changes(event)
    found = [Fired("value_changed", lead_id, None, {}, "Value changed")] if "value" in changes else []
    return found + _tag_firings(changes, lead_id, None)


def _contact_updated(event: DomainEvent) -> list[Fired]:
    contact = dict(event.data.get("contact") or {})
    contact_id = str(contact.get("contact_id") or event.subject_id or "")
    changes = _changes(event)
    found = []
    if "role" in changes:
        role = (changes["role"] or {}).get("to")
        found.append(Fired("contact_role_changed", None, contact_id, {"role": role}, f"Became a {role}"))
    return found + _tag_firings(changes, None, contact_id)


def _overdue(kind: str) -> Any:
    def fired(event: DomainEvent) -> list[Fired]:
        lead_id = event.data.get("lead_id")
        if not lead_id:
            return []  # a task on no lead: no one to enrol
        label = "A follow-up went overdue" if kind == "followup" else "A task went overdue"
        return [Fired(f"{kind}_overdue", str(lead_id), None, {}, label)]

    return fired


_PLATFORM_NAMES = {"google_ads": "Google Ads", "meta": "Meta"}
_PROBLEM_LABELS = {
    "failed": "failed",
    "no_value": "not sent: the lead has no value",
    "no_identifier": "not sent: no click id or identifier to match",
}


def problem_of(status: str) -> str | None:
    """The conversion_failed reason a platform's outcome is, or None for an outcome that is fine."""
    return next((name for name, statuses in CONVERSION_PROBLEMS.items() if status in statuses), None)


def _conversion_recorded(event: DomainEvent) -> list[Fired]:
    """A win reported to the ad platforms: one firing per platform whose outcome is a problem."""
    lead_id = str(event.data.get("lead_id") or event.subject_id or "")
    found = []
    for platform, status in sorted(dict(event.data.get("outcomes") or {}).items()):
        problem = problem_of(str(status))
        if problem is None or not lead_id:
            continue
        name = _PLATFORM_NAMES.get(platform, platform)
        label = f"{name} conversion {_PROBLEM_LABELS[problem]}"
        found.append(
            Fired("conversion_failed", lead_id, None, {"platform": platform, "reason": problem}, label)
        )
    # A workflow takes a win once however many platforms had a problem: its enrolment id is made from
    # the workflow and the event (convertly.automation.consumer).
    return found


_BY_EVENT = {
    "LeadCreated": _lead_created,
    "LeadStageChanged": _stage_changed,
    "LeadUpdated": _lead_updated,
    "ContactUpdated": _contact_updated,
    "FollowUpOverdue": _overdue("followup"),
    "TaskOverdue": _overdue("task"),
    "ConversionRecorded": _conversion_recorded,
}


def fired_by(event: DomainEvent) -> list[Fired]:
    """The trigger types the event sets off."""
    reader = _BY_EVENT.get(event.detail_type)
    return reader(event) if reader is not None else []


def takes(trigger: Trigger, fired: Fired) -> bool:
    """Whether the workflow's trigger options take this firing."""
    facts = fired.facts
    if trigger.type in ("lead_created", "form_submitted"):
        if trigger.form_id and facts.get("form_id") != trigger.form_id:
            return False
        return not (trigger.source and facts.get("source") != trigger.source)
    if trigger.type in ("stage_changed", "lead_won", "lead_lost"):
        if trigger.pipeline_id and facts.get("pipeline_id") != trigger.pipeline_id:
            return False
        if trigger.from_stage_id and facts.get("from_stage_id") != trigger.from_stage_id:
            return False
        return not (trigger.to_stage_id and facts.get("to_stage_id") != trigger.to_stage_id)
    if trigger.type in ("tag_added", "tag_removed"):
        return not trigger.tag or str(facts.get("tag", "")).casefold() == trigger.tag.casefold()
    if trigger.type == "contact_role_changed":
        return not trigger.role or facts.get("role") == trigger.role
    if trigger.type == "conversion_failed":
        if trigger.platform and facts.get("platform") != trigger.platform:
            return False
        return not trigger.reason or facts.get("reason") == trigger.reason
    return True
