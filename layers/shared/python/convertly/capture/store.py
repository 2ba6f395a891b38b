"""Form data access: forms in the tenant partition, the platform-level route from a public form id to
its tenant, a form's submissions, and the search-term look-up that finds a repeat submitter's lead."""

from __future__ import annotations

from pynamodb.expressions.condition import Condition

from convertly.capture import keys
from convertly.capture.items import FormItem, FormRouteItem, SubmissionItem
from convertly.platform.store import keys as platform_keys
from convertly.platform.store.paging import query_page


def get_form(tenant_id: str, form_id: str, *, consistent: bool = True) -> FormItem | None:
    try:
        return FormItem.get(
            platform_keys.tenant(tenant_id), keys.form_sk(form_id), consistent_read=consistent
        )
    except FormItem.DoesNotExist:
        return None


def list_forms(tenant_id: str) -> list[FormItem]:
    """Every form of the tenant (one Query of the tenant partition's FORM# items)."""
    return list(FormItem.query(platform_keys.tenant(tenant_id), FormItem.SK.startswith(keys.FORM_PREFIX)))


def tenant_of_form(form_id: str) -> str | None:
    """The tenant a public form id belongs to (one GetItem of the platform-level route item)."""
    try:
        route = FormRouteItem.get(keys.form_route(form_id), keys.FORM_ROUTE_SK)
    except FormRouteItem.DoesNotExist:
        return None
    return route.tenant_id


def route_item(tenant_id: str, form_id: str) -> FormRouteItem:
    return FormRouteItem(keys.form_route(form_id), keys.FORM_ROUTE_SK, tenant_id=tenant_id, form_id=form_id)


def query_submissions(
    tenant_id: str, form_id: str, spam: bool | None, limit: int, cursor: str | None
) -> tuple[list[SubmissionItem], str | None]:
    """One page of a form's submissions, newest first; `spam` keeps only spam (True) or none (False)."""
    condition: Condition | None = None
    if spam is not None:
        condition = (SubmissionItem.outcome == "spam") if spam else (SubmissionItem.outcome != "spam")
    items, next_cursor = query_page(
        SubmissionItem,
        keys.submissions(tenant_id, form_id),
        limit=limit,
        cursor=cursor,
        range_condition=SubmissionItem.SK.startswith(keys.SUBMISSION_PREFIX),
        filter_condition=condition,
    )
    return items, next_cursor
