"""How leads are found: terms and query prefixes."""

from __future__ import annotations

from convertly.leads.search import lead_terms, query_prefix


def test_terms_cover_full_name_last_name_email_and_phone_digits() -> None:
    terms = lead_terms("José", "Núñez", "Jose@Example.com", "+1 (555) 010-4477")
    assert terms == ["jose nunez", "nunez", "jose@example.com", "15550104477", "5550104477"]


def test_last_name_is_not_repeated_when_it_starts_the_full_name() -> None:
    assert lead_terms("", "Smith", None, None) == ["smith"]


def test_query_prefix_uses_digits_for_phone_like_input_and_folds_text() -> None:
    assert query_prefix(" (555) 010 ") == "555010"
    assert query_prefix("  JOSÉ  Nú ") == "jose nu"
    assert query_prefix("maria@") == "maria@"
