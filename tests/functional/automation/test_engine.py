"""The workflow engine on moto: events from the outbox start workflows, steps run once however often
a message arrives, waits wake on the tick, branches follow conditions, loops stop, consent holds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from convertly.automation import store as repo
from convertly.work import service as work
from tests.functional.automation.support import (
    Flow,
    email_template,
    enrolment,
    enrolments,
    lead,
    mails,
    professional,
    workflow,
)
from tests.functional.conftest import Account, Api, LocalAws, invite


def _steps(detail: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {s["step_id"]: (s["status"], s["detail"]) for s in detail["steps"]}


def test_a_new_lead_gets_an_email_and_a_task_once_however_often_its_event_arrives(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    # Given a published workflow: a lead created gets the welcome email and a call task for its owner
    professional(tenant)
    template = email_template(api, tenant)
    owner = invite(api, tenant, "Sales", "Sam Sales")
    flow = workflow(
        api,
        tenant,
        {
            "trigger": {"type": "lead_created"},
            "steps": [
                {"id": "assign", "kind": "assign_owner", "user_ids": [owner.tokens["user_id"]]},
                {"id": "mail", "kind": "send_email", "template_id": template["template_id"]},
                {"id": "task", "kind": "create_task", "title": "Call the new lead", "due_in_minutes": 60},
            ],
        },
    )
    # When a lead is created and its event reaches the consumer three times
    created = lead(api, tenant, first_name="Grace", email="grace@example.test")
    Flow(aws, tenant.tenant_id).run(times=3)

    # Then there is one enrolment, done, with each step done once
    found = enrolments(api, tenant, flow["workflow_id"])
    assert len(found) == 1 and found[0]["status"] == "done" and found[0]["lead_id"] == created["lead_id"]
    steps = _steps(enrolment(api, tenant, found[0]["enrolment_id"]))
    assert steps["assign"] == ("done", "Assigned to Sam Sales")
    assert steps["mail"] == ("done", "Emailed “Thanks Grace” to grace@example.test")
    assert steps["task"][0] == "done"
    # one email, merged and escaped, queued in the outbox
    queued = [m for m in mails(tenant.tenant_id) if m.kind == "message"]
    assert [(m.to_address, m.subject) for m in queued] == [("grace@example.test", "Thanks Grace")]
    assert queued[0].html == "<p>Hello Grace, Sam Sales will call you.</p>"
    assert "Hello Grace, Sam Sales will call you." in queued[0].body
    # and on the timelines of the lead and its contact, once each, saying which workflow sent it
    for path in (f"/leads/{created['lead_id']}/timeline", f"/contacts/{created['contact_id']}/timeline"):
        timeline = api.call("GET", path, token=tenant.token)[1]
        emailed = [e for e in timeline["items"] if e["kind"] == "emailed"]
        assert len(emailed) == 1 and emailed[0]["cause"]["workflow"] == "Welcome", path
    # one task, for the owner the workflow gave the lead
    tasks = [t for t in work.active_tasks(tenant.tenant_id) if t.lead_id == created["lead_id"]]
    assert [(t.title, t.assignee_id) for t in tasks] == [("Call the new lead", owner.tokens["user_id"])]
    _status, current = api.call("GET", f"/leads/{created['lead_id']}", token=tenant.token)
    assert current["owner_id"] == owner.tokens["user_id"]
    # and the counts per step say so
    _status, shown = api.call("GET", f"/workflows/{flow['workflow_id']}", token=tenant.token)
    assert shown["enrolled"] == 1 and shown["active"] == 0
    assert shown["step_counts"]["mail"] == {"waiting": 0, "done": 1, "failed": 0, "skipped": 0}


def test_a_wait_sleeps_until_the_tick_finds_it_due_and_a_new_version_leaves_it_on_its_own(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    professional(tenant)
    flow = workflow(
        api,
        tenant,
        {
            "trigger": {"type": "lead_created"},
            "steps": [
                {"id": "w", "kind": "wait", "mode": "duration", "minutes": 1440},
                {"id": "tag", "kind": "add_tag", "tags": ["nurtured"]},
            ],
        },
    )
    created = lead(api, tenant)
    events = Flow(aws, tenant.tenant_id)
    events.run()
    [waiting] = enrolments(api, tenant, flow["workflow_id"])
    assert waiting["status"] == "waiting" and waiting["position"] == "tag"
    wake = datetime.fromisoformat(waiting["wake_at"].replace("Z", "+00:00"))

    # When the workflow is changed and published again while the enrolment waits
    draft = dict(flow["draft"])
    draft["steps"] = [*draft["steps"][:1], {"id": "tag2", "kind": "add_tag", "tags": ["v2"]}]
    status, saved = api.call(
        "PUT",
        f"/workflows/{flow['workflow_id']}",
        {"version": flow["version"], "definition": draft},
        tenant.token,
    )
    assert status == 200 and saved["changed_since_publish"] is True, saved
    status, republished = api.call(
        "POST", f"/workflows/{flow['workflow_id']}/publish", {"version": saved["version"]}, tenant.token
    )
    assert republished["live_version"] == 2

    # Then a tick before the day is over wakes nothing; one after it runs the rest of version 1
    assert events.tick(wake - timedelta(minutes=5)).woken == 0
    assert enrolment(api, tenant, waiting["enrolment_id"])["status"] == "waiting"
    report = events.tick(wake + timedelta(minutes=1), times=2)
    assert report.woken >= 1
    done = enrolment(api, tenant, waiting["enrolment_id"])
    assert done["status"] == "done" and done["workflow_version"] == 1
    assert _steps(done) == {"w": ("done", "Waiting 1 day"), "tag": ("done", "Added nurtured on the lead")}
    status, tagged = api.call("GET", f"/leads/{created['lead_id']}", token=tenant.token)
    assert tagged["tags"] == ["nurtured"]
    # and, woken, it left the wake index: the next tick finds nothing
    assert events.tick(wake + timedelta(minutes=2)).woken == 0


def test_if_else_follows_the_conditions_and_filters_keep_others_out(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    professional(tenant)
    branch = {
        "id": "big",
        "kind": "if",
        "conditions": [{"field": "lead.value", "operator": "greater_than", "value": 1000}],
        "then": [{"id": "vip", "kind": "add_tag", "tags": ["vip"]}],
        "else": [{"id": "small", "kind": "add_tag", "tags": ["small"]}],
    }
    flow = workflow(
        api,
        tenant,
        {
            "trigger": {"type": "lead_created"},
            "filters": [{"field": "lead.source", "operator": "not_equals", "value": "referral"}],
            "steps": [branch, {"id": "after", "kind": "add_tag", "tags": ["seen"]}],
        },
    )
    big = lead(api, tenant, first_name="Big", value=5000)
    small = lead(api, tenant, first_name="Small", value=200)
    referred = lead(api, tenant, first_name="Ref", value=9000, source="referral")
    Flow(aws, tenant.tenant_id).run()

    def tags(created: dict[str, Any]) -> list[str]:
        return list(api.call("GET", f"/leads/{created['lead_id']}", token=tenant.token)[1]["tags"])

    assert tags(big) == ["vip", "seen"]
    assert tags(small) == ["small", "seen"]
    assert tags(referred) == []  # the filter kept it out
    assert len(enrolments(api, tenant, flow["workflow_id"])) == 2


def test_a_workflow_that_sets_itself_off_stops_at_the_depth_limit_and_says_so(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    # Given a workflow that, on tag "ping" added, takes the tag off and puts it back (a loop)
    professional(tenant)
    flow = workflow(
        api,
        tenant,
        {
            "trigger": {"type": "tag_added", "tag": "ping"},
            "allow_reentry": True,
            "steps": [
                {"id": "off", "kind": "remove_tag", "tags": ["ping"]},
                {"id": "on", "kind": "add_tag", "tags": ["ping"]},
            ],
        },
    )
    created = lead(api, tenant)
    api.call("PATCH", f"/leads/{created['lead_id']}", {"tags": ["ping"], "version": 1}, tenant.token)
    Flow(aws, tenant.tenant_id).run(limit=100)

    found = enrolments(api, tenant, flow["workflow_id"])
    stopped = [e for e in found if e["status"] == "ended"]
    assert len(found) == 7 and len(stopped) == 1, [(e["status"], e["outcome"]) for e in found]
    assert "in a row" in stopped[0]["outcome"]
    assert sum(e["status"] == "done" for e in found) == 6


def test_an_unsubscribed_contact_gets_no_email_and_the_step_says_why(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    professional(tenant)
    template = email_template(api, tenant)
    flow = workflow(
        api,
        tenant,
        {
            "trigger": {"type": "lead_created"},
            "steps": [{"id": "mail", "kind": "send_email", "template_id": template["template_id"]}],
        },
    )
    created = lead(api, tenant, email="optout@example.test")
    status, contact = api.call("GET", f"/contacts/{created['contact_id']}", token=tenant.token)
    status, changed = api.call(
        "PATCH",
        f"/contacts/{created['contact_id']}",
        {"version": contact["version"], "consent": {"email_marketing": "denied"}},
        tenant.token,
    )
    assert status == 200, changed
    Flow(aws, tenant.tenant_id).run()
    [done] = enrolments(api, tenant, flow["workflow_id"])
    assert _steps(enrolment(api, tenant, done["enrolment_id"]))["mail"] == (
        "skipped",
        "Not sent: the contact unsubscribed from email",
    )
    assert [m for m in mails(tenant.tenant_id) if m.kind == "message"] == []


def test_deleting_a_lead_ends_its_enrolments(api: Api, aws: LocalAws, tenant: Account) -> None:
    professional(tenant)
    flow = workflow(
        api,
        tenant,
        {"trigger": {"type": "lead_created"}, "steps": [{"id": "w", "kind": "wait", "minutes": 60}]},
    )
    created = lead(api, tenant)
    events = Flow(aws, tenant.tenant_id)
    events.run()
    assert api.call("DELETE", f"/leads/{created['lead_id']}", token=tenant.token)[0] == 200
    events.run(times=2)
    [ended] = enrolments(api, tenant, flow["workflow_id"])
    assert ended["status"] == "ended" and ended["outcome"] == "Ended: the lead was deleted"
    assert _steps(enrolment(api, tenant, ended["enrolment_id"]))["w"][0] == "skipped"
    item = repo.get_enrolment(tenant.tenant_id, ended["enrolment_id"])
    assert item is not None and item.GSI6PK is None  # out of the wake index
    _status, shown = api.call("GET", f"/workflows/{flow['workflow_id']}", token=tenant.token)
    assert shown["active"] == 0 and shown["step_counts"]["w"]["waiting"] == 0


def test_a_manual_call_waits_for_its_person_and_completing_it_goes_on(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    professional(tenant)
    rep = invite(api, tenant, "Sales", "Rae Rep")
    flow = workflow(
        api,
        tenant,
        {
            "trigger": {"type": "lead_created"},
            "steps": [
                {
                    "id": "call",
                    "kind": "manual_action",
                    "action_type": "call",
                    "assignee": rep.tokens["user_id"],
                },
                {"id": "after", "kind": "add_tag", "tags": ["called"]},
            ],
        },
    )
    created = lead(api, tenant, phone="+14155550123")
    Flow(aws, tenant.tenant_id).run(times=2)

    # The rep's queue has it once; an Admin sees it in the team's, by workflow
    status, mine = api.call("GET", "/manual-actions", token=rep.token)
    assert status == 200 and mine["open_count"] == 1, mine
    [action] = mine["items"]
    assert action["action_type"] == "call" and action["workflow_name"] == "Welcome"
    assert action["subject_name"] == "Ada Lovelace" and action["phone"] == "+14155550123"
    status, team = api.call("GET", f"/manual-actions?workflow_id={flow['workflow_id']}", token=tenant.token)
    assert [a["action_id"] for a in team["items"]] == [action["action_id"]]
    status, _other = api.call(
        "GET", f"/manual-actions?assignee_id={tenant.tokens.get('user_id', 'x')}", token=rep.token
    )
    assert status == 403

    # When the rep completes it (twice: a double click)
    body = {"outcome": "connected", "note": "Booked a visit"}
    for _ in range(2):
        status, completed = api.call(
            "POST", f"/manual-actions/{action['action_id']}/complete", body, rep.token
        )
        assert status == 200 and completed["status"] == "done", completed
    Flow(aws, tenant.tenant_id).run()

    [done] = enrolments(api, tenant, flow["workflow_id"])
    assert done["status"] == "done"
    steps = _steps(enrolment(api, tenant, done["enrolment_id"]))
    assert steps["call"] == ("done", "Called by Rae Rep: connected")
    assert steps["after"][0] == "done"
    assert api.call("GET", f"/leads/{created['lead_id']}", token=tenant.token)[1]["tags"] == ["called"]
    assert api.call("GET", "/manual-actions", token=rep.token)[1]["open_count"] == 0


def test_without_reentry_a_lead_is_enrolled_once_and_round_robin_takes_turns(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    professional(tenant)
    first, second = invite(api, tenant, "Sales", "One"), invite(api, tenant, "Sales", "Two")
    users = [first.tokens["user_id"], second.tokens["user_id"]]
    flow = workflow(
        api,
        tenant,
        {
            "trigger": {"type": "stage_changed"},
            "steps": [{"id": "rr", "kind": "assign_owner", "mode": "round_robin", "user_ids": users}],
        },
    )
    leads = [lead(api, tenant, first_name=f"L{n}") for n in range(3)]
    status, pipelines = api.call("GET", "/pipelines", token=tenant.token)
    stages = pipelines["items"][0]["stages"]
    for created in leads:
        for target in (stages[1], stages[2]):  # moved twice: the second move enrols no one
            current = api.call("GET", f"/leads/{created['lead_id']}", token=tenant.token)[1]
            status, moved = api.call(
                "POST",
                f"/leads/{created['lead_id']}/stage",
                {"stage_id": target["stage_id"], "version": current["version"]},
                tenant.token,
            )
            assert status == 200, moved
    Flow(aws, tenant.tenant_id).run(times=2)
    found = enrolments(api, tenant, flow["workflow_id"])
    assert len(found) == 3
    owners = [api.call("GET", f"/leads/{c['lead_id']}", token=tenant.token)[1]["owner_id"] for c in leads]
    assert sorted(owners) in (sorted([users[0], users[1], users[0]]), sorted([users[1], users[0], users[1]]))
    assert set(owners) == set(users)


def test_a_workflow_moves_a_lead_whose_value_has_fils_and_keeps_the_value(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    # Given a workflow that moves each new lead to the pipeline's second stage
    professional(tenant)
    status, pipelines = api.call("GET", "/pipelines", token=tenant.token)
    pipeline = pipelines["items"][0]
    target = pipeline["stages"][1]
    move = {
        "id": "move",
        "kind": "move_stage",
        "pipeline_id": pipeline["pipeline_id"],
        "stage_id": target["stage_id"],
    }
    flow = workflow(api, tenant, {"trigger": {"type": "lead_created"}, "steps": [move]})

    # When a lead worth KWD 1.234 (kept as 123.4 hundredths) is created and the workflow runs
    created = lead(api, tenant, first_name="Fahad", value="1.234", currency="KWD")
    Flow(aws, tenant.tenant_id).run()

    # Then the step moved it at the first try, and the value is still exact
    [done] = enrolments(api, tenant, flow["workflow_id"])
    assert done["status"] == "done", done
    assert _steps(enrolment(api, tenant, done["enrolment_id"])) == {
        "move": ("done", f"Moved the lead to {target['name']}")
    }
    status, moved = api.call("GET", f"/leads/{created['lead_id']}", token=tenant.token)
    assert status == 200 and moved["stage_id"] == target["stage_id"], moved
    assert (moved["value"], moved["currency"]) == (1.234, "KWD")
    # and so is the value its contact's Leads tab shows
    status, contact = api.call("GET", f"/contacts/{created['contact_id']}", token=tenant.token)
    assert status == 200 and [(r["value"], r["currency"]) for r in contact["leads"]] == [(1.234, "KWD")]


def test_a_test_run_says_what_would_happen_and_changes_nothing(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    professional(tenant)
    template = email_template(api, tenant)
    status, created_flow = api.call(
        "POST",
        "/workflows",
        {
            "name": "Draft",
            "definition": {
                "trigger": {"type": "manual"},
                "steps": [
                    {"id": "w", "kind": "wait", "minutes": 60},
                    {"id": "mail", "kind": "send_email", "template_id": template["template_id"]},
                    {"id": "tag", "kind": "add_tag", "tags": ["tested"]},
                ],
            },
        },
        tenant.token,
    )
    assert status == 201, created_flow
    created = lead(api, tenant, first_name="Tess", email="tess@example.test")
    status, run = api.call(
        "POST",
        f"/workflows/{created_flow['workflow_id']}/test",
        {"lead_id": created["lead_id"]},
        tenant.token,
    )
    assert status == 200, run
    assert run["dry_run"] is True and run["status"] == "done"
    assert _steps(run) == {
        "w": ("done", "Would wait 1 hour"),
        "mail": ("done", "Would email “Thanks Tess” to tess@example.test"),
        "tag": ("done", "Would add tested on the lead"),
    }
    assert [m for m in mails(tenant.tenant_id) if m.kind == "message"] == []
    assert api.call("GET", f"/leads/{created['lead_id']}", token=tenant.token)[1]["tags"] == []
    status, shown = api.call("GET", f"/workflows/{created_flow['workflow_id']}", token=tenant.token)
    assert shown["enrolled"] == 0


def test_manual_enrolment_runs_in_the_background_once_per_request_key(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    professional(tenant)
    flow = workflow(
        api,
        tenant,
        {"trigger": {"type": "manual"}, "steps": [{"id": "tag", "kind": "add_tag", "tags": ["picked"]}]},
    )
    created = lead(api, tenant)
    body = {"lead_ids": [created["lead_id"], "01NOSUCHLEAD000000000000000"], "request_key": "k-123456789"}
    for _ in range(2):
        status, result = api.call("POST", f"/workflows/{flow['workflow_id']}/enrolments", body, tenant.token)
        assert status == 202, result
        assert len(result["enrolled"]) == 1 and result["skipped"][0]["reason"] == "No such lead"
    Flow(aws, tenant.tenant_id).run(times=2)
    [done] = enrolments(api, tenant, flow["workflow_id"])
    assert done["status"] == "done" and done["trigger"]["type"] == "manual"
    status, mine = api.call("GET", f"/leads/{created['lead_id']}/workflows", token=tenant.token)
    assert status == 200 and [e["enrolment_id"] for e in mine["past"]] == [done["enrolment_id"]]
    status, theirs = api.call("GET", f"/contacts/{created['contact_id']}/workflows", token=tenant.token)
    assert [e["workflow_name"] for e in theirs["past"]] == ["Welcome"] and theirs["active"] == []


def test_a_bulk_action_puts_the_selected_contacts_in_a_workflow_once(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    professional(tenant)
    flow = workflow(
        api,
        tenant,
        {
            "trigger": {"type": "manual"},
            "steps": [{"id": "tag", "kind": "add_tag", "tags": ["bulk"], "target": "contact"}],
        },
    )
    created = [lead(api, tenant, first_name=f"B{n}", email=f"b{n}@example.test") for n in range(3)]
    body = {
        "object": "contacts",
        "action": "enrol_workflow",
        "scope": {"ids": [c["contact_id"] for c in created]},
        "params": {"workflow_id": flow["workflow_id"]},
        "request_key": "bulk-enrol-123",
    }
    status, done = api.call("POST", "/bulk-actions", body, tenant.token)
    assert status == 201 and done["succeeded"] == 3, done
    status, again = api.call("POST", "/bulk-actions", {**body, "request_key": "bulk-enrol-456"}, tenant.token)
    assert status == 201 and again["skipped"] == 3, again  # the workflow takes no one twice
    Flow(aws, tenant.tenant_id).run(times=2)
    assert sorted(e["status"] for e in enrolments(api, tenant, flow["workflow_id"])) == ["done"] * 3
    for c in created:
        assert api.call("GET", f"/contacts/{c['contact_id']}", token=tenant.token)[1]["tags"] == ["bulk"]
    status, refused = api.call(
        "POST", "/bulk-actions", {**body, "params": {}, "request_key": "bulk-enrol-789"}, tenant.token
    )
    assert status == 422 and "params.workflow_id" in refused["error"]["fields"]


def test_an_overdue_follow_up_starts_a_workflow_once_however_often_the_reminder_run_goes(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    from convertly.notifications.senders import Senders
    from convertly.platform.mail.message import MailMessage
    from convertly.platform.mail.transport import MailTransport
    from convertly.work.reminders import run_reminders

    class Discard(MailTransport):
        name = "platform_smtp"

        def send(self, message: MailMessage) -> None:
            return None

    professional(tenant)
    flow = workflow(
        api,
        tenant,
        {
            "trigger": {"type": "followup_overdue"},
            "steps": [{"id": "tag", "kind": "add_tag", "tags": ["slipping"]}],
        },
    )
    created = lead(api, tenant, first_name="Otto")
    due_at = (datetime.now(UTC) - timedelta(hours=3)).isoformat(timespec="seconds").replace("+00:00", "Z")
    status, item = api.call(
        "POST", f"/leads/{created['lead_id']}/followups", {"type": "call", "due_at": due_at}, tenant.token
    )
    assert status == 201, item
    for _ in range(2):  # the run again a minute later owes nothing more
        run_reminders(datetime.now(UTC) + timedelta(seconds=5), senders=Senders(platform=lambda: Discard()))
    Flow(aws, tenant.tenant_id).run(times=2)
    found = enrolments(api, tenant, flow["workflow_id"])
    assert [(e["lead_id"], e["status"], e["trigger"]["type"]) for e in found] == [
        (created["lead_id"], "done", "followup_overdue")
    ]
    assert api.call("GET", f"/leads/{created['lead_id']}", token=tenant.token)[1]["tags"] == ["slipping"]


def test_deleting_a_contact_ends_its_enrolments(api: Api, aws: LocalAws, tenant: Account) -> None:
    professional(tenant)
    flow = workflow(
        api,
        tenant,
        {"trigger": {"type": "manual"}, "steps": [{"id": "w", "kind": "wait", "minutes": 60}]},
    )
    status, contact = api.call(
        "POST", "/contacts", {"first_name": "Cleo", "email": "cleo@example.test"}, tenant.token
    )
    assert status == 201, contact
    body = {"contact_ids": [contact["contact_id"]], "request_key": "k-contact-del"}
    assert api.call("POST", f"/workflows/{flow['workflow_id']}/enrolments", body, tenant.token)[0] == 202
    events = Flow(aws, tenant.tenant_id)
    events.run()
    assert [e["status"] for e in enrolments(api, tenant, flow["workflow_id"])] == ["waiting"]
    assert api.call("DELETE", f"/contacts/{contact['contact_id']}", token=tenant.token)[0] == 200
    events.run(times=2)
    [ended] = enrolments(api, tenant, flow["workflow_id"])
    assert ended["status"] == "ended" and ended["outcome"] == "Ended: the contact was deleted"
    status, shown = api.call("GET", f"/workflows/{flow['workflow_id']}", token=tenant.token)
    assert shown["active"] == 0 and shown["step_counts"]["w"] == {
        "waiting": 0,
        "done": 0,
        "failed": 0,
        "skipped": 1,
    }
