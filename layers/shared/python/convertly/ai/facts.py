"""A lead's facts as the score reads them (convertly.ai.features.LeadFacts), gathered from the lead,
its AI record (what people did about it, counted by the scorer) and the tenant's stages.

The stages and form names come from small per-process directories kept a minute, so scoring a lead
reads the lead and its AI record, not the tenant's pipelines every time.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from convertly.ai.features import SOURCE_LABELS, LeadFacts, email_kind
from convertly.capture import service as capture
from convertly.pipelines import service as pipelines
from convertly.platform.clock import parse_iso
from convertly.platform.store.items import plain


@dataclass(frozen=True)
class StageInfo:
    stage_id: str
    name: str
    kind: str  # open | won | lost
    position: float  # 0..1 among its pipeline's open stages (won and lost: 1.0)
    pipeline_id: str


class _Kept:
    """A value per tenant (or per key) kept `ttl` seconds, at most `size` of them."""

    def __init__(
        self, ttl: float = 60.0, size: int = 512, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl, self._size, self._clock = ttl, size, clock
        self._values: OrderedDict[Any, tuple[float, Any]] = OrderedDict()

    def get(self, key: Any, load: Callable[[], Any]) -> Any:
        kept = self._values.get(key)
        if kept is not None and self._clock() - kept[0] < self._ttl:
            return kept[1]
        value = load()
        self._values[key] = (self._clock(), value)
        self._values.move_to_end(key)
        while len(self._values) > self._size:
            self._values.popitem(last=False)
        return value


_STAGES = _Kept()
_FORMS = _Kept(ttl=300.0, size=2048)


def _load_stages(tenant_id: str) -> dict[str, StageInfo]:
    stages: dict[str, StageInfo] = {}
    for entry in pipelines.pipelines_of(tenant_id):
        ordered = sorted(entry.stages, key=lambda s: (float(s.position or 0), s.stage_id))
        open_ids = [s.stage_id for s in ordered if s.kind == "open"]
        for stage in ordered:
            if stage.kind == "open":
                index = open_ids.index(stage.stage_id)
                position = index / (len(open_ids) - 1) if len(open_ids) > 1 else 0.0
            else:
                position = 1.0
            stages[stage.stage_id] = StageInfo(
                stage.stage_id, str(stage.name), str(stage.kind), round(position, 4), stage.pipeline_id
            )
    return stages


def stages_of(tenant_id: str, *, refresh: bool = False) -> dict[str, StageInfo]:
    if refresh:
        return _load_stages(tenant_id)
    result: dict[str, StageInfo] = _STAGES.get(tenant_id, lambda: _load_stages(tenant_id))
    return result


def stage_info(tenant_id: str, stage_id: str) -> StageInfo | None:
    info = stages_of(tenant_id).get(stage_id)
    if info is None:  # a stage made since the directory was read
        info = stages_of(tenant_id, refresh=True).get(stage_id)
    return info


def form_label(tenant_id: str, form_id: str) -> str | None:
    label: str | None = _FORMS.get((tenant_id, form_id), lambda: capture.form_name(tenant_id, form_id))
    return label


def _moment(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return parse_iso(str(value))
    except ValueError:
        return None


@dataclass(frozen=True)
class Activity:
    """What people did about a lead, as the scorer counted it."""

    first_response_at: str | None = None
    count: int = 0
    last_at: str | None = None


def facts_of(
    lead: Any,
    activity: Activity,
    *,
    as_of: datetime,
    stage: StageInfo | None,
    stage_entered_at: str | None = None,
) -> LeadFacts:
    """The facts of `lead` at `as_of` (`stage`: the stage it is scored in; for a closed lead, the stage
    it left when it closed, and `stage_entered_at` when it entered that one)."""
    tenant_id = str(lead.tenant_id)
    attribution = plain(lead.attribution)
    last_touch = plain(lead.last_touch) if lead.last_touch else {}
    campaign = str(attribution.get("utm_campaign") or last_touch.get("utm_campaign") or "").strip() or None
    form_id = str(attribution.get("form_id") or last_touch.get("form_id") or "") or None
    created = _moment(lead.created_at) or as_of
    first = _moment(activity.first_response_at)
    response = max(0.0, (first - created).total_seconds() / 60) if first else None
    source = str(lead.source or "other")
    return LeadFacts(
        lead_id=str(lead.lead_id),
        created_at=created,
        as_of=as_of,
        source=source,
        source_label=SOURCE_LABELS.get(source, source.replace("_", " ").capitalize()),
        campaign=campaign,
        form_id=form_id,
        form_label=form_label(tenant_id, form_id) if form_id else None,
        value=float(lead.value or 0),
        first_response_minutes=response,
        activity_count=int(activity.count),
        last_activity_at=_moment(activity.last_at),
        stage_id=stage.stage_id if stage else str(lead.stage_id),
        stage_label=stage.name if stage else "",
        stage_position=stage.position if stage else 0.0,
        stage_entered_at=_moment(stage_entered_at or lead.stage_entered_at) or created,
        touch_count=int(lead.touch_count or (1 if form_id else 0)),
        email_kind=email_kind(lead.email),
        has_name=bool((lead.first_name or "").strip() or (lead.last_name or "").strip()),
        has_phone=bool(lead.phone),
        has_company=bool(lead.company),
    )


def facts_json(facts: LeadFacts) -> dict[str, Any]:
    """The facts as stored on the lead's AI record (the rows training reads)."""
    out: dict[str, Any] = {}
    for name, value in facts.__dict__.items():
        out[name] = value.isoformat() if isinstance(value, datetime) else value
    return out


_MOMENTS = ("created_at", "as_of", "last_activity_at", "stage_entered_at")


def facts_from_json(data: dict[str, Any]) -> LeadFacts:
    values = dict(data)
    for name in _MOMENTS:
        values[name] = _moment(values.get(name))
    return LeadFacts(**values)
