"""The audit log page's API: team changes, settings changes and exports are recorded with who did
them, filtered by category, person and days, exported as CSV; only Admins read it."""

from __future__ import annotations

import csv
import io
import json

from convertly.audit.service import record_event
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import OutboxEventItem
from convertly.platform.store import keys as platform_keys
from tests.functional.conftest import Account, Api, invite


def record_outbox(tenant_id: str) -> list[str]:
    """Hand every event of the tenant's outbox to the audit log, as its consumer would (twice: a
    redelivery records nothing new); the detail types, in order."""
    events = [
        DomainEvent.from_detail(item.detail_type, json.loads(item.detail))
        for item in OutboxEventItem.query(platform_keys.outbox(tenant_id), consistent_read=True)
    ]
    for event in events + events:
        record_event(event)
    return [event.detail_type for event in events]


def test_team_and_settings_changes_are_listed_with_who_did_them(api: Api, tenant: Account) -> None:
    sales = invite(api, tenant, "Sales", "Sal Sales")
    api.call("PUT", f"/team/{sales.tokens['user_id']}/role", {"role": "Staff"}, tenant.token)
    assert api.call("PUT", "/settings/contacts", {"client_on_win": False}, tenant.token)[0] == 200
    assert api.call("GET", "/analytics/export/funnel", None, tenant.token)[0] == 200
    failed = api.call("PUT", "/settings/contacts", {"nonsense": True}, tenant.token)
    assert failed[0] == 422  # a refused change is not an action taken
    recorded = record_outbox(tenant.tenant_id)
    assert recorded.count("AuditedAction") == 2

    status, team = api.call("GET", "/audit?category=team", None, tenant.token)
    assert status == 200
    summaries = [entry["summary"] for entry in team["items"]]
    assert summaries[0] == "changed the role of Sal Sales from Sales to Staff"
    assert all(entry["actor_name"] == "Ada Admin" for entry in team["items"])
    status, changes = api.call("GET", "/audit?category=settings", None, tenant.token)
    assert [e["summary"] for e in changes["items"]] == ["exported a report", "changed the contact settings"]
    me = api.call("GET", "/me", None, tenant.token)[1]["user"]["user_id"]
    mine = api.call("GET", f"/audit?actor_id={me}&limit=100", None, tenant.token)[1]["items"]
    assert mine and {e["actor_id"] for e in mine} == {me}
    assert (
        api.call("GET", "/audit?date_from=2020-01-01&date_to=2020-01-31", None, tenant.token)[1]["items"]
        == []
    )

    status, text = api.call("GET", "/audit/export?category=settings", None, tenant.token)
    assert status == 200
    rows = list(csv.reader(io.StringIO(text.decode() if isinstance(text, bytes) else text)))
    assert rows[0][:2] == ["time (UTC)", "who"] and [r[4] for r in rows[1:]] == [
        "exported a report",
        "changed the contact settings",
    ]


def test_only_admins_read_the_audit_log_and_bad_ranges_are_422(api: Api, tenant: Account) -> None:
    manager = invite(api, tenant, "Manager")
    assert api.call("GET", "/audit", None, manager.token)[0] == 403
    status, body = api.call("GET", "/audit?date_from=2026-02-01&date_to=2026-01-01", None, tenant.token)
    assert status == 422 and "date_from" in body["error"]["fields"]
    assert api.call("GET", "/audit?date_from=2020-01-01&date_to=2026-01-01", None, tenant.token)[0] == 422
    assert api.call("GET", "/audit?category=everything", None, tenant.token)[0] == 422


def test_convertly_staff_are_named_and_the_platform_log_says_which_tenant(api: Api, tenant: Account) -> None:
    from convertly.permissions import Role
    from tests.functional.console.support import staff

    support = staff(api, Role.DEVELOPER_ADMIN, "Sue Support")
    api.call("POST", f"/platform/tenants/{tenant.tenant_id}/trial", {"days": 3}, support.token)
    record_outbox(tenant.tenant_id)
    record_outbox("platform")
    entries = api.call("GET", "/audit?category=access", None, tenant.token)[1]["items"]
    assert [(e["type"], e["actor_name"]) for e in entries] == [("TrialExtended", "Sue Support (Convertly)")]
    platform = api.call("GET", "/platform/audit?category=access", None, support.token)[1]["items"]
    mine = [e for e in platform if e["tenant_id"] == tenant.tenant_id]
    assert [e["type"] for e in mine] == ["TrialExtended"]
