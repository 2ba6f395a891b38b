"""The form builder through app.py and the forms Lambda: create, edit, publish, duplicate, delete,
the sealed captcha secret, who may do what, and the submissions list."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest

from convertly.capture import keys as capture_keys
from convertly.capture import store as form_repo
from convertly.capture.items import FormItem
from convertly.platform.store import keys as platform_keys
from tests.functional.capture.forms_support import (
    Visitor,
    answers,
    create_form,
    ensure_secrets_key,
    forget_cached_forms,
    form_settings,
    published_form,
)
from tests.functional.conftest import PASSWORD, Account, Api, LocalAws, invite, sign_up


@pytest.fixture(autouse=True)
def _secrets_key(aws: LocalAws) -> None:
    ensure_secrets_key(aws)


def test_a_new_form_is_a_draft_in_the_default_pipelines_first_stage(api: Api, tenant: Account) -> None:
    # Given the tenant's default pipeline
    pipeline = api.call("GET", "/pipelines", token=tenant.token)[1]["items"][0]
    # When a form is created with a name only
    status, form = api.call("POST", "/forms", {"name": "Quote request"}, tenant.token)
    # Then it is a draft with the default name, email and phone fields, placed in the first stage
    assert status == 201, form
    assert form["status"] == "draft" and form["version"] == 1
    assert [f["name"] for f in form["fields"]] == ["name", "email", "phone"]
    assert [f["maps_to"] for f in form["fields"]] == ["full_name", "email", "phone"]
    assert (form["pipeline_id"], form["stage_id"]) == (
        pipeline["pipeline_id"],
        pipeline["stages"][0]["stage_id"],
    )
    assert form["hosted_path"] == f"/f/{form['form_id']}"
    assert form["duplicates"] == "attach" and form["assignment"] == {"mode": "unassigned", "user_id": None}
    # And it is listed and readable
    listed = api.call("GET", "/forms", token=tenant.token)[1]["items"]
    assert [f["form_id"] for f in listed] == [form["form_id"]]
    assert api.call("GET", f"/forms/{form['form_id']}", token=tenant.token)[1] == form


def test_a_draft_is_not_public_until_published_and_not_after_unpublished(api: Api, tenant: Account) -> None:
    form = create_form(api, tenant)
    visitor = Visitor(api)
    form_id = form["form_id"]
    # A draft: the hosted page, the definition and the submit route all answer 404
    assert visitor.request("GET", f"/f/{form_id}").status == 404
    assert visitor.request("GET", f"/f/{form_id}/definition").status == 404
    assert visitor.post_json(form_id, answers()).status == 404
    # Published: all three work
    forget_cached_forms()
    status, published = api.call("POST", f"/forms/{form_id}/publish", token=tenant.token)
    assert status == 200 and published["status"] == "published" and published["published_at"]
    definition = visitor.request("GET", f"/f/{form_id}/definition")
    assert definition.status == 200
    assert [f["name"] for f in definition.body["fields"]] == [f["name"] for f in form["fields"]]
    assert "allowed_domains" not in definition.body and "rate_limits" not in definition.body
    assert visitor.post_json(form_id, answers()).status == 201
    # Unpublished: 404 again once the cache no longer holds it (at most form_cache_seconds later)
    status, draft = api.call("POST", f"/forms/{form_id}/unpublish", token=tenant.token)
    assert status == 200 and draft["status"] == "draft"
    forget_cached_forms()
    assert visitor.post_json(form_id, answers()).status == 404


def test_edits_apply_with_the_version_seen_and_a_stale_one_is_409(api: Api, tenant: Account) -> None:
    form = create_form(api, tenant)
    path = f"/forms/{form['form_id']}"
    # When two editors start from version 1 and the first saves
    status, edited = api.call(
        "PATCH", path, {"version": 1, "thank_you_message": "Thanks!", "duplicates": "create"}, tenant.token
    )
    assert status == 200, edited
    assert (edited["thank_you_message"], edited["duplicates"], edited["version"]) == ("Thanks!", "create", 2)
    assert edited["fields"] == form["fields"]  # untouched settings stay
    # Then the second one's save is a conflict and the first edit stays
    status, body = api.call("PATCH", path, {"version": 1, "name": "Other"}, tenant.token)
    assert status == 409 and body["error"]["code"] == "stale_version"
    assert api.call("GET", path, token=tenant.token)[1]["name"] == form["name"]


@pytest.mark.parametrize(
    ("settings", "bad_field"),
    [
        ({"fields": []}, "fields"),
        ({"fields": [{"name": "Bad Name", "type": "text", "label": "X"}]}, "fields.0.name"),
        ({"fields": [{"name": "gclid", "type": "text", "label": "X", "maps_to": "full_name"}]}, "fields.0"),
        ({"fields": [{"name": "s", "type": "select", "label": "S", "maps_to": "full_name"}]}, "fields.0"),
        ({"fields": [{"name": "note", "type": "textarea", "label": "Note"}]}, "body"),
        ({"allowed_domains": ["https://x.test/path"]}, "allowed_domains"),
        ({"redirect_url": "javascript:alert(1)"}, "redirect_url"),
        ({"assignment": {"mode": "user"}}, "assignment"),
        ({"captcha": {"provider": "hcaptcha", "site_key": "k", "secret": "s"}}, "captcha.provider"),
        ({"unknown": 1}, "unknown"),
        ({"fields": [{"name": "page_url", "type": "hidden", "label": "X", "maps_to": "email"}]}, "fields.0"),
        ({"default_value": -1}, "default_value"),
        ({"default_value": "12.345"}, "default_value"),
        ({"default_value": "a lot"}, "default_value"),
        ({"currency": "EURO"}, "currency"),
    ],
)
def test_a_form_that_cannot_work_is_refused_with_the_field_named(
    api: Api, tenant: Account, settings: dict[str, Any], bad_field: str
) -> None:
    status, body = api.call("POST", "/forms", {"name": "Broken", **settings}, tenant.token)
    assert status == 422, body
    assert bad_field in body["error"]["fields"], body


def test_a_forms_leads_are_worth_its_default_value_in_its_currency_else_the_accounts(api: Api) -> None:
    # Given an account that keeps its books in euros
    status, body = api.call(
        "POST",
        "/auth/signup",
        {
            "company_name": "Euro Roofing",
            "name": "Eva Admin",
            "email": f"eva-{uuid.uuid4().hex[:8]}@example.test",
            "password": PASSWORD,
            "currency": "EUR",
        },
    )
    assert status == 201, body
    token = body["tokens"]["id_token"]
    # When a form is created with a default value and no currency, it takes the account's
    status, form = api.call("POST", "/forms", {"name": "Quote", "default_value": "1500.50"}, token)
    assert status == 201, form
    assert (form["default_value"], form["currency"]) == (1500.5, "EUR")
    # And a form may name its own currency, and go back to the account's by clearing it
    path = f"/forms/{form['form_id']}"
    status, form = api.call("PATCH", path, {"version": form["version"], "currency": "usd"}, token)
    assert status == 200 and form["currency"] == "USD"
    changes = {"version": form["version"], "currency": None, "default_value": None}
    status, form = api.call("PATCH", path, changes, token)
    assert status == 200 and (form["default_value"], form["currency"]) == (None, "EUR")
    # And a form without a default value is as before: its leads start at 0
    assert api.call("POST", "/forms", {"name": "Plain"}, token)[1]["default_value"] is None


def test_the_stage_and_owner_must_exist_in_the_tenant(api: Api, tenant: Account) -> None:
    status, body = api.call("POST", "/forms", {"name": "X", "stage_id": "nope"}, tenant.token)
    assert status == 422 and "stage_id" in body["error"]["fields"]
    assignment = {"mode": "user", "user_id": "ghost"}
    status, body = api.call("POST", "/forms", {"name": "X", "assignment": assignment}, tenant.token)
    assert status == 422 and "assignment.user_id" in body["error"]["fields"]
    # A Staff user cannot own leads; a Sales user can
    staff, sales = invite(api, tenant, "Staff"), invite(api, tenant, "Sales")
    assignment = {"mode": "user", "user_id": staff.tokens["user_id"]}
    assert api.call("POST", "/forms", {"name": "X", "assignment": assignment}, tenant.token)[0] == 422
    assignment = {"mode": "user", "user_id": sales.tokens["user_id"]}
    assert api.call("POST", "/forms", {"name": "X", "assignment": assignment}, tenant.token)[0] == 201


def test_the_captcha_secret_is_sealed_with_kms_and_never_returned(
    api: Api, tenant: Account, aws: LocalAws
) -> None:
    # When a form gets a Turnstile captcha with its secret
    captcha = {"provider": "turnstile", "site_key": "0x4AAA-site", "secret": "0x4AAA-secret-value"}
    form = create_form(api, tenant, captcha=captcha)
    # Then the API shows only a mask, in the answer and on reading
    assert form["captcha"] == {"provider": "turnstile", "site_key": "0x4AAA-site", "secret": "********"}
    read = api.call("GET", f"/forms/{form['form_id']}", token=tenant.token)[1]
    assert "0x4AAA-secret-value" not in str(read)
    # And the table holds KMS ciphertext bound to the tenant, which opens only with that tenant's context
    item = form_repo.get_form(tenant.tenant_id, form["form_id"])
    assert item is not None and item.captcha_secret and "0x4AAA-secret" not in item.settings
    kms = aws.client("kms")
    blob = base64.b64decode(item.captcha_secret)
    context = {"tenant_id": tenant.tenant_id, "purpose": "form_captcha"}
    assert kms.decrypt(CiphertextBlob=blob, EncryptionContext=context)["Plaintext"] == b"0x4AAA-secret-value"
    with pytest.raises(kms.exceptions.InvalidCiphertextException):
        kms.decrypt(CiphertextBlob=blob, EncryptionContext={**context, "tenant_id": "another"})
    # And an edit that sends the mask (or no secret) keeps it; a new secret replaces it
    path = f"/forms/{form['form_id']}"
    masked = {"provider": "turnstile", "site_key": "0x4AAA-site2", "secret": "********"}
    status, edited = api.call("PATCH", path, {"version": 1, "captcha": masked}, tenant.token)
    assert status == 200 and edited["captcha"]["secret"] == "********"
    assert form_repo.get_form(tenant.tenant_id, form["form_id"]).captcha_secret == item.captcha_secret  # type: ignore[union-attr]
    # And removing the captcha removes the secret
    status, edited = api.call("PATCH", path, {"version": 2, "captcha": None}, tenant.token)
    assert status == 200 and edited["captcha"] is None
    assert form_repo.get_form(tenant.tenant_id, form["form_id"]).captcha_secret is None  # type: ignore[union-attr]


def test_a_captcha_without_a_secret_is_refused(api: Api, tenant: Account) -> None:
    status, body = api.call(
        "POST", "/forms", {"name": "X", "captcha": {"provider": "recaptcha", "site_key": "k"}}, tenant.token
    )
    assert status == 422 and "captcha.secret" in body["error"]["fields"]


def test_duplicate_makes_a_draft_copy_with_a_new_public_id(api: Api, tenant: Account) -> None:
    original = published_form(
        api, tenant, captcha={"provider": "turnstile", "site_key": "k", "secret": "s3cret"}
    )
    status, copy = api.call("POST", f"/forms/{original['form_id']}/duplicate", token=tenant.token)
    assert status == 201, copy
    assert copy["form_id"] != original["form_id"]
    assert copy["name"] == f"Copy of {original['name']}" and copy["status"] == "draft"
    assert copy["fields"] == original["fields"] and copy["captcha"]["secret"] == "********"
    # The copy routes to this tenant by its own public id
    assert form_repo.tenant_of_form(copy["form_id"]) == tenant.tenant_id


def test_delete_removes_the_form_and_its_public_route(api: Api, tenant: Account) -> None:
    form = published_form(api, tenant)
    visitor = Visitor(api)
    assert visitor.post_json(form["form_id"], answers()).status == 201
    status, _ = api.call("DELETE", f"/forms/{form['form_id']}", token=tenant.token)
    assert status == 200
    assert api.call("GET", f"/forms/{form['form_id']}", token=tenant.token)[0] == 404
    assert form_repo.tenant_of_form(form["form_id"]) is None
    forget_cached_forms()
    assert visitor.post_json(form["form_id"], answers()).status == 404
    # The lead it created stays
    assert len(api.call("GET", "/leads", token=tenant.token)[1]["items"]) == 1


def test_roles_sales_reads_forms_staff_reads_submissions_only_admin_and_manager_build(
    api: Api, tenant: Account
) -> None:
    form = published_form(api, tenant)
    sales, staff, manager = (invite(api, tenant, role) for role in ("Sales", "Staff", "Manager"))
    submissions = f"/forms/{form['form_id']}/submissions"
    assert api.call("GET", "/forms", token=sales.token)[0] == 200
    assert api.call("GET", submissions, token=sales.token)[0] == 403
    assert api.call("GET", submissions, token=staff.token)[0] == 200
    assert api.call("POST", "/forms", form_settings(), staff.token)[0] == 403
    assert api.call("POST", "/forms", form_settings(), sales.token)[0] == 403
    assert api.call("POST", "/forms", form_settings(), manager.token)[0] == 201


def test_another_tenants_form_is_not_found(api: Api, tenant: Account) -> None:
    form = create_form(api, tenant)
    other = sign_up(api, "Other Roofing")
    for method, path in [
        ("GET", f"/forms/{form['form_id']}"),
        ("PATCH", f"/forms/{form['form_id']}"),
        ("POST", f"/forms/{form['form_id']}/publish"),
        ("GET", f"/forms/{form['form_id']}/submissions"),
        ("DELETE", f"/forms/{form['form_id']}"),
    ]:
        body = {"version": 1, "name": "Hijack"} if method == "PATCH" else None
        status, answer = api.call(method, path, body, other.token)
        assert status == 404, (method, path, answer)
    stored = FormItem.get(platform_keys.tenant(tenant.tenant_id), capture_keys.form_sk(form["form_id"]))
    assert stored.name == form["name"]


def test_submissions_list_newest_first_with_spam_flag_filter_and_pages(api: Api, tenant: Account) -> None:
    # Given three accepted submissions and one caught by the honeypot
    form = published_form(api, tenant, duplicates="create")
    visitor = Visitor(api)
    for n in range(3):
        answer = visitor.post_json(
            form["form_id"], answers(name=f"Person {n}"), attribution={"gclid": f"g{n}"}
        )
        assert answer.status == 201
    assert visitor.post_json(form["form_id"], answers(name="Bot"), honeypot="http://spam.test").status == 201
    path = f"/forms/{form['form_id']}/submissions"
    # When listed
    items = api.call("GET", path, token=tenant.token)[1]["items"]
    # Then each shows time, lead, attribution and the spam flag, newest first
    assert [i["lead_name"] for i in items] == [None, "Person 2", "Person 1", "Person 0"]
    assert [i["spam"] for i in items] == [True, False, False, False]
    assert items[0]["spam_reason"] == "honeypot" and items[0]["lead_id"] is None
    assert items[1]["attribution"]["gclid"] == "g2" and items[1]["outcome"] == "created"
    assert items[0]["submitted_at"] >= items[1]["submitted_at"]
    # And the filter keeps spam only or none of it
    assert len(api.call("GET", f"{path}?spam=true", token=tenant.token)[1]["items"]) == 1
    assert len(api.call("GET", f"{path}?spam=false", token=tenant.token)[1]["items"]) == 3
    # And pages follow the cursor
    first = api.call("GET", f"{path}?limit=3", token=tenant.token)[1]
    second = api.call("GET", f"{path}?limit=3&cursor={first['next_cursor']}", token=tenant.token)[1]
    assert len(first["items"]) == 3 and [i["lead_name"] for i in second["items"]] == ["Person 0"]
    assert second["next_cursor"] is None
