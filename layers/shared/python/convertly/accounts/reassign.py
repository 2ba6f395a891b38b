"""Reassign a user's open leads, follow-ups and tasks to one or several others, round robin.

The request writes the job and a `ReassignmentRequested` event in one transaction; the `reassignment`
consumer then moves a chunk at a time through the owning capabilities' own writes (so each lead's
timeline records its new owner and the owners' counters move with it), adds what moved to the job,
and, while work is left, queues a `ReassignmentContinued` event for the next chunk. Each move is
conditional on the item still being the departing user's, so a message delivered twice moves nothing
twice and an item someone changed meanwhile keeps its new owner.
"""

from __future__ import annotations

from convertly.accounts import keys
from convertly.accounts.domain import Reassignment, ReassignRequest
from convertly.accounts.items import ReassignmentItem, UserItem
from convertly.leads import service as leads
from convertly.permissions import Role
from convertly.pipelines import service as pipelines
from convertly.platform.clock import iso, new_id
from convertly.platform.errors import NotFoundError, ValidationError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.items import Item
from convertly.platform.store.transaction import Transaction, TransactionCancelledError
from convertly.work import service as work

CHUNK = 50  # items moved per message: well inside the consumer's timeout


def to_reassignment(item: ReassignmentItem) -> Reassignment:
    return Reassignment(
        job_id=item.job_id,
        from_user_id=item.from_user_id,
        to_user_ids=[str(t) for t in item.to_user_ids],
        status=item.status,
        leads_total=int(item.leads_total),
        followups_total=int(item.followups_total),
        tasks_total=int(item.tasks_total),
        leads_moved=int(item.leads_moved),
        followups_moved=int(item.followups_moved),
        tasks_moved=int(item.tasks_moved),
        skipped=int(item.skipped),
        created_at=item.created_at,
        finished_at=item.finished_at,
    )


def _event(tenant_id: str, detail_type: str, job: ReassignmentItem, actor_id: str) -> DomainEvent:
    return DomainEvent(
        detail_type=detail_type,
        tenant_id=tenant_id,
        actor_id=actor_id,
        subject_id=job.from_user_id,
        data={"job_id": job.job_id, "to_user_ids": list(job.to_user_ids)},
    )


def request_reassignment(principal: Principal, user_id: str, request: ReassignRequest) -> Reassignment:
    """Queue the job (202): the totals are what the user holds now."""
    tenant = platform_keys.tenant(principal.tenant_id)
    wanted = [(tenant, keys.user_sk(u)) for u in dict.fromkeys([user_id, *request.to_user_ids])]
    found = {item.user_id: item for item in UserItem.batch_get(wanted) if isinstance(item, UserItem)}
    source = found.get(user_id)
    if source is None:
        raise NotFoundError("No such user", code="user_not_found")
    targets = list(dict.fromkeys(request.to_user_ids))
    reasons = []
    for user_id_ in targets:
        if user_id_ == user_id:
            reasons.append(f"{source.name} is the person whose work moves")
        elif user_id_ not in found:
            reasons.append(f"{user_id_} is not a user of this account")
        elif found[user_id_].status == "deactivated":
            reasons.append(f"{found[user_id_].name} is deactivated")
    if reasons:
        raise ValidationError(
            "Reassign to other users of the team who are not deactivated",
            fields={"to_user_ids": "; ".join(reasons)},
        )
    followups, tasks = work.count_open_work(principal.tenant_id, user_id)
    job = ReassignmentItem(
        tenant,
        keys.reassignment_sk(new_id()),
        from_user_id=user_id,
        to_user_ids=targets,
        leads=request.leads,
        followups=request.followups,
        tasks=request.tasks,
        leads_total=pipelines.open_leads_by_owner(principal.tenant_id).get(user_id, 0)
        if request.leads
        else 0,
        followups_total=followups if request.followups else 0,
        tasks_total=tasks if request.tasks else 0,
        requested_by=principal.user_id,
        requested_by_name=principal.name,
        created_at=iso(),
    )
    job.job_id = str(job.SK).removeprefix("REASSIGN#")
    tx = Transaction()
    tx.put("job", job)
    tx.put(
        "outbox", outbox_item(_event(principal.tenant_id, "ReassignmentRequested", job, principal.user_id))
    )
    tx.commit()
    return to_reassignment(job)


def get_reassignment(principal: Principal, job_id: str) -> Reassignment:
    try:
        item = ReassignmentItem.get(platform_keys.tenant(principal.tenant_id), keys.reassignment_sk(job_id))
    except ReassignmentItem.DoesNotExist as error:
        raise NotFoundError("No such reassignment", code="reassignment_not_found") from error
    return to_reassignment(item)


class _Chunk:
    """One message's worth of moves: round robin over the job's targets, counted per kind."""

    def __init__(self, job: ReassignmentItem, actor: Principal):
        self.job, self.actor = job, actor
        self.targets = [str(t) for t in job.to_user_ids]
        self.moved = {"leads": 0, "followups": 0, "tasks": 0}
        self.skipped = 0
        self.budget = CHUNK

    def next_owner(self, kind: str) -> str:
        done = int(getattr(self.job, f"{kind}_moved")) + self.moved[kind]
        return self.targets[done % len(self.targets)]

    def count(self, kind: str, moved: bool) -> None:
        if moved:
            self.moved[kind] += 1
        else:
            self.skipped += 1
        self.budget -= 1

    def run(self, tenant_id: str) -> None:
        job, source = self.job, str(self.job.from_user_id)
        if job.leads:
            kinds = pipelines.stage_kinds(tenant_id)
            open_stages = sorted(stage for stage, kind in kinds.items() if kind == "open")
            for lead_id in leads.open_leads_owned(tenant_id, source, open_stages, self.budget):
                self.count(
                    "leads", leads.reassign_lead(self.actor, lead_id, source, self.next_owner("leads"))
                )
        if job.followups and self.budget > 0:
            for lead_id, followup_id in work.open_followups_of(tenant_id, source, self.budget):
                to = self.next_owner("followups")
                self.count("followups", work.reassign_followup(self.actor, lead_id, followup_id, source, to))
        if job.tasks and self.budget > 0:
            for task_id in work.active_tasks_of(tenant_id, source, self.budget):
                self.count("tasks", work.reassign_task(self.actor, task_id, source, self.next_owner("tasks")))

    @property
    def more(self) -> bool:
        """A full chunk: look again. A chunk of nothing but skips: nothing movable is left."""
        return self.budget <= 0 and self.skipped < CHUNK


def run_chunk(event: DomainEvent) -> bool:
    """Move up to CHUNK items of the job the event names; True when work is left (a continuation
    event was queued)."""
    job_id = str(event.data.get("job_id", ""))
    try:
        job = ReassignmentItem.get(
            platform_keys.tenant(event.tenant_id), keys.reassignment_sk(job_id), consistent_read=True
        )
    except ReassignmentItem.DoesNotExist:
        return False
    if job.status == "done":
        return False
    actor = Principal(
        user_id=str(job.requested_by),
        tenant_id=event.tenant_id,
        role=Role.ADMIN,
        email="",
        name=str(job.requested_by_name or "Admin"),
    )
    chunk = _Chunk(job, actor)
    chunk.run(event.tenant_id)
    more = chunk.more
    actions = [getattr(ReassignmentItem, f"{kind}_moved").add(n) for kind, n in chunk.moved.items()]
    actions += [
        ReassignmentItem.skipped.add(chunk.skipped),
        ReassignmentItem.status.set("running" if more else "done"),
    ]
    if not more:
        actions.append(ReassignmentItem.finished_at.set(iso()))
    tx = Transaction()
    tx.update("job", Item(job.PK, job.SK), actions, condition=ReassignmentItem.status != "done")
    note = _event(
        event.tenant_id,
        "ReassignmentContinued" if more else "ReassignmentFinished",
        job,
        str(job.requested_by),
    )
    note.data.update({kind: int(getattr(job, f"{kind}_moved")) + n for kind, n in chunk.moved.items()})
    tx.put("outbox", outbox_item(note))
    try:
        tx.commit()
    except TransactionCancelledError:  # finished by a copy of this message: its figures stand
        return False
    return more
