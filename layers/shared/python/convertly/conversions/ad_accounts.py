"""What a connection reaches, for the owner to pick from: Google Ads accounts (a manager's clients
with their manager) and their conversion actions, and Meta's datasets (pixels) by ad account.

Google: `customers:listAccessibleCustomers` gives the accounts the consenting user reaches directly;
one `googleAds:search` per account reads its name and whether it is a manager, and for each manager
one more lists its client accounts (`customer_client`, with `login-customer-id` = the manager). A
client reached directly is listed once, without its manager. Meta: `/me/adaccounts`, then
`/{ad_account_id}/adspixels` per ad account.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from convertly.conversions import settings
from convertly.conversions import store as repo
from convertly.conversions.accounts import SecretOpener, google_credentials, own_client, purpose
from convertly.conversions.adapters.google import GoogleAdsApiError, GoogleAdsClient, GoogleAdsCredentials
from convertly.conversions.adapters.meta_login import MetaLoginClient, MetaLoginError
from convertly.conversions.domain.conversions import (
    GoogleAdsConversionAction,
    GoogleAdsConversionActionList,
    GoogleAdsCustomer,
    GoogleAdsCustomerList,
    MetaDataset,
    MetaDatasetList,
)
from convertly.conversions.platform_apps import google_ads_app
from convertly.platform.concurrency import in_parallel
from convertly.platform.errors import ConflictError, ServiceUnavailableError, ValidationError
from convertly.platform.principal import Principal
from convertly.platform.store.items import plain

MAX_ACCOUNTS = 50
CUSTOMER_QUERY = "SELECT customer.id, customer.descriptive_name, customer.manager FROM customer"
CLIENTS_QUERY = (
    "SELECT customer_client.client_customer, customer_client.id, customer_client.descriptive_name, "
    "customer_client.manager, customer_client.level FROM customer_client "
    "WHERE customer_client.level > 0 AND customer_client.manager = FALSE "
    "AND customer_client.status = 'ENABLED'"
)
ACTIONS_QUERY = (
    "SELECT conversion_action.id, conversion_action.name, conversion_action.status, "
    "conversion_action.type FROM conversion_action WHERE conversion_action.type = 'UPLOAD_CLICKS'"
)


# Google Ads ------------------------------------------------------------------------------------------


def google_customers(
    principal: Principal, client: GoogleAdsClient | None = None, opener: SecretOpener | None = None
) -> GoogleAdsCustomerList:
    """Every account the connection reaches: direct accounts, managers, and each manager's clients."""
    ads = client or settings.GOOGLE()
    credentials = _google_credentials(principal.tenant_id, opener)
    try:
        ids = ads.list_accessible_customers(credentials)[:MAX_ACCOUNTS]
        found = in_parallel([partial(_customer, ads, credentials, c) for c in ids])
        direct = [customer for customer in found if customer is not None]
        managers = [customer for customer in direct if customer.manager]
        clients = in_parallel([partial(_clients, ads, credentials, m) for m in managers])
    except GoogleAdsApiError as error:
        raise _google_error(error) from None
    seen = {customer.customer_id for customer in direct}
    items = [customer for customer in direct if not customer.manager]
    for manager, reached in zip(managers, clients, strict=True):
        items.append(manager)
        items += [c for c in reached if c.customer_id not in seen]
        seen |= {c.customer_id for c in reached}
    return GoogleAdsCustomerList(items=items)


def google_conversion_actions(
    principal: Principal,
    customer_id: str,
    login_customer_id: str | None,
    client: GoogleAdsClient | None = None,
    opener: SecretOpener | None = None,
) -> GoogleAdsConversionActionList:
    """The account's click conversion actions (type UPLOAD_CLICKS) that are not removed."""
    customer, login = (
        _digits("customer_id", customer_id),
        _digits("login_customer_id", login_customer_id or ""),
    )
    credentials = _google_credentials(principal.tenant_id, opener)
    try:
        rows = (client or settings.GOOGLE()).search(credentials, customer, ACTIONS_QUERY, login or None)
    except GoogleAdsApiError as error:
        if error.transient or error.grant_refused:
            raise _google_error(error) from None
        raise ValidationError(
            "Google Ads refused to list this account's conversion actions",
            fields={"customer_id": error.message},
            code="google_ads_refused",
        ) from None
    actions = [_action(row.get("conversionAction") or {}) for row in rows]
    return GoogleAdsConversionActionList(items=[a for a in actions if a.status != "REMOVED"])


def _google_credentials(tenant_id: str, opener: SecretOpener | None) -> GoogleAdsCredentials:
    item = repo.get_ads_settings(tenant_id)
    google = plain(item.google) if item is not None and item.google else {}
    if not google.get("refresh_token"):
        raise ConflictError("Connect Google Ads first", code="not_connected")
    app = google_ads_app()
    if not (google.get("developer_token") or app.developer_token) or not (
        own_client(google) or app.can_connect
    ):
        raise ServiceUnavailableError(
            "Convertly's Google Ads app is not set up here: enter a developer token and an OAuth client "
            "manually",
            code="google_ads_app_missing",
        )
    return google_credentials(tenant_id, google, opener or settings.OPENER, app, customer_id="")


def _customer(
    ads: GoogleAdsClient, credentials: GoogleAdsCredentials, customer_id: str
) -> GoogleAdsCustomer | None:
    """One directly reached account, or None when Google will not read it (cancelled, not enabled)."""
    try:
        rows = ads.search(credentials, customer_id, CUSTOMER_QUERY)
    except GoogleAdsApiError as error:
        if error.transient or error.grant_refused:
            raise
        return None
    found = (rows[0].get("customer") or {}) if rows else {}
    return GoogleAdsCustomer(
        customer_id=customer_id,
        name=_name(found.get("descriptiveName"), customer_id),
        manager=bool(found.get("manager")),
    )


def _clients(
    ads: GoogleAdsClient, credentials: GoogleAdsCredentials, manager: GoogleAdsCustomer
) -> list[GoogleAdsCustomer]:
    try:
        rows = ads.search(credentials, manager.customer_id, CLIENTS_QUERY, manager.customer_id)
    except GoogleAdsApiError as error:
        if error.transient or error.grant_refused:
            raise
        return []
    clients = []
    for row in rows:
        found = row.get("customerClient") or {}
        client_id = str(found.get("id") or str(found.get("clientCustomer") or "").removeprefix("customers/"))
        if client_id and client_id != manager.customer_id:
            clients.append(
                GoogleAdsCustomer(
                    customer_id=client_id,
                    name=_name(found.get("descriptiveName"), client_id),
                    manager=False,
                    login_customer_id=manager.customer_id,
                    manager_name=manager.name,
                )
            )
    return clients


def _action(found: dict[str, Any]) -> GoogleAdsConversionAction:
    return GoogleAdsConversionAction(
        conversion_action_id=str(found.get("id") or str(found.get("resourceName") or "").rsplit("/", 1)[-1]),
        name=str(found.get("name") or "(unnamed)"),
        status=str(found.get("status") or "UNKNOWN"),
        type=str(found.get("type") or "UNKNOWN"),
    )


def _name(name: Any, customer_id: str) -> str:
    return str(name) if name else f"Account {customer_id[:3]}-{customer_id[3:6]}-{customer_id[6:]}"


def _digits(field: str, value: str) -> str:
    cleaned = value.replace("-", "").replace(" ", "")
    if cleaned and not cleaned.isdigit():
        raise ValidationError("Use the account's digits", fields={field: "use digits (dashes are fine)"})
    return cleaned


def _google_error(error: GoogleAdsApiError) -> Exception:
    if error.grant_refused:
        return ConflictError(
            f"Google no longer accepts the stored authorization ({error.message}): connect Google Ads again",
            code="reconnect_required",
        )
    if error.transient:
        return ServiceUnavailableError(
            f"Google Ads could not be reached just now ({error.message}): try again in a minute",
            code="ad_platform_unavailable",
        )
    return ConflictError(
        f"Google Ads refused to list the accounts: {error.message}", code="google_ads_refused"
    )


# Meta ------------------------------------------------------------------------------------------------


def meta_datasets(
    principal: Principal, login: MetaLoginClient | None = None, opener: SecretOpener | None = None
) -> MetaDatasetList:
    """The datasets (pixels) of every ad account the connection reaches, each once."""
    item = repo.get_ads_settings(principal.tenant_id)
    meta = plain(item.meta) if item is not None and item.meta else {}
    if not meta.get("access_token"):
        raise ConflictError("Connect Meta first", code="not_connected")
    token = (opener or settings.OPENER).open(
        meta["access_token"]["sealed"], principal.tenant_id, purpose("meta", "access_token")
    )
    graph = login or MetaLoginClient()
    try:
        accounts = graph.ad_accounts(token)[:MAX_ACCOUNTS]
        found = in_parallel([partial(_datasets, graph, token, a) for a in accounts])
    except MetaLoginError as error:
        raise _meta_error(error) from None
    items: dict[str, MetaDataset] = {}
    for datasets in found:
        for dataset in datasets:
            items.setdefault(dataset.dataset_id, dataset)
    return MetaDatasetList(items=list(items.values()))


def _datasets(graph: MetaLoginClient, token: str, account: dict[str, Any]) -> list[MetaDataset]:
    account_id = str(account.get("id") or "")
    try:
        found = graph.datasets(token, account_id)
    except MetaLoginError as error:
        if error.transient or error.token:
            raise
        return []  # an ad account whose datasets this person may not read
    return [
        MetaDataset(
            dataset_id=str(d["id"]),
            name=str(d.get("name") or d["id"]),
            ad_account_id=account_id,
            ad_account_name=str(account.get("name") or "") or None,
        )
        for d in found
        if d.get("id")
    ]


def _meta_error(error: MetaLoginError) -> Exception:
    if error.token:
        return ConflictError(
            f"Meta no longer accepts the stored access token ({error.message}): connect Meta again",
            code="reconnect_required",
        )
    if error.transient:
        return ServiceUnavailableError(
            f"Meta could not be reached just now ({error.message}): try again in a minute",
            code="ad_platform_unavailable",
        )
    return ConflictError(f"Meta refused to list the datasets: {error.message}", code="meta_refused")
