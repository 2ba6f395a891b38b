"""The number and date formats a tenant may choose: the curated list, the tag a setting names, and the
nearest one to a browser's language at sign-up."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError as PydanticValidationError

from convertly.conversions.domain.conversions import AdsSettingsUpdate
from convertly.platform.errors import readable_message
from convertly.platform.locales import DEFAULT_LOCALE, LOCALES, closest_locale, supported_locale


def test_the_list_holds_well_formed_tags_each_named_and_the_default() -> None:
    assert DEFAULT_LOCALE in LOCALES
    for tag in ("en-US", "en-GB", "de-DE", "fr-FR", "ar-KW", "ja-JP"):
        assert tag in LOCALES
    for tag, name in LOCALES.items():
        assert re.fullmatch(r"[a-z]{2,3}-[A-Z]{2}", tag), tag
        assert name.strip() and "(" in name, tag


@pytest.mark.parametrize(
    ("sent", "listed"),
    [("de-DE", "de-DE"), ("de-de", "de-DE"), ("EN_gb", "en-GB"), (" ja-JP ", "ja-JP"), ("AR-kw", "ar-KW")],
)
def test_a_listed_tag_is_taken_in_any_case_and_with_either_separator(sent: str, listed: str) -> None:
    assert supported_locale(sent) == listed


@pytest.mark.parametrize("sent", ["german", "de-", "de--DE", "1234", "de-DE-x-private", "de DE", ""])
def test_a_malformed_tag_is_refused_with_an_example(sent: str) -> None:
    with pytest.raises(ValueError, match="use a language tag such as en-US or de-DE"):
        supported_locale(sent)


@pytest.mark.parametrize("sent", ["xx-YY", "de-LU", "de", "zh-Hant-TW", "es-419"])
def test_a_well_formed_tag_not_offered_is_refused_by_name(sent: str) -> None:
    with pytest.raises(ValueError, match=f"^{sent} is not a format Convertly offers"):
        supported_locale(sent)


@pytest.mark.parametrize(
    ("browser", "chosen"),
    [
        ("fr-FR", "fr-FR"),
        ("fr-ca", "fr-CA"),
        ("de", "de-DE"),
        ("de-LU", "de-DE"),
        ("pt", "pt-BR"),
        ("zh-Hant-TW", "zh-TW"),
        ("es-419", "es-ES"),
        ("sw-KE", "en-US"),
        ("", "en-US"),
        (None, "en-US"),
        ("*", "en-US"),
    ],
)
def test_a_sign_up_takes_the_nearest_listed_format_and_never_fails(browser: str | None, chosen: str) -> None:
    assert closest_locale(browser) == chosen


def test_the_settings_update_refuses_a_bad_locale_in_words_and_leaves_an_empty_one_to_clear() -> None:
    assert AdsSettingsUpdate.model_validate({"locale": "de-de"}).locale == "de-DE"
    cleared = AdsSettingsUpdate.model_validate({"locale": ""})
    assert cleared.locale == "" and "locale" in cleared.model_fields_set
    assert "locale" not in AdsSettingsUpdate.model_validate({}).model_fields_set
    with pytest.raises(PydanticValidationError) as refused:
        AdsSettingsUpdate.model_validate({"locale": "xx-YY"})
    [error] = refused.value.errors()
    assert error["loc"] == ("locale",)
    offered = "choose one of the listed formats"
    assert readable_message(error) == f"xx-YY is not a format Convertly offers: {offered}"
