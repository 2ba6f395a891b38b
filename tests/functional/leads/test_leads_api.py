"""Lead CRUD through app.py and the leads Lambda handler, against moto."""

from __future__ import annotations

from typing import Any

from tests.functional.conftest import Account, Api, invite, sign_up

JOHN = {
    "first_name": "John",
    "last_name": "Smith",
    "email": "John.Smith@Example.com",
    "phone": "+1 (555) 010-4477",
    "company": "Smith Roofing",
    "value": "1250.50",
    "currency": "usd",
    "source": "google_ads",
    "tags": ["roof", "urgent"],
    "custom_fields": {"budget": "high"},
    "attribution": {"gclid": "Cj0KCQ-test", "utm_source": "google", "utm_campaign": "spring"},
}


def create(api: Api, account: Account, **overrides: Any) -> dict[str, Any]:
    status, body = api.call("POST", "/leads", {**JOHN, **overrides}, account.token)
    assert status == 201, body
    return dict(body)


def stage_ids(api: Api, account: Account) -> list[str]:
    _, body = api.call("GET", "/pipelines", token=account.token)
    return [stage["stage_id"] for stage in body["items"][0]["stages"]]


def test_create_lead_stores_normalised_fields_in_first_stage(api: Api, tenant: Account) -> None:
    # Given a new tenant
    first_stage = stage_ids(api, tenant)[0]
    # When a lead is created
    lead = create(api, tenant)
    # Then it is normalised, in the default pipeline's first stage, at version 1
    assert lead["email"] == "john.smith@example.com"
    assert lead["currency"] == "USD"
    assert lead["value"] == 1250.5
    assert lead["stage_id"] == first_stage
    assert lead["version"] == 1
    assert lead["attribution"]["gclid"] == "Cj0KCQ-test"
    # And reading it back returns the same lead with its creation in the stage history
    status, detail = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)
    assert status == 200
    assert detail["name"] == "John Smith"
    assert [h["to_stage_id"] for h in detail["stage_history"]] == [first_stage]


def test_stage_counters_follow_create_update_delete_restore(api: Api, tenant: Account) -> None:
    # Given two leads in the first stage
    first = create(api, tenant, value="100")
    create(api, tenant, value="50")

    def counter() -> tuple[int, float]:
        _, body = api.call("GET", "/pipelines", token=tenant.token)
        stage = body["items"][0]["stages"][0]
        return stage["lead_count"], stage["lead_value"]

    assert counter() == (2, 150.0)
    # When one lead's value changes, then it is deleted, then restored
    api.call("PATCH", f"/leads/{first['lead_id']}", {"value": "120", "version": 1}, tenant.token)
    assert counter() == (2, 170.0)
    api.call("DELETE", f"/leads/{first['lead_id']}", token=tenant.token)
    assert counter() == (1, 50.0)
    api.call("POST", f"/leads/{first['lead_id']}/restore", token=tenant.token)
    # Then the counters always match the live leads
    assert counter() == (2, 170.0)


def test_update_with_stale_version_is_409_and_changes_nothing(api: Api, tenant: Account) -> None:
    # Given a lead edited once (now at version 2)
    lead = create(api, tenant)
    status, updated = api.call(
        "PATCH", f"/leads/{lead['lead_id']}", {"company": "New Co", "version": 1}, tenant.token
    )
    assert status == 200 and updated["version"] == 2
    # When someone saves an edit based on version 1
    status, body = api.call(
        "PATCH", f"/leads/{lead['lead_id']}", {"company": "Stale Co", "version": 1}, tenant.token
    )
    # Then it is a conflict and the lead keeps the first edit
    assert status == 409
    assert body["error"]["code"] == "stale_version"
    _, current = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)
    assert current["company"] == "New Co" and current["version"] == 2


def test_validation_errors_name_each_field(api: Api, tenant: Account) -> None:
    # When a lead is sent with a bad email, a negative value, an unknown field and a bad currency
    status, body = api.call(
        "POST",
        "/leads",
        {"first_name": "A", "email": "nope", "value": -1, "currency": "dollars"},
        tenant.token,
    )
    # Then one 422 lists every bad field
    assert status == 422
    assert body["error"]["code"] == "validation_error"
    assert set(body["error"]["fields"]) >= {"email", "value", "currency"}
    # And an empty lead says what it needs
    status, body = api.call("POST", "/leads", {}, tenant.token)
    assert status == 422 and "name" in body["error"]["fields"]["body"]
    # And broken JSON is a 400
    status, body = api.call("POST", "/leads", raw="{not json", token=tenant.token)
    assert status == 400 and body["error"]["code"] == "invalid_json"


def test_unknown_stage_or_owner_is_422_and_writes_nothing(api: Api, tenant: Account) -> None:
    pipelines = api.call("GET", "/pipelines", token=tenant.token)[1]["items"]
    pipeline_id = pipelines[0]["pipeline_id"]
    status, body = api.call(
        "POST", "/leads", {"first_name": "X", "pipeline_id": pipeline_id, "stage_id": "nope"}, tenant.token
    )
    assert status == 422 and "stage_id" in body["error"]["fields"]
    status, body = api.call("POST", "/leads", {"first_name": "X", "owner_id": "ghost"}, tenant.token)
    assert status == 422 and "owner_id" in body["error"]["fields"]
    _, page = api.call("GET", "/leads", token=tenant.token)
    assert page["items"] == []


def test_oversized_body_is_413(api: Api, tenant: Account) -> None:
    status, body = api.call("POST", "/leads", {"first_name": "A", "company": "x" * 70_000}, tenant.token)
    assert status == 413
    assert body["error"]["code"] == "payload_too_large"


def test_list_pages_with_cursor_newest_first(api: Api, tenant: Account) -> None:
    # Given five leads
    created = [create(api, tenant, first_name=f"Lead{i}", email=f"l{i}@x.test")["lead_id"] for i in range(5)]
    # When listed two at a time
    seen: list[str] = []
    cursor = None
    while True:
        path = "/leads?limit=2" + (f"&cursor={cursor}" if cursor else "")
        status, page = api.call("GET", path, token=tenant.token)
        assert status == 200 and len(page["items"]) <= 2
        seen += [item["lead_id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    # Then every lead shows once, newest first
    assert seen == list(reversed(created))


def test_filters_by_stage_source_owner_and_date(api: Api, tenant: Account) -> None:
    stages = stage_ids(api, tenant)
    pipeline_id = api.call("GET", "/pipelines", token=tenant.token)[1]["items"][0]["pipeline_id"]
    sales = invite(api, tenant, "Sales")
    create(api, tenant, first_name="Meta", source="meta_ads", email="m@x.test")
    create(api, tenant, first_name="Qual", pipeline_id=pipeline_id, stage_id=stages[2], email="q@x.test")
    create(api, tenant, first_name="Owned", owner_id=sales.tokens["user_id"], email="o@x.test")

    def names(query: str) -> set[str]:
        status, page = api.call("GET", f"/leads?{query}", token=tenant.token)
        assert status == 200, page
        return {item["first_name"] for item in page["items"]}

    assert names("source=meta_ads") == {"Meta"}
    assert names(f"stage_id={stages[2]}") == {"Qual"}
    assert names(f"owner_id={sales.tokens['user_id']}") == {"Owned"}
    assert names(f"stage_id={stages[0]}&source=meta_ads") == {"Meta"}
    assert names("created_from=2000-01-01&created_to=2000-12-31") == set()
    assert names("created_from=2000-01-01") == {"Meta", "Qual", "Owned"}
    # The stage index sorts by stage entry: a created-date range still narrows it
    assert names(f"stage_id={stages[2]}&created_from=2000-01-01") == {"Qual"}
    assert names(f"stage_id={stages[2]}&created_to=2000-12-31") == set()
    status, body = api.call("GET", "/leads?created_from=yesterday", token=tenant.token)
    assert status == 422 and "created_from" in body["error"]["fields"]


def test_search_by_name_email_and_phone_prefix(api: Api, tenant: Account) -> None:
    create(api, tenant)
    create(
        api, tenant, first_name="Maria", last_name="Lopez", email="maria@lopez.test", phone="020 7946 0018"
    )
    for query, expected in [
        ("john", {"John"}),
        ("smi", {"John"}),
        ("LOP", {"Maria"}),
        ("maria@", {"Maria"}),
        ("555010", {"John"}),
        ("(555) 010", {"John"}),
        ("0207946", {"Maria"}),
        ("zzz", set()),
    ]:
        status, page = api.call("GET", f"/leads?q={query}", token=tenant.token)
        assert status == 200
        assert {item["first_name"] for item in page["items"]} == expected, query


def test_search_pages_return_each_lead_once(api: Api, tenant: Account) -> None:
    # Given leads whose full name, last name and email all start with "ad" (three terms each)
    created = {
        create(api, tenant, first_name=f"Ad{n}", last_name="Adams", email=f"ad{n}@adams.test", phone=None)[
            "lead_id"
        ]
        for n in range(7)
    }
    # When every page of a search for "ad" is read, two leads at a time
    seen: list[str] = []
    cursor = ""
    for _ in range(10):
        status, page = api.call("GET", f"/leads?q=ad&limit=2{cursor}", token=tenant.token)
        assert status == 200, page
        seen += [item["lead_id"] for item in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = f"&cursor={page['next_cursor']}"
    # Then each lead came back exactly once
    assert sorted(seen) == sorted(created)


def test_search_follows_an_edited_name(api: Api, tenant: Account) -> None:
    lead = create(api, tenant, first_name="Olga", last_name="Olsen", email="olga@olsen.test")
    status, _ = api.call(
        "PATCH", f"/leads/{lead['lead_id']}", {"last_name": "Berg", "version": lead["version"]}, tenant.token
    )
    assert status == 200

    def found(query: str) -> list[str]:
        return [
            item["lead_id"] for item in api.call("GET", f"/leads?q={query}", token=tenant.token)[1]["items"]
        ]

    assert found("olsen") == []
    assert found("berg") == [lead["lead_id"]]
    assert found("ol") == [lead["lead_id"]]


def test_soft_delete_and_restore(api: Api, tenant: Account) -> None:
    lead = create(api, tenant)
    status, deleted = api.call("DELETE", f"/leads/{lead['lead_id']}", token=tenant.token)
    assert status == 200 and deleted["deleted_at"]
    assert api.call("GET", "/leads", token=tenant.token)[1]["items"] == []
    trash = api.call("GET", "/leads?deleted=true", token=tenant.token)[1]["items"]
    assert [item["lead_id"] for item in trash] == [lead["lead_id"]]
    status, body = api.call(
        "PATCH", f"/leads/{lead['lead_id']}", {"company": "X", "version": 2}, tenant.token
    )
    assert status == 409 and body["error"]["code"] == "lead_deleted"
    status, restored = api.call("POST", f"/leads/{lead['lead_id']}/restore", token=tenant.token)
    assert status == 200 and restored["deleted_at"] is None
    assert [item["lead_id"] for item in api.call("GET", "/leads", token=tenant.token)[1]["items"]] == [
        lead["lead_id"]
    ]


def test_notes_add_and_edit_with_version(api: Api, tenant: Account) -> None:
    lead = create(api, tenant)
    status, note = api.call(
        "POST", f"/leads/{lead['lead_id']}/notes", {"body": "Called, no answer"}, tenant.token
    )
    assert status == 201 and note["author_name"] == "Ada Admin"
    path = f"/leads/{lead['lead_id']}/notes/{note['note_id']}"
    status, edited = api.call("PATCH", path, {"body": "Called, left voicemail", "version": 1}, tenant.token)
    assert status == 200 and edited["version"] == 2
    status, body = api.call("PATCH", path, {"body": "stale", "version": 1}, tenant.token)
    assert status == 409 and body["error"]["code"] == "stale_version"
    _, detail = api.call("GET", f"/leads/{lead['lead_id']}", token=tenant.token)
    assert [n["body"] for n in detail["notes"]] == ["Called, left voicemail"]


def test_another_tenants_lead_is_404_for_every_verb(api: Api, tenant: Account) -> None:
    # Given a lead in tenant A and a second tenant B
    lead = create(api, tenant)
    other = sign_up(api, "Other Co")
    path = f"/leads/{lead['lead_id']}"
    # When B addresses A's lead in any way, then it is 404 and nothing leaks
    for method, url, body in [
        ("GET", path, None),
        ("PATCH", path, {"company": "hijack", "version": 1}),
        ("DELETE", path, None),
        ("POST", f"{path}/restore", None),
        ("POST", f"{path}/notes", {"body": "x"}),
    ]:
        status, response = api.call(method, url, body, other.token)
        assert status == 404, (method, url, response)
        assert "Smith" not in str(response)
    # And B's list and search do not contain it
    assert api.call("GET", "/leads", token=other.token)[1]["items"] == []
    assert api.call("GET", "/leads?q=john", token=other.token)[1]["items"] == []
    # And A's lead is untouched
    assert api.call("GET", path, token=tenant.token)[1]["company"] == "Smith Roofing"


def test_cursor_from_another_tenant_is_rejected(api: Api, tenant: Account) -> None:
    for i in range(3):
        create(api, tenant, first_name=f"P{i}", email=f"p{i}@x.test")
    cursor = api.call("GET", "/leads?limit=1", token=tenant.token)[1]["next_cursor"]
    other = sign_up(api, "Other Co")
    status, body = api.call("GET", f"/leads?limit=1&cursor={cursor}", token=other.token)
    assert status == 400 and body["error"]["code"] == "invalid_cursor"
