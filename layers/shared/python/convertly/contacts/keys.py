"""Keys of the contacts capability's items; every partition key starts with the tenant."""

from __future__ import annotations

CONTACT_SK = "CONTACT"
COMPANY_SK = "COMPANY"
SETTINGS_SK = "SETTINGS#CONTACTS"  # in the tenant's partition
BACKFILL_SK = "MIGRATION#CONTACTS"  # in the tenant's partition


def contact(tenant_id: str, contact_id: str) -> str:
    """The contact's partition: the contact and a link to each of its leads."""
    return f"T#{tenant_id}#CONTACT#{contact_id}"


def company(tenant_id: str, company_id: str) -> str:
    """The company's partition: the company and a link to each of its contacts."""
    return f"T#{tenant_id}#COMPANY#{company_id}"


def lead_link_sk(lead_id: str) -> str:
    return f"LEAD#{lead_id}"


def contact_link_sk(contact_id: str) -> str:
    return f"CONTACT#{contact_id}"


# Contact lists (GSI1..GSI5 on the contact item), each sorted as its name says.
def contacts_index(tenant_id: str, *, deleted: bool = False) -> str:
    """GSI1: the live (or deleted) contacts by creation time."""
    return f"T#{tenant_id}#CONTACTS#DELETED" if deleted else f"T#{tenant_id}#CONTACTS"


def role_index(tenant_id: str, role: str) -> str:
    """GSI2: the live contacts with one role, by creation time."""
    return f"T#{tenant_id}#CONTACTS#ROLE#{role}"


def owner_index(tenant_id: str, owner_id: str) -> str:
    """GSI3: the live contacts one user owns, by creation time."""
    return f"T#{tenant_id}#CONTACTS#OWNER#{owner_id}"


def name_index(tenant_id: str) -> str:
    """GSI4: the live contacts by folded name."""
    return f"T#{tenant_id}#CONTACTS#NAME"


def updated_index(tenant_id: str) -> str:
    """GSI5: the live contacts by last update."""
    return f"T#{tenant_id}#CONTACTS#UPDATED"


def contact_search(tenant_id: str) -> str:
    return f"T#{tenant_id}#CSEARCH"


# Company lists.
def companies_index(tenant_id: str, *, deleted: bool = False) -> str:
    """GSI1: the live (or deleted) companies by creation time."""
    return f"T#{tenant_id}#COMPANIES#DELETED" if deleted else f"T#{tenant_id}#COMPANIES"


def company_name_index(tenant_id: str) -> str:
    """GSI4: the live companies by folded name."""
    return f"T#{tenant_id}#COMPANIES#NAME"


def company_search(tenant_id: str) -> str:
    return f"T#{tenant_id}#COSEARCH"


def duplicates(tenant_id: str) -> str:
    """The pairs of contacts that share an email or a phone."""
    return f"T#{tenant_id}#DUPES"


def pair_sk(first: str, second: str) -> str:
    low, high = sorted((first, second))
    return f"{low}#{high}"


def sort(at: str, item_id: str) -> str:
    return f"{at}#{item_id}"


# Smart lists: the saved list in the tenant's partition; its members in a partition of their own per
# generation (a change of filters or sort builds a new generation).
def smart_list_sk(list_id: str) -> str:
    return f"SMARTLIST#{list_id}"


SMART_LIST_PREFIX = "SMARTLIST#"


def members(tenant_id: str, list_id: str, generation: int) -> str:
    return f"T#{tenant_id}#LIST#{list_id}#G{generation}"


MEMBER_COUNT_SK = "COUNT"


def member_key_sk(contact_id: str) -> str:
    """A member by contact: where its sorted entry is, so a change finds it without a search."""
    return f"C#{contact_id}"


def member_sort_sk(sort_value: str, contact_id: str) -> str:
    """A member in the list's order."""
    return f"S#{sort_value}#{contact_id}"


def list_columns_sk(list_id: str, user_id: str) -> str:
    """One user's chosen columns of a list (tenant partition)."""
    return f"LISTCOLS#{list_id}#{user_id}"
