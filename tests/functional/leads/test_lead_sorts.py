"""The lead list sorted by created, last updated, value or name, in either order: each served by its
index, kept right by every write that moves a lead in it, bound to its cursors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from convertly.leads import store
from convertly.platform.terms import fold
from tests.functional.capture.forms_support import Visitor, answers, ensure_secrets_key, published_form
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up

SORTS = ("created", "updated", "value", "name")
DEFAULT_ORDER = {"created": "desc", "updated": "desc", "value": "desc", "name": "asc"}


def create(
    api: Api, account: Account, first: str, last: str = "", value: str = "0", **more: Any
) -> dict[str, Any]:
    body = {"first_name": first, "last_name": last, "value": value, **more}
    body.setdefault("email", f"{fold(first + last).replace(' ', '')}@sorts.test")
    status, lead = api.call("POST", "/leads", body, account.token)
    assert status == 201, lead
    return dict(lead)


def sort_key(sort: str, lead: dict[str, Any]) -> Any:
    """Where a lead belongs in a sort, as the API shows the lead (ties go by lead id)."""
    if sort == "created":
        return lead["created_at"]
    if sort == "updated":
        return lead["updated_at"]
    if sort == "value":
        return Decimal(str(lead["value"]))
    return fold(lead["name"])


def expected(sort: str, order: str, leads: list[dict[str, Any]]) -> list[str]:
    ranked = sorted(leads, key=lambda lead: (sort_key(sort, lead), lead["lead_id"]), reverse=order == "desc")
    return [lead["lead_id"] for lead in ranked]


def walk(api: Api, account: Account, query: str, limit: int = 2) -> list[dict[str, Any]]:
    """Every lead the list gives, page by page; each page at most `limit`."""
    seen: list[dict[str, Any]] = []
    cursor = None
    for _ in range(100):
        path = f"/leads?limit={limit}&{query}" + (f"&cursor={cursor}" if cursor else "")
        status, page = api.call("GET", path, token=account.token)
        assert status == 200, page
        assert len(page["items"]) <= limit
        seen += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return seen
    raise AssertionError("the cursor walk did not end")


def ids(api: Api, account: Account, query: str, limit: int = 2) -> list[str]:
    return [lead["lead_id"] for lead in walk(api, account, query, limit)]


def fetch(api: Api, account: Account, lead_id: str) -> dict[str, Any]:
    status, lead = api.call("GET", f"/leads/{lead_id}", token=account.token)
    assert status == 200, lead
    return dict(lead)


def patch(api: Api, account: Account, lead: dict[str, Any], **changes: Any) -> dict[str, Any]:
    status, body = api.call(
        "PATCH", f"/leads/{lead['lead_id']}", {**changes, "version": lead["version"]}, account.token
    )
    assert status == 200, body
    return dict(body)


def stages(api: Api, account: Account) -> dict[str, str]:
    _, body = api.call("GET", "/pipelines", token=account.token)
    return {stage["name"]: stage["stage_id"] for stage in body["items"][0]["stages"]}


@pytest.fixture
def five(api: Api, tenant: Account) -> list[dict[str, Any]]:
    """Five leads: names with an accent and mixed case, two with the same value (a tie)."""
    made = [
        create(api, tenant, "Zoë", "Adams", "300"),
        create(api, tenant, "adam", "Young", "1250.50"),
        create(api, tenant, "Émile", "Brun", "75"),
        create(api, tenant, "Bea", "Stone", "300"),
        create(api, tenant, "Carl", "", "0"),
    ]
    patch(api, tenant, made[1], company="Young & Co")  # updated after the others were created
    return [fetch(api, tenant, lead["lead_id"]) for lead in made]


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_each_sort_walks_every_lead_once_in_order(
    api: Api, tenant: Account, five: list[dict[str, Any]], sort: str, order: str
) -> None:
    # Given five leads; when the list is walked two at a time in this sort and order
    seen = ids(api, tenant, f"sort={sort}&order={order}")
    # Then each lead shows exactly once, in the sort's order (ties by lead id)
    assert seen == expected(sort, order, five)


@pytest.mark.parametrize("sort", SORTS)
def test_each_sort_has_its_own_default_order(
    api: Api, tenant: Account, five: list[dict[str, Any]], sort: str
) -> None:
    assert ids(api, tenant, f"sort={sort}", limit=100) == expected(sort, DEFAULT_ORDER[sort], five)


def test_names_fold_case_and_accents(api: Api, tenant: Account, five: list[dict[str, Any]]) -> None:
    names = [lead["name"] for lead in walk(api, tenant, "sort=name", limit=100)]
    assert names == ["adam Young", "Bea Stone", "Carl", "Émile Brun", "Zoë Adams"]


def test_edits_moves_and_contact_changes_reorder_the_updated_sort(api: Api, tenant: Account) -> None:
    # Given three leads, the newest updated first
    a, b, c = (create(api, tenant, name) for name in ("Ann", "Ben", "Cal"))
    assert ids(api, tenant, "sort=updated") == [c["lead_id"], b["lead_id"], a["lead_id"]]
    # When the oldest is edited, then it is the latest updated
    patch(api, tenant, a, company="Acme")
    assert ids(api, tenant, "sort=updated") == [a["lead_id"], c["lead_id"], b["lead_id"]]
    # When another is moved to another stage (an in-place update), then it comes first
    body = {"stage_id": stages(api, tenant)["Contacted"], "version": b["version"]}
    status, moved = api.call("POST", f"/leads/{b['lead_id']}/stage", body, tenant.token)
    assert status == 200, moved
    assert ids(api, tenant, "sort=updated") == [b["lead_id"], a["lead_id"], c["lead_id"]]
    # When the last one's contact is renamed (its leads take the name in place), then it comes first
    contact_id = c["contact_id"]
    _, contact = api.call("GET", f"/contacts/{contact_id}", token=tenant.token)
    status, body = api.call(
        "PATCH", f"/contacts/{contact_id}", {"last_name": "Zed", "version": contact["version"]}, tenant.token
    )
    assert status == 200, body
    assert ids(api, tenant, "sort=updated") == [c["lead_id"], b["lead_id"], a["lead_id"]]
    # And the order is the leads' own updated_at
    leads = [fetch(api, tenant, lead["lead_id"]) for lead in (a, b, c)]
    assert ids(api, tenant, "sort=updated") == expected("updated", "desc", leads)


def test_a_repeat_form_submission_moves_its_lead_to_the_top_of_the_updated_sort(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    # Given a lead from a form, then a newer lead
    ensure_secrets_key(aws)
    form = published_form(api, tenant)
    visitor = Visitor(api)
    fields = answers()
    assert visitor.post_json(form["form_id"], fields).status == 201
    (from_form,) = walk(api, tenant, "sort=updated")
    newer = create(api, tenant, "Newer")
    assert ids(api, tenant, "sort=updated") == [newer["lead_id"], from_form["lead_id"]]
    # When the same person submits again (a touch written onto the lead in place)
    again = visitor.post_json(form["form_id"], {**fields, "name": "Ada L."}, attribution={"fbclid": "again"})
    assert again.status == 201, again.body
    # Then their lead is the latest updated
    assert ids(api, tenant, "sort=updated") == [from_form["lead_id"], newer["lead_id"]]


def test_value_changes_reorder_the_value_sort(api: Api, tenant: Account) -> None:
    low, mid, high = (
        create(api, tenant, n, value=v) for n, v in (("Low", "10"), ("Mid", "20"), ("High", "30"))
    )
    assert ids(api, tenant, "sort=value") == [high["lead_id"], mid["lead_id"], low["lead_id"]]
    # An edit of the value moves the lead
    patch(api, tenant, low, value="25.5")
    assert ids(api, tenant, "sort=value") == [high["lead_id"], low["lead_id"], mid["lead_id"]]
    # A win that sets the deal's value moves it too (the stage change's in-place update)
    body = {"stage_id": stages(api, tenant)["Closed Won"], "version": mid["version"], "value": "99.99"}
    status, won = api.call("POST", f"/leads/{mid['lead_id']}/stage", body, tenant.token)
    assert status == 200, won
    assert ids(api, tenant, "sort=value") == [mid["lead_id"], high["lead_id"], low["lead_id"]]
    assert ids(api, tenant, "sort=value&order=asc") == [low["lead_id"], high["lead_id"], mid["lead_id"]]


def test_name_changes_reorder_the_name_sort(api: Api, tenant: Account) -> None:
    amy, bob, cat = (create(api, tenant, n) for n in ("Amy", "Bob", "Cat"))
    assert ids(api, tenant, "sort=name") == [amy["lead_id"], bob["lead_id"], cat["lead_id"]]
    # An edit of the first name moves the lead
    patch(api, tenant, amy, first_name="Dora")
    assert ids(api, tenant, "sort=name") == [bob["lead_id"], cat["lead_id"], amy["lead_id"]]
    # A rename of the contact moves its lead (the lead's copy, written in place)
    contact_id = cat["contact_id"]
    _, contact = api.call("GET", f"/contacts/{contact_id}", token=tenant.token)
    status, body = api.call(
        "PATCH", f"/contacts/{contact_id}", {"first_name": "Al", "version": contact["version"]}, tenant.token
    )
    assert status == 200, body
    assert ids(api, tenant, "sort=name") == [cat["lead_id"], bob["lead_id"], amy["lead_id"]]


def test_a_deleted_lead_leaves_every_sort_and_a_restore_puts_it_back(
    api: Api, tenant: Account, five: list[dict[str, Any]]
) -> None:
    gone = five[2]
    status, _ = api.call("DELETE", f"/leads/{gone['lead_id']}", token=tenant.token)
    assert status == 200
    rest = [lead for lead in five if lead is not gone]
    for sort in ("updated", "value", "name"):
        assert ids(api, tenant, f"sort={sort}") == expected(sort, DEFAULT_ORDER[sort], rest), sort
    # Its contact renamed meanwhile (an in-place copy reaches the deleted lead): still left out
    _, contact = api.call("GET", f"/contacts/{gone['contact_id']}", token=tenant.token)
    patched = {"first_name": "Aaron", "version": contact["version"]}
    assert api.call("PATCH", f"/contacts/{gone['contact_id']}", patched, tenant.token)[0] == 200
    assert gone["lead_id"] not in ids(api, tenant, "sort=name")
    # Restored, it is back in each, where its state puts it
    status, restored = api.call("POST", f"/leads/{gone['lead_id']}/restore", token=tenant.token)
    assert status == 200, restored
    everyone = [*rest, restored]
    for sort in ("updated", "value", "name"):
        assert ids(api, tenant, f"sort={sort}") == expected(sort, DEFAULT_ORDER[sort], everyone), sort
    assert ids(api, tenant, "sort=name")[0] == gone["lead_id"]  # Aaron Brun


def test_another_tenants_leads_never_appear(api: Api, tenant: Account, five: list[dict[str, Any]]) -> None:
    other = sign_up(api, "Other Co")
    own = create(api, other, "Olga", value="5")
    for sort in SORTS:
        for order in ("asc", "desc"):
            assert ids(api, other, f"sort={sort}&order={order}") == [own["lead_id"]]


def test_filters_apply_within_a_sort(api: Api, tenant: Account) -> None:
    sales = invite(api, tenant, "Sales")
    rep = sales.tokens["user_id"]
    contacted = stages(api, tenant)["Contacted"]
    _, pipelines = api.call("GET", "/pipelines", token=tenant.token)
    pipeline_id = pipelines["items"][0]["pipeline_id"]
    made = {
        "meta_low": create(api, tenant, "Mia", value="10", source="meta_ads"),
        "meta_high": create(api, tenant, "Max", value="90", source="meta_ads", owner_id=rep),
        "staged": create(api, tenant, "Sue", value="50", pipeline_id=pipeline_id, stage_id=contacted),
        "owned": create(api, tenant, "Oli", value="70", owner_id=rep),
        "plain": create(api, tenant, "Pat", value="30"),
    }

    def listed(query: str, account: Account = tenant) -> list[str]:
        by_id = {lead["lead_id"]: name for name, lead in made.items()}
        return [by_id[lead_id] for lead_id in ids(api, account, query)]

    assert listed("sort=value&source=meta_ads") == ["meta_high", "meta_low"]
    assert listed(f"sort=name&stage_id={contacted}") == ["staged"]
    assert listed(f"sort=value&order=asc&owner_id={rep}") == ["owned", "meta_high"]
    assert listed(f"sort=value&owner_id={rep}&source=meta_ads") == ["meta_high"]
    # A Sales user's list is their leads, in the sort asked for
    assert listed("sort=name", sales) == ["meta_high", "owned"]
    # The created range filters on the creation date
    assert listed("sort=value&created_from=2000-01-01&created_to=2000-12-31") == []
    assert len(listed("sort=updated&created_from=2000-01-01")) == 5


def test_a_filtered_sort_reads_a_bounded_amount_per_page(
    api: Api, tenant: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given leads of which few match the filter, and a page that may read only a few leads
    made = [
        create(api, tenant, f"Lead{i}", value=str(i), source="referral" if i % 4 == 0 else "manual")
        for i in range(12)
    ]
    monkeypatch.setattr(store, "SORT_READ_BUDGET", 3)
    # When the filtered list is walked
    pages = 0
    seen: list[str] = []
    cursor = None
    while True:
        path = "/leads?limit=2&sort=value&source=referral" + (f"&cursor={cursor}" if cursor else "")
        status, page = api.call("GET", path, token=tenant.token)
        assert status == 200, page
        pages += 1
        seen += [lead["lead_id"] for lead in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    # Then pages stop at the budget (some short), and the walk still gives each match once, in order
    matching = [lead for lead in made if lead["source"] == "referral"]
    assert seen == expected("value", "desc", matching)
    assert pages > 2


def test_unknown_sort_or_order_is_a_readable_422(api: Api, tenant: Account) -> None:
    for query, field in (("sort=score", "sort"), ("sort=VALUE", "sort"), ("order=up", "order")):
        status, body = api.call("GET", f"/leads?{query}", token=tenant.token)
        assert status == 422, (query, body)
        assert body["error"]["code"] == "validation_error"
        assert field in body["error"]["fields"], body
    status, body = api.call("GET", "/leads?deleted=true&sort=value", token=tenant.token)
    assert status == 422 and "sort" in body["error"]["fields"], body


def test_a_cursor_from_another_sort_or_order_is_422(
    api: Api, tenant: Account, five: list[dict[str, Any]]
) -> None:
    def first_cursor(query: str) -> str:
        status, page = api.call("GET", f"/leads?limit=2&{query}", token=tenant.token)
        assert status == 200 and page["next_cursor"], page
        return str(page["next_cursor"])

    created = first_cursor("")
    by_value = first_cursor("sort=value")
    by_name_desc = first_cursor("sort=name&order=desc")
    for cursor, query in (
        (created, "sort=value"),
        (created, "sort=created&order=asc"),
        (by_value, "sort=name"),
        (by_value, "sort=value&order=asc"),
        (by_value, ""),
        (by_name_desc, "sort=name"),
    ):
        status, body = api.call("GET", f"/leads?limit=2&{query}&cursor={cursor}", token=tenant.token)
        assert status == 422, (query, body)
        assert body["error"]["code"] == "cursor_order_mismatch" and "cursor" in body["error"]["fields"]
    # A cursor in its own sort and order goes on; one that is not a cursor at all is a 400
    assert api.call("GET", f"/leads?limit=2&sort=value&cursor={by_value}", token=tenant.token)[0] == 200
    status, body = api.call("GET", "/leads?sort=value&cursor=value.desc.bm90LWpzb24", token=tenant.token)
    assert status == 400 and body["error"]["code"] == "invalid_cursor"


def test_a_sort_cursor_of_another_tenant_is_rejected(
    api: Api, tenant: Account, five: list[dict[str, Any]]
) -> None:
    _, page = api.call("GET", "/leads?limit=2&sort=value", token=tenant.token)
    other = sign_up(api, "Other Co")
    status, body = api.call(
        "GET", f"/leads?limit=2&sort=value&cursor={page['next_cursor']}", token=other.token
    )
    assert status == 400 and body["error"]["code"] == "invalid_cursor"


def test_a_search_keeps_its_match_order_whatever_the_sort(api: Api, tenant: Account) -> None:
    create(api, tenant, "Sam", "Zulu", "1")
    create(api, tenant, "Sam", "Alpha", "2")
    plain = ids(api, tenant, "q=sam", limit=10)
    assert len(plain) == 2
    assert ids(api, tenant, "q=sam&sort=value", limit=10) == plain
    assert ids(api, tenant, "q=sam&sort=name&order=desc", limit=10) == plain


def test_a_name_sorts_before_the_longer_names_it_starts(api: Api, tenant: Account) -> None:
    # Given "Ann" made after "Ann Smith" and "Anna" (a later lead id would not save it)
    smith = create(api, tenant, "Ann", "Smith")
    anna = create(api, tenant, "Anna")
    ann = create(api, tenant, "Ann")
    # Then A to Z is Ann, Ann Smith, Anna, and Z to A the reverse
    order = [ann["lead_id"], smith["lead_id"], anna["lead_id"]]
    assert ids(api, tenant, "sort=name&order=asc") == order
    assert ids(api, tenant, "sort=name&order=desc") == order[::-1]
