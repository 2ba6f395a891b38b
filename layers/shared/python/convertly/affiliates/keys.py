"""Keys of the affiliate program's items. Affiliates are platform level, never members of a tenant:
their items live under their own prefixes (`AFF#<affiliate>`, `AFFILIATES#...`, one-item routes such
as `AFFCODE#<code>`); the one item in a tenant's partition is that tenant's attribution (`T#<t>`),
which says which affiliate referred it (docs/data-model.md)."""

from __future__ import annotations

# The program: its terms, the applications by status, the affiliates' directory, payout batches,
# marketing assets, the ledger by month and the commissions waiting for their hold to end.
PROGRAM = "AFFILIATES#PROGRAM"
TERMS_SK = "TERMS"
DIRECTORY = "AFFILIATES#DIRECTORY"
BATCHES = "AFFILIATES#PAYOUTS"
ASSETS = "AFFILIATES#ASSETS"
HOLD = "AFFILIATES#HOLD"  # GSI2: pending commissions by the time their hold ends
ROUTE_SK = "ROUTE"


def applications(status: str) -> str:
    """Applications in one status (pending, approved, rejected), newest first by id."""
    return f"AFFILIATES#APPLICATIONS#{status}"


def application_sk(application_id: str) -> str:
    return f"APP#{application_id}"


def email_route(email: str) -> str:
    """One application or affiliate per email address (lower case, without a `+tag`)."""
    return f"AFFEMAIL#{email}"


def domain_route(domain: str) -> str:
    """The affiliates at a company domain (never a free mail one): who an address there belongs to."""
    return f"AFFDOMAIN#{domain}"


def code_route(code: str) -> str:
    """A referral code's affiliate (codes are lower case)."""
    return f"AFFCODE#{code}"


def affiliate(affiliate_id: str) -> str:
    return f"AFF#{affiliate_id}"


PROFILE_SK = "PROFILE"
STATS_SK = "STATS"


def directory_sk(affiliate_id: str) -> str:
    return f"AFF#{affiliate_id}"


def balance_sk(currency: str) -> str:
    return f"BALANCE#{currency}"


def days(affiliate_id: str) -> str:
    """The affiliate's figures per day (clicks, sign-ups, first payments, commissions earned)."""
    return f"AFF#{affiliate_id}#DAYS"


def day_sk(day: str) -> str:
    return f"DAY#{day}"


def referrals(affiliate_id: str) -> str:
    return f"AFF#{affiliate_id}#REFERRALS"


def referral_sk(tenant: str) -> str:
    return f"REF#{tenant}"


def ledger(affiliate_id: str) -> str:
    return f"AFF#{affiliate_id}#LEDGER"


def entry_sk(entry_id: str) -> str:
    return f"E#{entry_id}"


def open_entries(affiliate_id: str) -> str:
    """GSI3: the affiliate's payable commissions and unsettled reversals (what the next payout nets)."""
    return f"AFF#{affiliate_id}#OPEN"


def ledger_month(month: str) -> str:
    """GSI1: every affiliate's ledger entries of one month (`YYYY-MM`), for the console."""
    return f"AFFILIATES#LEDGER#{month}"


def payouts(affiliate_id: str) -> str:
    return f"AFF#{affiliate_id}#PAYOUTS"


def payout_sk(payout_id: str) -> str:
    return f"P#{payout_id}"


def flags(affiliate_id: str) -> str:
    return f"AFF#{affiliate_id}#FLAGS"


def flag_sk(flag_id: str) -> str:
    return f"F#{flag_id}"


def batch_sk(batch_id: str) -> str:
    return f"BATCH#{batch_id}"


def batch_lines(batch_id: str) -> str:
    return f"AFFILIATES#BATCH#{batch_id}"


def asset_sk(asset_id: str) -> str:
    return f"A#{asset_id}"


# Clicks: the day's salt for hashing visitors, a visitor seen today (repeat clicks are folded), and
# the referral a click hands the browser (what sign-up names).
def salt(day: str) -> str:
    return f"AFFILIATES#SALT#{day}"


def visitor(affiliate_id: str, day: str, visitor_hash: str) -> str:
    return f"AFFCLICK#{affiliate_id}#{day}#{visitor_hash}"


def referral_click(click_id: str) -> str:
    return f"AFFREF#{click_id}"


# Stripe: one marker per invoice (its commission, or why there is none), per refunded charge and per
# dispute (what was reversed), and the card fingerprints an affiliate's own accounts paid with.
def invoice_marker(invoice_id: str) -> str:
    return f"AFFINV#{invoice_id}"


def reversal_marker(source_id: str) -> str:
    return f"AFFREV#{source_id}"


def card(fingerprint: str) -> str:
    return f"AFFCARD#{fingerprint}"


MARKER_SK = "MARKER"


# In the tenant's own partition: which affiliate referred it.
def attribution(tenant_id: str) -> str:
    return f"T#{tenant_id}"


ATTRIBUTION_SK = "AFFILIATION"
