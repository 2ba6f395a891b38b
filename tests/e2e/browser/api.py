"""The API as the browser tests use it to make their own data and to act as "another session"."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import requests

PASSWORD = "Convertly-Test-1"


@dataclass(frozen=True)
class Account:
    """A fresh tenant's Admin: the tests' own data never meets another test's."""

    email: str
    password: str
    company: str
    name: str
    id_token: str
    refresh_token: str


class Api:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = requests.Session()

    def call(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self._http.request(method, f"{self.base_url}{path}", headers=headers, timeout=30, **kwargs)

    def ok(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> Any:
        response = self.call(method, path, token, **kwargs)
        assert response.ok, f"{method} {path}: {response.status_code} {response.text}"
        return response.json()

    def sign_up(self, company: str | None = None) -> Account:
        suffix = uuid.uuid4().hex[:10]
        company = company or f"Browser Test {suffix}"
        email = f"owner-{suffix}@browser.test"
        body = {"email": email, "company_name": company, "name": "Blair Owner", "password": PASSWORD}
        tokens = self.ok("POST", "/auth/signup", json=body)["tokens"]
        return Account(email, PASSWORD, company, "Blair Owner", tokens["id_token"], tokens["refresh_token"])

    def login(self, email: str, password: str) -> str:
        """A separate session's ID token."""
        return str(self.ok("POST", "/auth/login", json={"email": email, "password": password})["id_token"])

    def create_lead(self, token: str, **fields: Any) -> dict[str, Any]:
        lead: dict[str, Any] = self.ok("POST", "/leads", token, json=fields)
        return lead

    def update_lead(self, token: str, lead_id: str, **fields: Any) -> dict[str, Any]:
        lead: dict[str, Any] = self.ok("PATCH", f"/leads/{lead_id}", token, json=fields)
        return lead

    def create_contact(self, token: str, **fields: Any) -> dict[str, Any]:
        contact: dict[str, Any] = self.ok("POST", "/contacts", token, json=fields)
        return contact

    def create_company(self, token: str, **fields: Any) -> dict[str, Any]:
        company: dict[str, Any] = self.ok("POST", "/companies", token, json=fields)
        return company

    def stages(self, token: str) -> dict[str, str]:
        """Stage name -> id in the default pipeline."""
        pipeline = self.ok("GET", "/pipelines", token)["items"][0]
        return {stage["name"]: stage["stage_id"] for stage in pipeline["stages"]}

    def define_custom_fields(
        self, token: str, object_type: str, fields: list[dict[str, Any]]
    ) -> dict[str, Any]:
        """Replace the custom fields of contacts, companies or leads with `fields`, in order."""
        current = self.ok("GET", f"/custom-fields/{object_type}", token)
        body = {"fields": fields, "version": current["version"]}
        saved: dict[str, Any] = self.ok("PUT", f"/custom-fields/{object_type}", token, json=body)
        return saved

    def add_user(self, token: str, role: str, name: str) -> dict[str, Any]:
        """A member of the token's tenant, with the tests' password; the answer has its `email`."""
        email = f"{role.lower()}-{uuid.uuid4().hex[:10]}@browser.test"
        body = {"email": email, "name": name, "role": role, "password": PASSWORD}
        user: dict[str, Any] = self.ok("POST", "/users", token, json=body)
        return {**user, "email": email}

    def publish_form(self, token: str, **settings: Any) -> dict[str, Any]:
        """A form made and published at once (its `hosted_path` is relative to the API's URL)."""
        created = self.ok("POST", "/forms", token, json=settings)
        form: dict[str, Any] = self.ok("POST", f"/forms/{created['form_id']}/publish", token)
        return form

    def tenant_id(self, token: str) -> str:
        """The tenant of the token's user (GET /me)."""
        return str(self.ok("GET", "/me", token)["tenant"]["tenant_id"])

    def change_role(self, token: str, user_id: str, role: str) -> dict[str, Any]:
        """A teammate's new role (Settings > Team's change, an audited team event)."""
        member: dict[str, Any] = self.ok("PUT", f"/team/{user_id}/role", token, json={"role": role})
        return member

    def grant_support_access(self, token: str, hours: int) -> str | None:
        """Let Convertly support change things for `hours` from now (0 withdraws it); the new `until`."""
        saved = self.ok("PUT", "/settings/support-access", token, json={"hours": hours})
        return None if saved["until"] is None else str(saved["until"])

    def audit_summaries(self, token: str, category: str | None = None) -> list[str]:
        """The first page of the tenant's audit log (newest first, last 30 days): each entry's sentence."""
        params = {"category": category} if category else {}
        page = self.ok("GET", "/audit", token, params=params)
        return [str(entry["summary"]) for entry in page["items"]]
