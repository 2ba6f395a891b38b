"""Keys of the conversions capability's items; every partition key starts with the tenant."""

from __future__ import annotations

# Conversions: the ad platform settings (tenant partition), the Meta page routes (platform level), each
# conversion and its ledger entries (lead partition), the tenant's conversions log (GSI1, and GSI2 by
# status) and the Meta Lead Ads leads already taken.
ADS_SETTINGS_SK = "ADS"


CONVERSION_PREFIX = "CONV#"


LEDGER_PREFIX = "CONVLOG#"


META_PAGE_ROUTE_SK = "ROUTE"


def conversion_sk(job_id: str) -> str:
    return f"{CONVERSION_PREFIX}{job_id}"


def ledger_sk(at: str, entry_id: str) -> str:
    return f"{LEDGER_PREFIX}{at}#{entry_id}"


def conversions_log(tenant_id: str) -> str:
    """GSI1: every ledger entry of the tenant, newest first."""
    return f"T#{tenant_id}#CONVERSIONS"


def conversions_by_status(tenant_id: str, status: str) -> str:
    """GSI2: the tenant's ledger entries of one status."""
    return f"T#{tenant_id}#CONVERSIONS#{status}"


def meta_page_route(page_id: str) -> str:
    """Platform level (no tenant): which tenant a Facebook page's Lead Ads leads belong to."""
    return f"METAPAGE#{page_id}"


def meta_leads(tenant_id: str) -> str:
    return f"T#{tenant_id}#METALEADS"


def oauth_states(tenant_id: str) -> str:
    """The tenant's OAuth consents in progress (one item per `state`)."""
    return f"T#{tenant_id}#OAUTH"


def oauth_state_sk(state: str) -> str:
    return f"STATE#{state}"
