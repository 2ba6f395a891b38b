"""The tag registry: what a record's transaction moves (tag_writes), search by tag, and the Settings >
Tags actions (create, rename, recolor, merge, delete), which rewrite every record through its type's
retag hook. The hooks here are fakes that keep records in memory and call tag_writes as the real ones do.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from convertly.fields import service, tags
from convertly.platform.store.transaction import Transaction
from convertly.platform.terms import label_term
from tests.functional.conftest import Account, Api, sign_up


@dataclass
class FakeRecords:
    """Records of every type with their tags; `retag` is what a real hook does to one."""

    tenant_id: str
    tags: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    calls: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    fail_on: set[str] = field(default_factory=set)

    def tag(self, object_type: str, record_id: str, *new: str) -> None:
        old = self.tags.get((object_type, record_id), [])
        self._write(object_type, record_id, old, list(new))

    def _write(self, object_type: str, record_id: str, old: list[str], new: list[str]) -> None:
        tx = Transaction()
        service.tag_writes(tx, self.tenant_id, object_type, record_id, old, new)
        if len(tx):
            tx.commit()
        self.tags[(object_type, record_id)] = new

    def hook(self, object_type: str) -> tags.Retagger:
        def retag(tenant_id: str, record_id: str, old: str, new: str | None) -> None:
            assert tenant_id == self.tenant_id
            self.calls.append((object_type, record_id, old, new))
            if record_id in self.fail_on:
                self.fail_on.discard(record_id)
                raise RuntimeError("the record's write failed")
            current = self.tags.get((object_type, record_id))
            if current is None or label_term(old) not in {label_term(t) for t in current}:
                return
            kept: dict[str, str] = {}  # by folded name, the first spelling in the record's order
            for tag in current:
                replacement = new if label_term(tag) == label_term(old) else tag
                if replacement is not None:
                    kept.setdefault(label_term(replacement), replacement)
            self._write(object_type, record_id, current, list(kept.values()))

        return retag


@pytest.fixture
def records(tenant: Account, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeRecords]:
    fake = FakeRecords(tenant.tenant_id)
    for object_type in ("contact", "company", "lead"):
        monkeypatch.setitem(tags.RETAGGERS, object_type, fake.hook(object_type))
    yield fake


def listed(api: Api, account: Account) -> dict[str, dict[str, object]]:
    status, body = api.call("GET", "/tags", token=account.token)
    assert status == 200, body
    return {tag["name"]: tag for tag in body["items"]}


def counts(tag: dict[str, object]) -> tuple[object, object, object]:
    return tag["contact_count"], tag["company_count"], tag["lead_count"]


def test_tag_writes_register_count_and_index_what_carries_a_tag(
    api: Api, tenant: Account, records: FakeRecords
) -> None:
    # Given a contact, a company and a lead tagged in their own transactions
    records.tag("contact", "c1", "VIP", "Hot")
    records.tag("company", "co1", "vip")
    records.tag("lead", "l1", "Vip", "cold")
    # Then each tag is registered once, under the name it was first used with, counted per type
    found = listed(api, tenant)
    assert list(found) == ["cold", "Hot", "VIP"]  # by folded name
    assert counts(found["VIP"]) == (1, 1, 1) and counts(found["Hot"]) == (1, 0, 0)
    assert found["VIP"]["tag_id"] == service.tag_id("vip")
    # And the index finds them by tag, in any spelling, all of them or one type
    every, cursor = service.records_with_tag(tenant.tenant_id, "VIP")
    assert (sorted(every), cursor) == ([("company", "co1"), ("contact", "c1"), ("lead", "l1")], None)
    assert service.records_with_tag(tenant.tenant_id, "vIp", "lead") == ([("lead", "l1")], None)
    first, cursor = service.records_with_tag(tenant.tenant_id, "vip", limit=2)
    rest, end = service.records_with_tag(tenant.tenant_id, "vip", limit=2, cursor=cursor)
    assert len(first) == 2 and cursor and end is None and sorted(first + rest) == sorted(every)


def test_a_changed_tag_costs_two_items_and_a_respelt_one_none(api: Api, tenant: Account) -> None:
    tx = Transaction()
    service.tag_writes(tx, tenant.tenant_id, "contact", "c1", ["A", "B", "keep"], ["Keep", "C", "D", "E"])
    assert len(tx) == 2 * 5  # A and B removed, C, D and E added; keep/Keep is the same tag
    tx = Transaction()
    service.tag_writes(tx, tenant.tenant_id, "contact", "c1", ["VIP"], ["vip", "Víp"])
    assert len(tx) == 0


def test_removing_a_tag_moves_its_count_and_its_index_entry(
    api: Api, tenant: Account, records: FakeRecords
) -> None:
    records.tag("contact", "c1", "VIP", "Hot")
    records.tag("contact", "c2", "VIP")
    records.tag("contact", "c1", "Hot")
    assert counts(listed(api, tenant)["VIP"]) == (1, 0, 0)
    assert service.records_with_tag(tenant.tenant_id, "vip") == ([("contact", "c2")], None)


def test_a_tag_is_created_once_by_its_folded_name(api: Api, tenant: Account) -> None:
    status, created = api.call("POST", "/tags", {"name": "Key Account", "color": "#1D4ED8"}, tenant.token)
    assert status == 201, created
    assert (created["name"], created["color"], counts(created)) == ("Key Account", "#1d4ed8", (0, 0, 0))
    status, body = api.call("POST", "/tags", {"name": "  key accóunt "}, tenant.token)
    assert (status, body["error"]["code"]) == (409, "tag_exists")
    for bad in ({"name": ""}, {"name": "x" * 51}, {"name": "ok", "color": "blue"}):
        assert api.call("POST", "/tags", bad, tenant.token)[0] == 422, bad
    assert list(listed(api, tenant)) == ["Key Account"]


def test_a_color_is_set_and_removed(api: Api, tenant: Account) -> None:
    _, created = api.call("POST", "/tags", {"name": "Hot"}, tenant.token)
    path = f"/tags/{created['tag_id']}"
    status, body = api.call("PATCH", path, {"color": "#ff0000"}, tenant.token)
    assert (status, body["color"]) == (200, "#ff0000")
    status, body = api.call("PATCH", path, {"color": None}, tenant.token)
    assert (status, body["color"], body["name"]) == (200, None, "Hot")


def test_a_rename_rewrites_every_record_and_moves_the_counts(
    api: Api, tenant: Account, records: FakeRecords
) -> None:
    # Given a colored tag on a contact, a company and two leads
    records.tag("contact", "c1", "VIP", "Hot")
    records.tag("company", "co1", "vip")
    records.tag("lead", "l1", "VIP")
    records.tag("lead", "l2", "VIP")
    vip = listed(api, tenant)["VIP"]
    api.call("PATCH", f"/tags/{vip['tag_id']}", {"color": "#00aa00"}, tenant.token)
    # When it is renamed
    status, renamed = api.call("PATCH", f"/tags/{vip['tag_id']}", {"name": "Key account"}, tenant.token)
    # Then the answer is the tag under its new name and id, with its color and its records
    assert status == 200, renamed
    assert (renamed["name"], renamed["color"], counts(renamed)) == ("Key account", "#00aa00", (1, 1, 2))
    assert renamed["tag_id"] == service.tag_id("key account")
    # And every record carries the new name where the old one was; the old tag is gone
    assert records.tags[("contact", "c1")] == ["Key account", "Hot"]
    assert records.tags[("company", "co1")] == ["Key account"]
    assert sorted(c[:2] for c in records.calls) == [
        ("company", "co1"),
        ("contact", "c1"),
        ("lead", "l1"),
        ("lead", "l2"),
    ]
    assert {c[2:] for c in records.calls} == {("VIP", "Key account")}
    assert list(listed(api, tenant)) == ["Hot", "Key account"]
    assert service.records_with_tag(tenant.tenant_id, "vip") == ([], None)
    assert len(service.records_with_tag(tenant.tenant_id, "key account")[0]) == 4
    assert api.call("PATCH", f"/tags/{vip['tag_id']}", {"name": "x"}, tenant.token)[0] == 404


def test_a_new_spelling_of_the_same_name_rewrites_the_records_and_keeps_the_id(
    api: Api, tenant: Account, records: FakeRecords
) -> None:
    records.tag("contact", "c1", "vip")
    tag_id = service.tag_id("vip")
    status, renamed = api.call("PATCH", f"/tags/{tag_id}", {"name": "VIP"}, tenant.token)
    assert status == 200, renamed
    assert (renamed["tag_id"], renamed["name"], counts(renamed)) == (tag_id, "VIP", (1, 0, 0))
    assert records.tags[("contact", "c1")] == ["VIP"]
    assert service.records_with_tag(tenant.tenant_id, "vip") == ([("contact", "c1")], None)


def test_a_rename_onto_another_tags_name_is_409_merge_instead(
    api: Api, tenant: Account, records: FakeRecords
) -> None:
    records.tag("contact", "c1", "VIP")
    records.tag("contact", "c2", "Gold")
    status, body = api.call("PATCH", f"/tags/{service.tag_id('vip')}", {"name": "GOLD"}, tenant.token)
    assert (status, body["error"]["code"]) == (409, "tag_exists")
    assert records.calls == [] and records.tags[("contact", "c1")] == ["VIP"]


def test_a_rename_cut_short_is_finished_by_sending_it_again(
    api: Api, tenant: Account, records: FakeRecords
) -> None:
    # Given a tag on three contacts, and a record whose write fails once
    for record_id in ("c1", "c2", "c3"):
        records.tag("contact", record_id, "VIP")
    records.fail_on.add("c2")
    path = f"/tags/{service.tag_id('vip')}"
    # When the rename fails half way, then both names are registered for now
    assert api.call("PATCH", path, {"name": "Gold"}, tenant.token)[0] == 500
    assert set(listed(api, tenant)) == {"Gold", "VIP"}
    # When it is sent again, then it finishes: every record is renamed and the old tag is gone
    status, renamed = api.call("PATCH", path, {"name": "Gold"}, tenant.token)
    assert status == 200, renamed
    assert counts(renamed) == (3, 0, 0)
    assert {tuple(t) for t in records.tags.values()} == {("Gold",)}
    assert list(listed(api, tenant)) == ["Gold"]


def test_a_merge_moves_every_record_to_the_other_tag_once(
    api: Api, tenant: Account, records: FakeRecords
) -> None:
    # Given two tags, one record carrying both
    records.tag("contact", "c1", "Hot")
    records.tag("contact", "c2", "Hot", "Warm")
    records.tag("lead", "l1", "Warm")
    hot, warm = service.tag_id("hot"), service.tag_id("warm")
    # When Hot is merged into Warm
    status, merged = api.call("POST", f"/tags/{hot}/merge", {"into": warm}, tenant.token)
    # Then Warm carries every record once and Hot is gone
    assert status == 200, merged
    assert (merged["name"], counts(merged)) == ("Warm", (2, 0, 1))
    assert records.tags[("contact", "c1")] == ["Warm"] and records.tags[("contact", "c2")] == ["Warm"]
    assert list(listed(api, tenant)) == ["Warm"]
    assert service.records_with_tag(tenant.tenant_id, "hot") == ([], None)
    # And merging into a missing tag or into itself is refused
    assert api.call("POST", f"/tags/{warm}/merge", {"into": hot}, tenant.token)[0] == 404
    assert api.call("POST", f"/tags/{warm}/merge", {"into": warm}, tenant.token)[0] == 422


def test_a_delete_takes_the_tag_off_every_record_and_says_how_many(
    api: Api, tenant: Account, records: FakeRecords
) -> None:
    records.tag("contact", "c1", "Old", "Hot")
    records.tag("company", "co1", "old")
    records.tag("lead", "l1", "OLD")
    records.tag("lead", "l2", "Old")
    status, deleted = api.call("DELETE", f"/tags/{service.tag_id('old')}", token=tenant.token)
    assert status == 200, deleted
    assert (deleted["name"], counts(deleted)) == ("Old", (1, 1, 2))
    assert records.tags[("contact", "c1")] == ["Hot"] and records.tags[("lead", "l1")] == []
    assert list(listed(api, tenant)) == ["Hot"]
    assert service.records_with_tag(tenant.tenant_id, "old") == ([], None)
    assert api.call("DELETE", f"/tags/{service.tag_id('old')}", token=tenant.token)[0] == 404


def test_a_delete_sweeps_index_entries_no_record_answers_for(
    api: Api, tenant: Account, records: FakeRecords
) -> None:
    # Given an index entry whose record the hook does not know (a record gone)
    records.tag("contact", "c1", "Old")
    del records.tags[("contact", "c1")]
    # When the tag is deleted, then it is gone with its entry
    status, deleted = api.call("DELETE", f"/tags/{service.tag_id('old')}", token=tenant.token)
    assert (status, counts(deleted)) == (200, (1, 0, 0))
    assert listed(api, tenant) == {}
    assert service.records_with_tag(tenant.tenant_id, "old") == ([], None)


def test_another_tenants_tag_and_ids_no_tag_has_are_404(api: Api, tenant: Account) -> None:
    other = sign_up(api, "Other Tags Co")
    _, theirs = api.call("POST", "/tags", {"name": "Theirs"}, other.token)
    _, ours = api.call("POST", "/tags", {"name": "Ours"}, tenant.token)
    for tag_id in (theirs["tag_id"], "not base64!", service.tag_id("Not Folded")):
        assert api.call("PATCH", f"/tags/{tag_id}", {"color": "#000000"}, tenant.token)[0] == 404, tag_id
        assert api.call("DELETE", f"/tags/{tag_id}", token=tenant.token)[0] == 404
        assert api.call("POST", f"/tags/{tag_id}/merge", {"into": ours["tag_id"]}, tenant.token)[0] == 404
    assert (
        api.call("POST", f"/tags/{ours['tag_id']}/merge", {"into": theirs["tag_id"]}, tenant.token)[0] == 404
    )
    assert list(listed(api, other)) == ["Theirs"]
