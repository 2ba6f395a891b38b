"""Round-robin ownership for the leads a form creates.

The submit path writes the lead unassigned (its one transaction cannot read a counter's new value);
this consumer of LeadCreated then takes the form's next turn with an atomic counter (UpdateItem ADD,
correct however many containers run) and gives the lead to that Sales user through the ordinary lead
update, so counters, the LeadUpdated event and the new owner's notification follow as for any edit.
"""

from __future__ import annotations

from convertly.accounts import service as accounts
from convertly.capture import keys
from convertly.capture.items import RotationCounterItem
from convertly.leads.service import change_fields, get_lead
from convertly.permissions import Role
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.observability import logger
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys


def sales_rotation(tenant_id: str) -> list[str]:
    """The active Sales users of the tenant, in the order they take turns (oldest member first)."""
    users = accounts.team_members(tenant_id)
    sales = [user for user in users if user.role == Role.SALES.value and user.status == "active"]
    return [user.user_id for user in sorted(sales, key=lambda user: (user.created_at, user.user_id))]


def next_turn(tenant_id: str, form_id: str) -> int:
    """The form's next turn number, 1, 2, 3, ... (one atomic UpdateItem, whatever runs concurrently)."""
    counter = RotationCounterItem(platform_keys.tenant(tenant_id), keys.rotation_sk(form_id))
    counter.update(
        actions=[RotationCounterItem.type.set(RotationCounterItem), RotationCounterItem.turns.add(1)]
    )
    return int(counter.turns)


def form_actor(tenant_id: str, form_id: str) -> Principal:
    """The form acting with the account's authority: it may give its leads to any user."""
    return Principal(user_id=f"form:{form_id}", tenant_id=tenant_id, role=Role.ADMIN, email="", name="Form")


def assign_round_robin(event: DomainEvent) -> str | None:
    """Give a round-robin form's new lead its owner; the owner, or None when nothing was to be done.

    A redelivered event finds the lead owned and does nothing. Only a failure between taking the turn
    and saving the owner skips a turn, which the next lead makes up.
    """
    form = event.data.get("form") or {}
    if event.detail_type != "LeadCreated" or form.get("assignment") != "round_robin" or not event.subject_id:
        return None
    lead = get_lead(event.tenant_id, event.subject_id)
    if lead is None or lead.deleted_at or lead.owner_id:
        return None
    reps = sales_rotation(event.tenant_id)
    if not reps:
        logger.warning("Round-robin form without Sales users", extra={"form_id": form.get("form_id")})
        return None
    owner = reps[(next_turn(event.tenant_id, str(form["form_id"])) - 1) % len(reps)]
    actor = form_actor(event.tenant_id, str(form["form_id"]))
    change_fields(actor, lead.lead_id, int(lead.version or 1), {"owner_id": owner})
    return owner
