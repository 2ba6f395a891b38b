"""Who an email address belongs to, as the program compares them: the address without a `+tag`, and
its company's domain (none for free mail, whose domain says nothing of its owner)."""

from __future__ import annotations

# Addresses at these domains say nothing about who owns them: only the whole address is compared.
FREE_MAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.de",
        "web.de",
        "mail.com",
        "yandex.com",
        "zoho.com",
    }
)


def address_key(email: str) -> str:
    """The address lower case, without a `+tag` (dana+crm@x.com is dana@x.com)."""
    local, _, domain = email.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


def company_domain(email: str) -> str | None:
    domain = email.strip().lower().rpartition("@")[2]
    return None if not domain or domain in FREE_MAIL else domain
