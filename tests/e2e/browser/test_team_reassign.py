"""Reassign work in the browser: an Admin gives a departing Sales rep's open leads and follow-up to a
colleague and themselves from Settings > Team. The dialog names who can take work (a person
deactivated meanwhile is refused under the picker, by name), explains the round robin, then follows the
background job to done; the leads' owners moved in turn, the Team page counts no open lead left for
the rep, and the rep can then be deactivated and deleted."""

from __future__ import annotations

import re
import time
import uuid
from collections import Counter
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.browser.api import Account, Api
from tests.e2e.browser.conftest import log_in
from tests.e2e.browser.test_team import member_row, open_team
from tests.e2e.waiting import until

# The owners' open lead counters follow the leads' events asynchronously.
COUNTED_WITHIN_S = 60.0


def _open_leads(api: Api, account: Account, user_id: str) -> int:
    member: dict[str, Any] = api.ok("GET", f"/team/{user_id}", account.id_token)
    return int(member["open_leads"])


def test_an_admin_reassigns_a_leavers_work_round_robin_then_deletes_them(
    page: Page, api: Api, account: Account
) -> None:
    suffix = uuid.uuid4().hex[:6]
    leaver_name, taker_name, gone_name = (
        f"Lou Leaving {suffix}",
        f"Sam Taking {suffix}",
        f"Dee Parting {suffix}",
    )
    token = account.id_token
    admin_id = api.ok("GET", "/me", token)["user"]["user_id"]

    # Given a tenant with two Sales reps (and a third who leaves while the dialog is open)
    leaver = api.add_user(token, "Sales", leaver_name)
    taker = api.add_user(token, "Sales", taker_name)
    gone = api.add_user(token, "Sales", gone_name)
    leaver_id, taker_id = leaver["user_id"], taker["user_id"]
    # And three open leads owned by the first, with a follow-up assigned to them
    leads = [
        api.create_lead(token, first_name=f"Moving{n}", last_name=suffix, owner_id=leaver_id)
        for n in range(3)
    ]
    due = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 86_400))
    followup = api.ok(
        "POST",
        f"/leads/{leads[0]['lead_id']}/followups",
        token,
        json={"type": "call", "due_at": due, "assignee_id": leaver_id},
    )
    assert followup["assignee_id"] == leaver_id
    until(
        lambda: _open_leads(api, account, leaver_id) == 3,
        "the rep's three open leads counted",
        timeout=COUNTED_WITHIN_S,
    )

    # When the Admin opens Settings > Team and chooses "Reassign work" on the rep's row
    log_in(page, account.email, account.password)
    open_team(page)
    row = member_row(page, leaver_name)
    expect(row.get_by_role("cell", name="3", exact=True)).to_be_visible()
    row.get_by_role("button", name=f"Reassign work of {leaver_name}").click()
    dialog = page.get_by_role("dialog", name=f"Reassign the work of {leaver_name}")

    # Then it offers the other active members with their roles, never the rep themselves, and
    # moves leads, follow-ups and tasks unless told otherwise
    people = dialog.get_by_role("group", name="Who receives the work")
    expect(people.get_by_role("checkbox")).to_have_count(3)
    expect(people.get_by_role("listitem").filter(has_text=account.name)).to_contain_text("Admin")
    expect(people.get_by_role("listitem").filter(has_text=taker_name)).to_contain_text("Sales")
    expect(people.get_by_role("checkbox", name=leaver_name)).to_have_count(0)
    for kind in ("Open leads", "Open follow-ups", "Open tasks"):
        expect(dialog.get_by_role("checkbox", name=kind, exact=True)).to_be_checked()
    expect(dialog).to_contain_text("round robin")

    # Nobody chosen: the dialog says so before sending
    dialog.get_by_role("button", name="Reassign work").click()
    expect(people).to_contain_text("Choose who receives the work")

    # A person deactivated while the dialog is open is refused by the API, by name, under the picker
    people.get_by_role("checkbox", name=gone_name).check()
    api.ok("POST", f"/team/{gone['user_id']}/deactivate", token)
    dialog.get_by_role("button", name="Reassign work").click()
    expect(people).to_contain_text(f"{gone_name} is deactivated")
    expect(people.get_by_role("checkbox", name=gone_name)).to_have_count(0)  # read again: not active

    # When they choose the other rep and themselves, the round robin's shares are spelled out
    people.get_by_role("checkbox", name=taker_name).check()
    people.get_by_role("checkbox", name=account.name).check()
    expect(dialog).to_contain_text(f"Of the 3 open leads: {account.name} 2, {taker_name} 1.")
    dialog.get_by_role("button", name="Reassign work").click()

    # Then the dialog follows the job until it is done, and a toast says what moved
    status = dialog.get_by_role("status").filter(has_text=re.compile("Done|Moving|Waiting"))
    expect(status).to_contain_text("Done", timeout=60_000)
    expect(status).to_contain_text("3 of 3 leads, 1 of 1 follow-up, no tasks")
    expect(dialog.get_by_role("progressbar", name="Open leads moved")).to_have_attribute("value", "100")
    expect(
        page.get_by_role("status").filter(
            has_text=f"The work of {leaver_name} was reassigned: 3 leads, 1 follow-up, 0 tasks moved"
        )
    ).to_be_visible()
    dialog.get_by_role("button", name="Done").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("region", name="Work being reassigned")).to_have_count(0)

    # And the Team page, read again, counts no open lead left for the rep: 2 and 1 for the others
    expect(member_row(page, leaver_name).get_by_role("cell", name="0", exact=True)).to_be_visible()
    expect(member_row(page, account.name).get_by_role("cell", name="2", exact=True)).to_be_visible()
    expect(member_row(page, taker_name).get_by_role("cell", name="1", exact=True)).to_be_visible()

    # And the leads moved in turn (first the Admin, first in the list), the follow-up with them
    owners = [api.ok("GET", f"/leads/{lead['lead_id']}", token)["owner_id"] for lead in leads]
    assert Counter(owners) == Counter({admin_id: 2, taker_id: 1}), owners
    moved = api.ok("GET", f"/leads/{leads[0]['lead_id']}/followups", token)["items"]
    assert [f["assignee_id"] for f in moved] == [admin_id], moved
    timeline = api.ok("GET", f"/leads/{leads[0]['lead_id']}/timeline", token)
    assert leaver_id in str(timeline) and owners[0] in str(timeline), timeline
    assert _open_leads(api, account, leaver_id) == 0

    # When the Admin deactivates the rep, then deletes them, both succeed: no work is left
    member_row(page, leaver_name).get_by_role("button", name=f"Deactivate {leaver_name}").click()
    page.get_by_role("dialog", name=f"Deactivate {leaver_name}?").get_by_role(
        "button", name="Deactivate"
    ).click()
    expect(page.get_by_role("status").filter(has_text=f"{leaver_name} was deactivated")).to_be_visible()
    row = member_row(page, leaver_name)
    expect(row).to_contain_text("Deactivated")
    row.get_by_role("button", name=f"Delete {leaver_name}").click()
    page.get_by_role("dialog", name=f"Delete {leaver_name}?").get_by_role(
        "button", name="Delete user"
    ).click()
    expect(page.get_by_role("status").filter(has_text=f"{leaver_name} was deleted")).to_be_visible()
    expect(member_row(page, leaver_name)).to_have_count(0)


def test_a_delete_refused_for_open_work_offers_to_reassign_it(page: Page, api: Api, account: Account) -> None:
    suffix = uuid.uuid4().hex[:6]
    name = f"Pat Parted {suffix}"
    token = account.id_token
    admin_id = api.ok("GET", "/me", token)["user"]["user_id"]
    rep = api.add_user(token, "Sales", name)
    lead = api.create_lead(token, first_name="Orphan", last_name=suffix, owner_id=rep["user_id"])
    api.ok("POST", f"/team/{rep['user_id']}/deactivate", token)
    until(
        lambda: _open_leads(api, account, rep["user_id"]) == 1,
        "the rep's open lead counted",
        timeout=COUNTED_WITHIN_S,
    )

    # Given a deactivated rep who still owns a lead: deleting them is refused with a way forward
    log_in(page, account.email, account.password)
    open_team(page)
    member_row(page, name).get_by_role("button", name=f"Delete {name}").click()
    delete = page.get_by_role("dialog", name=f"Delete {name}?")
    delete.get_by_role("button", name="Delete user").click()
    expect(delete.get_by_role("alert")).to_contain_text(f"{name} still has work")

    # When the Admin follows it, the reassign dialog opens for that rep; all of it goes to the Admin
    delete.get_by_role("button", name="Reassign their work").click()
    dialog = page.get_by_role("dialog", name=f"Reassign the work of {name}")
    people = dialog.get_by_role("group", name="Who receives the work")
    expect(people.get_by_role("checkbox")).to_have_count(1)  # the Admin: the only other active member
    people.get_by_role("checkbox", name=account.name).check()
    expect(dialog).to_contain_text(f"All of it goes to {account.name}.")
    dialog.get_by_role("button", name="Reassign work").click()
    expect(dialog.get_by_role("status").filter(has_text="Done")).to_contain_text(
        "1 of 1 lead, no follow-ups, no tasks", timeout=60_000
    )
    dialog.get_by_role("button", name="Done").click()

    # Then the lead is the Admin's, and deleting the rep succeeds
    assert api.ok("GET", f"/leads/{lead['lead_id']}", token)["owner_id"] == admin_id
    member_row(page, name).get_by_role("button", name=f"Delete {name}").click()
    page.get_by_role("dialog", name=f"Delete {name}?").get_by_role("button", name="Delete user").click()
    expect(page.get_by_role("status").filter(has_text=f"{name} was deleted")).to_be_visible()
    expect(member_row(page, name)).to_have_count(0)
