"""Contacts capability: contacts and companies (create, get, list and search, update, soft delete,
restore)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.contacts.domain import (
    ColumnsUpdate,
    Company,
    CompanyCreate,
    CompanyDetail,
    CompanyMerge,
    CompanyPage,
    CompanyUpdate,
    Contact,
    ContactCreate,
    ContactDetail,
    ContactFilters,
    ContactMerge,
    ContactPage,
    ContactRole,
    ContactSettings,
    ContactSettingsUpdate,
    ContactSort,
    ContactUpdate,
    DuplicatePage,
    RecordTimeline,
    SmartList,
    SmartListCreate,
    SmartListPage,
    SmartListUpdate,
)
from convertly.manifest import route_table
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.contacts import companies, contacts, merge, settings, smart_lists, timeline
else:
    companies = deferred("convertly.contacts.companies")
    contacts = deferred("convertly.contacts.contacts")
    merge = deferred("convertly.contacts.merge")
    settings = deferred("convertly.contacts.settings")
    smart_lists = deferred("convertly.contacts.smart_lists")
    timeline = deferred("convertly.contacts.timeline")

app = create_resolver(route_table("contacts"))


@app.post("/contacts", status_code=201)
def create_contact(body: ContactCreate) -> Contact:
    return contacts.create_contact(principal_of(app), body)


@app.get("/contacts")
def list_contacts(
    role: Annotated[ContactRole | None, Query()] = None,
    owner_id: Annotated[str | None, Query(max_length=64)] = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
    deleted: Annotated[bool, Query()] = False,
    sort: Annotated[ContactSort, Query()] = "created",
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> ContactPage:
    filters = ContactFilters(role=role, owner_id=owner_id, q=q, deleted=deleted, sort=sort)
    return contacts.list_contacts(principal_of(app), filters, cursor, limit)


@app.get("/contacts/duplicates")
def possible_duplicates(
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> DuplicatePage:
    return merge.possible_duplicates(principal_of(app), cursor, limit)


@app.post("/contacts/merge")
def merge_contacts(body: ContactMerge) -> Contact:
    return merge.merge_contacts(principal_of(app), body)


@app.get("/contacts/<contact_id>")
def get_contact(contact_id: str) -> ContactDetail:
    return contacts.get_contact(principal_of(app), contact_id)


@app.patch("/contacts/<contact_id>")
def update_contact(contact_id: str, body: ContactUpdate) -> Contact:
    return contacts.update_contact(principal_of(app), contact_id, body)


@app.delete("/contacts/<contact_id>")
def delete_contact(contact_id: str) -> Contact:
    return contacts.delete_contact(principal_of(app), contact_id)


@app.post("/contacts/<contact_id>/restore")
def restore_contact(contact_id: str) -> Contact:
    return contacts.restore_contact(principal_of(app), contact_id)


@app.get("/contacts/<contact_id>/timeline")
def contact_timeline(contact_id: str) -> RecordTimeline:
    return timeline.contact_timeline(principal_of(app), contact_id)


@app.get("/companies/<company_id>/timeline")
def company_timeline(company_id: str) -> RecordTimeline:
    return timeline.company_timeline(principal_of(app), company_id)


@app.post("/companies", status_code=201)
def create_company(body: CompanyCreate) -> Company:
    return companies.create_company(principal_of(app), body)


@app.get("/companies")
def list_companies(
    q: Annotated[str | None, Query(max_length=100)] = None,
    deleted: Annotated[bool, Query()] = False,
    sort: Annotated[Literal["created", "name"], Query()] = "name",
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> CompanyPage:
    return companies.list_companies(principal_of(app), q, deleted, sort, cursor, limit)


@app.post("/companies/merge")
def merge_companies(body: CompanyMerge) -> Company:
    return merge.merge_companies(principal_of(app), body)


@app.get("/companies/<company_id>")
def get_company(company_id: str) -> CompanyDetail:
    return companies.get_company(principal_of(app), company_id)


@app.patch("/companies/<company_id>")
def update_company(company_id: str, body: CompanyUpdate) -> Company:
    return companies.update_company(principal_of(app), company_id, body)


@app.delete("/companies/<company_id>")
def delete_company(company_id: str) -> Company:
    return companies.delete_company(principal_of(app), company_id)


@app.post("/companies/<company_id>/restore")
def restore_company(company_id: str) -> Company:
    return companies.restore_company(principal_of(app), company_id)


@app.get("/smart-lists")
def list_smart_lists() -> SmartListPage:
    return smart_lists.list_smart_lists(principal_of(app))


@app.post("/smart-lists", status_code=201)
def create_smart_list(body: SmartListCreate) -> SmartList:
    return smart_lists.create_smart_list(principal_of(app), body)


@app.get("/smart-lists/<list_id>")
def get_smart_list(list_id: str) -> SmartList:
    return smart_lists.get_smart_list(principal_of(app), list_id)


@app.patch("/smart-lists/<list_id>")
def update_smart_list(list_id: str, body: SmartListUpdate) -> SmartList:
    return smart_lists.update_smart_list(principal_of(app), list_id, body)


@app.delete(
    "/smart-lists/<list_id>",
    status_code=204,
    responses={204: {"description": "The smart list is deleted", "content": {}}},
)
def delete_smart_list(list_id: str) -> Response[Any]:
    smart_lists.delete_smart_list(principal_of(app), list_id)
    return Response(status_code=204)


@app.get("/smart-lists/<list_id>/contacts")
def list_members(
    list_id: str,
    q: Annotated[str | None, Query(max_length=100)] = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> ContactPage:
    return smart_lists.list_members(principal_of(app), list_id, q, cursor, limit)


@app.put("/smart-lists/<list_id>/columns")
def save_columns(list_id: str, body: ColumnsUpdate) -> SmartList:
    return smart_lists.save_columns(principal_of(app), list_id, body)


@app.get("/settings/contacts")
def get_contact_settings() -> ContactSettings:
    return settings.get_contact_settings(principal_of(app))


@app.put("/settings/contacts")
def save_contact_settings(body: ContactSettingsUpdate) -> ContactSettings:
    return settings.save_contact_settings(principal_of(app), body)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
