"""Which column is which field, and a row's cells as clean values: plain functions, no I/O."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from convertly.imports.mapping import (
    BUILTIN_TARGETS,
    CustomField,
    Person,
    RowProblem,
    Target,
    clean_row,
    propose,
    targets,
)

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)
INDUSTRY = CustomField("contact", "industry", "Industry")
BUDGET = CustomField("lead", "budget_range", "Budget range")


def clean(row: dict[str, str], *, default_country: str | None = "US", identity: bool = True) -> Person:
    """One row given as {target key: cell}: the keys are the mapping, the cells the row; with
    `identity`, an email column comes first unless the row has one (so the row has someone)."""
    if identity and "email" not in row:
        row = {"email": "ada@example.com", **row}
    keys, cells = list(row), list(row.values())
    return clean_row(cells, keys, len(cells), default_country=default_country, now=NOW)


def reason(row: dict[str, str], *, default_country: str | None = "US") -> str:
    with pytest.raises(RowProblem) as raised:
        clean(row, default_country=default_country)
    return raised.value.reason


# Targets


def test_builtin_targets_in_order_with_their_groups() -> None:
    assert [(t.key, t.group) for t in BUILTIN_TARGETS] == [
        ("name", "Person"),
        ("first_name", "Person"),
        ("last_name", "Person"),
        ("email", "Person"),
        ("phone", "Person"),
        ("company", "Person"),
        ("country", "Person"),
        ("role", "Person"),
        ("tags", "Person"),
        ("source", "Person"),
        ("created_at", "Person"),
        ("value", "Lead"),
        ("currency", "Lead"),
        ("stage", "Lead"),
        ("owner_email", "Lead"),
        ("close_date", "Lead"),
        ("utm_source", "Attribution"),
        ("utm_medium", "Attribution"),
        ("utm_campaign", "Attribution"),
        ("utm_term", "Attribution"),
        ("utm_content", "Attribution"),
        ("gclid", "Attribution"),
        ("gbraid", "Attribution"),
        ("wbraid", "Attribution"),
        ("fbclid", "Attribution"),
        ("landing_page", "Attribution"),
        ("referrer", "Attribution"),
    ]
    labels = {t.key: t.label for t in BUILTIN_TARGETS}
    assert (labels["name"], labels["role"], labels["utm_source"]) == (
        "Full name",
        "Contact role",
        "UTM source",
    )


def test_targets_add_the_custom_fields_after_the_builtin_ones() -> None:
    all_targets = targets([INDUSTRY, BUDGET])

    assert all_targets[: len(BUILTIN_TARGETS)] == list(BUILTIN_TARGETS)
    assert all_targets[len(BUILTIN_TARGETS) :] == [
        Target("contact.cf.industry", "Industry (contact field)", "Custom fields"),
        Target("lead.cf.budget_range", "Budget range (lead field)", "Custom fields"),
    ]


# Proposals


def test_propose_a_hubspot_contacts_export() -> None:
    header = [
        "Record ID",
        "First Name",
        "Last Name",
        "Email",
        "Phone Number",
        "Mobile Phone Number",
        "Company Name",
        "Lead Status",
        "Lifecycle Stage",
        "Create Date",
        "Country/Region",
        "Original Source",
    ]

    assert propose(header, []) == [
        None,
        "first_name",
        "last_name",
        "email",
        "phone",
        None,  # phone is taken by the first phone column
        "company",
        "stage",
        None,
        "created_at",
        "country",
        "source",
    ]


def test_propose_a_gohighlevel_export() -> None:
    header = [
        "Contact Id",
        "First Name",
        "Last Name",
        "Phone",
        "Email",
        "Business Name",
        "Created",
        "Tags",
        "Source",
    ]

    assert propose(header, []) == [
        None,
        "first_name",
        "last_name",
        "phone",
        "email",
        "company",
        "created_at",
        "tags",
        "source",
    ]


def test_propose_a_hand_made_excel_sheet() -> None:
    header = [
        "Full Name",
        "E-mail",
        "Mobile",
        "Organisation",
        "Deal Value",
        "Currency",
        "Status",
        "Assigned To",
        "Date Added",
        "Expected Close Date",
        "utm_source",
        "UTM Medium",
        "utm-campaign",
        "GCLID",
        "Facebook Click ID",
        "Landing Page URL",
        "Referer",
        "Contact Type",
        "Country Code",
        "Labels",
        "Notes",
    ]

    assert propose(header, []) == [
        "name",
        "email",
        "phone",
        "company",
        "value",
        "currency",
        "stage",
        "owner_email",
        "created_at",
        "close_date",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "gclid",
        "fbclid",
        "landing_page",
        "referrer",
        "role",
        "country",
        "tags",
        None,
    ]


@pytest.mark.parametrize(
    "spelling", ["Email", "EMAIL", " email ", "E-mail", "e_mail", "E.Mail", "Email Address", "email-address"]
)
def test_spellings_of_one_header_are_one(spelling: str) -> None:
    assert propose([spelling], []) == ["email"]


def test_custom_fields_match_by_label_or_key() -> None:
    header = ["Industry", "budget_range", "Name"]

    assert propose(header, [INDUSTRY, BUDGET]) == ["contact.cf.industry", "lead.cf.budget_range", "name"]
    assert propose(["Budget Range (lead field)"], [BUDGET]) == ["lead.cf.budget_range"]


def test_a_custom_field_named_like_a_synonym_wins_over_the_synonym() -> None:
    status = CustomField("contact", "status", "Status")

    assert propose(["Status"], [status]) == ["contact.cf.status"]
    assert propose(["Status"], []) == ["stage"]


def test_each_target_goes_to_the_first_matching_column_only() -> None:
    assert propose(["Email", "E-mail", "Phone", "Mobile", "Email"], []) == [
        "email",
        None,
        "phone",
        None,
        None,
    ]


def test_unknown_and_blank_headers_propose_nothing() -> None:
    assert propose(["Notes", "", "  ", "Lifecycle Stage", "Lead ID"], []) == [None] * 5


# Clean rows: names and identity


def test_full_name_splits_on_the_last_space() -> None:
    person = clean({"name": "  Mary  Ann   Smith "})

    assert (person.first_name, person.last_name) == ("Mary Ann", "Smith")


def test_a_one_word_name_is_a_first_name() -> None:
    assert (clean({"name": "Cher"}).first_name, clean({"name": "Cher"}).last_name) == ("Cher", None)


def test_first_and_last_name_columns_win_over_the_full_name() -> None:
    person = clean({"name": "Ada Lovelace", "first_name": "Augusta", "last_name": "King"})

    assert (person.first_name, person.last_name) == ("Augusta", "King")


def test_an_empty_first_name_cell_falls_back_to_the_full_name() -> None:
    person = clean({"first_name": "", "last_name": "", "name": "Ada Lovelace"})

    assert (person.first_name, person.last_name) == ("Ada", "Lovelace")


def test_a_row_with_no_name_email_or_phone_fails() -> None:
    with pytest.raises(RowProblem) as raised:
        clean({"company": "Acme", "email": " ", "name": ""}, identity=False)

    assert raised.value.reason == "no name, email or phone"


@pytest.mark.parametrize(
    "row",
    [
        {"first_name": "Ada"},
        {"last_name": "Lovelace"},
        {"email": "a@example.com"},
        {"phone": "(415) 555-0123"},
    ],
)
def test_one_of_name_email_or_phone_is_enough(row: dict[str, str]) -> None:
    person = clean({"company": "Acme", **row}, identity=False)

    assert person.company == "Acme"


# Clean rows: each field


def test_email_is_trimmed_and_lower_cased() -> None:
    assert clean({"email": "  Ada.Lovelace@Example.COM "}).email == "ada.lovelace@example.com"


@pytest.mark.parametrize("email", ["bob@", "bob", "bob@example", "a b@example.com"])
def test_invalid_email(email: str) -> None:
    assert reason({"email": email}) == f"invalid email: {email}"


@pytest.mark.parametrize(
    ("phone", "country", "expected"),
    [
        ("(415) 555-0123", None, "+14155550123"),
        ("+44 20 7946 0958", None, "+442079460958"),
        ("0044 20 7946 0958", None, "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("020 7946 0958", "United Kingdom", "+442079460958"),
        ("030 901820", "DE", "+4930901820"),
    ],
)
def test_phone_is_e164_in_the_rows_country_else_the_default(
    phone: str, country: str | None, expected: str
) -> None:
    row = {"phone": phone} if country is None else {"phone": phone, "country": country}

    assert clean(row, default_country="US").phone == expected


def test_a_local_phone_without_any_country_is_invalid() -> None:
    assert reason({"phone": "415 555 0123"}, default_country=None) == "invalid phone: 415 555 0123"
    assert clean({"phone": "+1 415 555 0123"}, default_country=None).phone == "+14155550123"


def test_an_empty_country_cell_uses_the_default_country_for_the_phone() -> None:
    assert clean({"country": "", "phone": "020 7946 0958"}, default_country="gb").phone == "+442079460958"


@pytest.mark.parametrize("phone", ["12", "555-0100", "not a phone", "+1 999 555 0123"])
def test_invalid_phone(phone: str) -> None:
    assert reason({"phone": phone}) == f"invalid phone: {phone}"


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("us", "US"),
        ("USA", "US"),
        ("U.S.", "US"),
        ("United States", "US"),
        ("United States of America", "US"),
        ("UK", "GB"),
        ("united kingdom", "GB"),
        ("Great Britain", "GB"),
        ("gb", "GB"),
        ("Canada", "CA"),
        ("Australia", "AU"),
        ("Germany", "DE"),
        ("France", "FR"),
        ("Ireland", "IE"),
        ("New Zealand", "NZ"),
        ("India", "IN"),
        ("Spain", "ES"),
        ("Italy", "IT"),
        ("The Netherlands", "NL"),
        ("br", "BR"),
    ],
)
def test_country_codes_and_common_names(country: str, expected: str) -> None:
    assert clean({"country": country}).country == expected


@pytest.mark.parametrize("country", ["XX", "Narnia", "Brazil", "U"])
def test_unknown_country(country: str) -> None:
    assert reason({"country": country}) == f"unknown country: {country}"


@pytest.mark.parametrize(
    ("role", "expected"),
    [("lead", "Lead"), ("PROSPECT", "Prospect"), ("Client", "Client"), ("customer", "Client")],
)
def test_roles(role: str, expected: str) -> None:
    assert clean({"role": role}).role == expected


def test_unknown_role() -> None:
    assert reason({"role": "Partner"}).startswith("unknown contact role: Partner")


def test_tags_split_on_commas_semicolons_and_bars_deduplicated_in_order() -> None:
    assert clean({"tags": " vip, golf;; vip | Roofing ,"}).tags == ["vip", "golf", "Roofing"]


def test_tags_from_two_columns_are_combined() -> None:
    person = clean_row(
        ["a@example.com", "vip", "golf; vip"], ["email", "tags", "tags"], 3, default_country=None
    )

    assert person.tags == ["vip", "golf"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1234", Decimal("1234")),
        ("1,234.50", Decimal("1234.50")),
        ("$1,234.50", Decimal("1234.50")),
        ("€1.234,50", Decimal("1234.50")),
        ("1 234,50", Decimal("1234.50")),
        ("1\u00a0234,5", Decimal("1234.5")),
        ("1.234.567", Decimal("1234567")),
        ("12,5", Decimal("12.5")),
        ("1,234", Decimal("1234")),
        ("USD 99.99", Decimal("99.99")),
        ("99.99 EUR", Decimal("99.99")),
        ("R$ 10,50", Decimal("10.50")),
        ("1234.500", Decimal("1234.5")),
        ("0", Decimal("0")),
    ],
)
def test_amounts(value: str, expected: Decimal) -> None:
    assert clean({"value": value}).value == expected


@pytest.mark.parametrize("value", ["-5", "-$1,234.50", "$-5", "(120.00)"])
def test_negative_amounts(value: str) -> None:
    assert reason({"value": value}) == "value cannot be negative"


@pytest.mark.parametrize("value", ["abc", "12.3.4", "1,234,56", "$", "1e5", "twelve"])
def test_not_an_amount(value: str) -> None:
    assert reason({"value": value}) == f"value is not an amount: {value}"


@pytest.mark.parametrize("value", ["0.125", "1.234", "19.999"])
def test_more_than_two_decimals(value: str) -> None:
    assert reason({"value": value}) == f"value has more than 2 decimals: {value}"
    assert reason({"value": value, "currency": "EUR"}) == f"value has more than 2 decimals: {value}"


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        ("1.234", "KWD", Decimal("1.234")),
        ("1,234.567", "kwd", Decimal("1234.567")),
        ("0.125", "BHD", Decimal("0.125")),
        ("1.2345", "CLF", Decimal("1.2345")),
        ("7,500", "JPY", Decimal("7500")),
        ("7500.00", "JPY", Decimal("7500")),  # trailing zeros are no decimals
    ],
)
def test_an_amount_has_the_decimals_of_its_currency(value: str, currency: str, expected: Decimal) -> None:
    person = clean({"value": value, "currency": currency})
    assert (person.value, person.currency) == (expected, currency.upper())


def test_an_amount_with_more_decimals_than_its_currency_is_refused() -> None:
    assert reason({"value": "1.2345", "currency": "KWD"}) == "value has more than 3 decimals: 1.2345"
    assert reason({"value": "1.23456", "currency": "CLF"}) == "value has more than 4 decimals: 1.23456"
    assert (
        reason({"value": "7500.5", "currency": "JPY"})
        == "value has decimals, but JPY amounts are whole numbers: 7500.5"
    )


def test_a_row_without_a_currency_has_the_decimals_of_the_imports_currency() -> None:
    def read(value: str, currency: str | None) -> Decimal | str | None:
        cells = ["ada@example.com", value]
        try:
            return clean_row(
                cells, ["email", "value"], 2, default_country=None, now=NOW, currency=currency
            ).value
        except RowProblem as problem:
            return problem.reason

    assert read("1.234", "KWD") == Decimal("1.234")
    assert read("1.234", "kwd") == Decimal("1.234")
    assert read("1.234", None) == "value has more than 2 decimals: 1.234"
    assert read("12.5", "JPY") == "value has decimals, but JPY amounts are whole numbers: 12.5"
    # the row's own currency counts, not the import's
    row = clean_row(
        ["ada@example.com", "1.234", "KWD"],
        ["email", "value", "currency"],
        3,
        default_country=None,
        currency="USD",
    )
    assert (row.value, row.currency) == (Decimal("1.234"), "KWD")


def test_currency_is_an_iso_4217_code_upper_cased() -> None:
    assert clean({"currency": "eur"}).currency == "EUR"
    assert clean({"currency": "kwd"}).currency == "KWD"
    for given in ("€", "EURO", "XYZ", "US$"):
        assert reason({"currency": given}) == f"unknown currency: {given} (use an ISO 4217 code, like USD)"


@pytest.mark.parametrize(
    ("created", "expected"),
    [
        ("2025-03-01", "2025-03-01T00:00:00.000Z"),
        ("2025-03-01T14:30:00", "2025-03-01T14:30:00.000Z"),
        ("2025-03-01T14:30:00Z", "2025-03-01T14:30:00.000Z"),
        ("2025-03-01T14:30:00+02:00", "2025-03-01T12:30:00.000Z"),
        ("2025-03-01 14:30", "2025-03-01T14:30:00.000Z"),
        ("2025-03-01 14:30:15", "2025-03-01T14:30:15.000Z"),
        ("03/01/2025", "2025-03-01T00:00:00.000Z"),
        ("3/1/2025 9:05", "2025-03-01T09:05:00.000Z"),
        ("01.03.2025", "2025-03-01T00:00:00.000Z"),
        ("1.3.2025 14:30:59", "2025-03-01T14:30:59.000Z"),
    ],
)
def test_created_dates_in_the_platforms_iso_shape(created: str, expected: str) -> None:
    assert clean({"created_at": created}).created_at == expected


@pytest.mark.parametrize("created", ["yesterday", "13/01/2025", "32.01.2025", "2025-02-30", "45352"])
def test_created_date_not_understood(created: str) -> None:
    assert reason({"created_at": created}) == f"created date not understood: {created}"


def test_created_date_in_the_future() -> None:
    assert reason({"created_at": "2026-03-17"}) == "created date is in the future"
    assert reason({"created_at": "03/16/2026 03:00"}) == "created date is in the future"


def test_a_naive_time_a_few_hours_ahead_is_a_time_zone_not_the_future() -> None:
    assert clean({"created_at": "2026-03-15 20:00"}).created_at == "2026-03-15T20:00:00.000Z"


@pytest.mark.parametrize(
    ("close", "expected"),
    [
        ("2026-06-30", "2026-06-30"),
        ("06/30/2026", "2026-06-30"),
        ("30.06.2026", "2026-06-30"),
        ("2026-06-30T23:00:00-05:00", "2026-06-30"),
    ],
)
def test_close_dates(close: str, expected: str) -> None:
    assert clean({"close_date": close}).close_date == expected


def test_close_date_not_understood() -> None:
    assert reason({"close_date": "next week"}) == "close date not understood: next week"


def test_the_owner_is_kept_as_given_for_the_run_to_find_by_email_or_name() -> None:
    assert clean({"owner_email": "Rep@Example.com"}).owner_email == "Rep@Example.com"
    assert clean({"owner_email": "Jane Doe"}).owner_email == "Jane Doe"


def test_text_fields_are_kept_as_given_trimmed() -> None:
    person = clean({"company": "  Acme, Inc. ", "source": "Trade show", "stage": "Proposal Sent"})

    assert (person.company, person.source, person.stage) == ("Acme, Inc.", "Trade show", "Proposal Sent")


def test_formula_looking_text_is_just_text() -> None:
    person = clean({"company": '=HYPERLINK("http://evil.example","Click")', "stage": "=1+1"})

    assert person.company == '=HYPERLINK("http://evil.example","Click")'
    assert person.stage == "=1+1"


def test_attribution_holds_the_non_empty_ones_only() -> None:
    person = clean(
        {
            "utm_source": "google",
            "utm_medium": "cpc",
            "utm_campaign": "",
            "gclid": "Cj0KCQ",
            "fbclid": " ",
            "landing_page": "https://example.com/roofs?x=1",
            "referrer": "https://www.google.com/",
        }
    )

    assert person.attribution == {
        "utm_source": "google",
        "utm_medium": "cpc",
        "gclid": "Cj0KCQ",
        "landing_page": "https://example.com/roofs?x=1",
        "referrer": "https://www.google.com/",
    }


def test_custom_fields_by_entity() -> None:
    person = clean({"contact.cf.industry": "Roofing", "lead.cf.budget_range": "10-50k", "lead.cf.empty": ""})

    assert person.custom == {"contact": {"industry": "Roofing"}, "lead": {"budget_range": "10-50k"}}


def test_a_person_with_nothing_else_has_empty_defaults() -> None:
    person = clean({"email": "a@example.com"})

    assert person == Person(email="a@example.com")
    assert person.custom == {"contact": {}, "lead": {}}


# Clean rows: shape and mapping


def test_skipped_columns_are_not_read() -> None:
    person = clean_row(
        ["Ada", "not an email", "ada@example.com"], ["name", None, "email"], 3, default_country=None
    )

    assert (person.first_name, person.email) == ("Ada", "ada@example.com")
    person = clean_row(["Ada", "x"], ["name", ""], 2, default_country=None)
    assert person.first_name == "Ada"


def test_a_row_shorter_than_the_mapping_reads_what_it_has() -> None:
    person = clean_row(["Ada"], ["name", "email", "phone"], 3, default_country=None)

    assert (person.first_name, person.email, person.phone) == ("Ada", None, None)


def test_cells_beyond_the_header_fail_the_row_unless_empty() -> None:
    mapping = ["name", "email"]

    with pytest.raises(RowProblem) as raised:
        clean_row(["Ada", "a@example.com", "surprise"], mapping, 2, default_country=None)
    assert raised.value.reason == "more cells than the header has"
    assert clean_row(["Ada", "a@example.com", "", "  "], mapping, 2, default_country=None).first_name == "Ada"


def test_a_cell_longer_than_the_limit_names_its_column() -> None:
    with pytest.raises(RowProblem) as raised:
        clean_row(["Ada", "x" * 10_001], ["name", None], 2, default_country=None)

    assert raised.value.reason == "cell longer than 10,000 characters in column 2"
    assert (
        clean_row(["Ada", "x" * 10_000], ["name", "company"], 2, default_country=None).company == "x" * 10_000
    )


def test_the_first_problem_in_field_order_is_reported() -> None:
    with pytest.raises(RowProblem) as raised:
        clean_row(["bob@", "abc"], ["email", "value"], 2, default_country=None)

    assert raised.value.reason == "invalid email: bob@"


@pytest.mark.parametrize("key", ["nickname", "contact", "deal.cf.x", "lead.cf."])
def test_an_unknown_target_is_a_programming_error(key: str) -> None:
    with pytest.raises(ValueError, match="unknown import target"):
        clean_row(["Ada", "x"], ["name", key], 2, default_country=None)
