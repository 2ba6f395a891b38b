"""The running local stack over HTTP, as a new user tries it: demo logins, leads, roles, tenancy, docs.

Everything goes through the stack's API URL (Chalice -> API Gateway event -> Lambda handler -> moto),
and the event path through the stream relay, EventBridge, SQS and the audit-log consumer.
"""

from __future__ import annotations

import uuid
from typing import Any

import boto3
import pytest
import requests

from tests.e2e.waiting import until

TIMEOUT = 30


class Client:
    """A signed-in user of the running stack."""

    def __init__(self, api_url: str, email: str, password: str) -> None:
        self.api_url = api_url
        response = requests.post(
            f"{api_url}/auth/login", json={"email": email, "password": password}, timeout=TIMEOUT
        )
        assert response.status_code == 200, response.text
        self.token = response.json()["id_token"]

    def call(self, method: str, path: str, body: Any = None) -> requests.Response:
        return requests.request(
            method,
            f"{self.api_url}{path}",
            json=body,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=TIMEOUT,
        )


def login_of(stack: dict[str, Any], email: str) -> Client:
    login = next(item for item in stack["logins"] if item["email"] == email)
    return Client(stack["api_url"], login["email"], login["password"])


@pytest.fixture(scope="module")
def admin(stack: dict[str, Any]) -> Client:
    return login_of(stack, "admin@summitroofing.test")


def test_the_stack_prints_a_login_for_every_role(stack: dict[str, Any]) -> None:
    roles = {login["role"] for login in stack["logins"]}
    assert {"Admin", "Manager", "Sales", "Staff", "Affiliate", "Developer"} <= roles
    assert all(login["password"] for login in stack["logins"])


def test_demo_admin_lists_every_page_of_the_seeded_leads(admin: Client) -> None:
    # Given the seeded demo tenant, when the admin pages through its leads 50 at a time
    seen: list[str] = []
    cursor = ""
    pages = 0
    for _ in range(10):
        pages += 1
        response = admin.call("GET", f"/leads?limit=50{cursor}")
        assert response.status_code == 200, response.text
        page = response.json()
        seen += [lead["lead_id"] for lead in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = f"&cursor={page['next_cursor']}"
    # Then every lead comes back once, over several pages
    assert len(seen) >= 100 and pages >= 3
    assert len(seen) == len(set(seen))


def test_edit_a_lead_then_a_stale_edit_is_refused(admin: Client) -> None:
    lead = admin.call("GET", "/leads?limit=1").json()["items"][0]
    company = f"Edited {uuid.uuid4().hex[:6]}"
    response = admin.call(
        "PATCH", f"/leads/{lead['lead_id']}", {"company": company, "version": lead["version"]}
    )
    assert response.status_code == 200, response.text
    assert response.json()["version"] == lead["version"] + 1
    assert admin.call("GET", f"/leads/{lead['lead_id']}").json()["company"] == company
    # The same old version again: someone else's change is not overwritten
    stale = admin.call("PATCH", f"/leads/{lead['lead_id']}", {"company": "Stale", "version": lead["version"]})
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert {"code", "message", "fields"} <= set(error)
    # The refusal carries the lead as it is now, so a client can show it without another read
    assert error["details"]["lead"]["company"] == company


def test_another_tenants_lead_is_not_found(stack: dict[str, Any], admin: Client) -> None:
    lead_id = admin.call("GET", "/leads?limit=1").json()["items"][0]["lead_id"]
    other = login_of(stack, "admin@harborplumbing.test")
    for method, body in (("GET", None), ("PATCH", {"company": "x", "version": 1}), ("DELETE", None)):
        response = other.call(method, f"/leads/{lead_id}", body)
        assert response.status_code == 404, (method, response.text)
        assert response.json()["error"]["code"] == "lead_not_found"
    assert admin.call("GET", f"/leads/{lead_id}").status_code == 200


def test_roles_are_enforced(stack: dict[str, Any], admin: Client) -> None:
    lead = admin.call("GET", "/leads?limit=1").json()["items"][0]
    staff = login_of(stack, "staff@summitroofing.test")
    assert staff.call("GET", f"/leads/{lead['lead_id']}").status_code == 200
    forbidden = staff.call("PATCH", f"/leads/{lead['lead_id']}", {"company": "x", "version": lead["version"]})
    assert forbidden.status_code == 403
    assert forbidden.json()["error"]["code"] == "forbidden_role"
    affiliate = login_of(stack, "affiliate@summitroofing.test")
    assert affiliate.call("GET", "/leads").status_code == 403
    # Sales see only the leads assigned to them
    sales = login_of(stack, "sales@summitroofing.test")
    me = sales.call("GET", "/me").json()
    owners = {item["owner_id"] for item in sales.call("GET", "/leads?limit=100").json()["items"]}
    assert owners == {me["user"]["user_id"]}


def test_missing_or_forged_token_is_401_and_oversized_body_413(stack: dict[str, Any], admin: Client) -> None:
    api = stack["api_url"]
    assert requests.get(f"{api}/leads", timeout=TIMEOUT).status_code == 401
    forged = requests.get(f"{api}/leads", headers={"Authorization": "Bearer a.b.c"}, timeout=TIMEOUT)
    assert forged.status_code == 401
    huge = admin.call("POST", "/leads", {"first_name": "X", "custom_fields": {"blob": "x" * 70_000}})
    assert huge.status_code == 413


def test_created_lead_reaches_the_audit_log_through_the_bus(stack: dict[str, Any], admin: Client) -> None:
    # Given a new lead written through the API
    response = admin.call(
        "POST", "/leads", {"first_name": "Audit", "last_name": "Trail", "source": "referral"}
    )
    assert response.status_code == 201, response.text
    lead_id = response.json()["lead_id"]
    tenant_id = admin.call("GET", "/me").json()["tenant"]["tenant_id"]
    # Then the stream relay, EventBridge rule, SQS queue and audit consumer record it
    table = boto3.resource("dynamodb", endpoint_url=stack["moto_url"], region_name=stack["region"]).Table(
        stack["table_name"]
    )

    def audited() -> list[dict[str, Any]]:
        items = table.query(
            KeyConditionExpression="PK = :pk",
            ExpressionAttributeValues={":pk": f"T#{tenant_id}#AUDIT"},
            ScanIndexForward=False,
        )["Items"]
        return [item for item in items if item.get("subject_id") == lead_id]

    entries = until(audited, "the audit log's entry for the new lead", timeout=60.0)
    assert [entry["detail_type"] for entry in entries] == ["LeadCreated"]


def test_openapi_document_and_swagger_ui_are_served(stack: dict[str, Any]) -> None:
    document = requests.get(stack["openapi_url"], timeout=TIMEOUT)
    assert document.status_code == 200
    assert "/leads/{lead_id}" in document.json()["paths"]
    page = requests.get(stack["docs_url"], timeout=TIMEOUT)
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert "SwaggerUIBundle" in page.text and '"/leads/{lead_id}"' in page.text
