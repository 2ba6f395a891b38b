"""The tenant's number and date format (its locale): chosen at sign-up from the browser's language,
returned in the signed-in profile, changed with the region under Settings > Ad platforms, refused
when malformed or not offered, and each tenant's own."""

from __future__ import annotations

from convertly.accounts import keys
from convertly.accounts.items import TenantItem
from convertly.platform.locales import LOCALES
from convertly.platform.store import keys as platform_keys
from tests.functional.conftest import PASSWORD, Account, Api, invite, sign_up, unique_email


def signed_up(api: Api, **extra: str) -> tuple[dict[str, object], str]:
    body = {"company_name": "Format Roofing", "name": "Ada Admin", "email": unique_email("admin")}
    status, answer = api.call("POST", "/auth/signup", {**body, "password": PASSWORD, **extra})
    assert status == 201, answer
    return answer["tenant"], answer["tokens"]["id_token"]


def locale_of(api: Api, token: str) -> str | None:
    status, me = api.call("GET", "/me", token=token)
    assert status == 200, me
    return me["tenant"]["locale"]


def test_a_new_tenant_takes_the_nearest_format_to_the_browsers_language(api: Api) -> None:
    # A browser's exact tag, a bare language, another region of a language, and one Convertly lacks
    for sent, expected in (("en-GB", "en-GB"), ("de", "de-DE"), ("fr-LU", "fr-FR"), ("sw-KE", "en-US")):
        tenant, token = signed_up(api, locale=sent)
        assert tenant["locale"] == expected, sent
        assert locale_of(api, token) == expected
    # Without a language the account writes in en-US
    tenant, token = signed_up(api)
    assert tenant["locale"] == "en-US" and locale_of(api, token) == "en-US"


def test_the_format_is_changed_with_the_region_and_read_back(api: Api) -> None:
    admin = sign_up(api, "Berlin Roofing")
    status, settings = api.call("GET", "/settings/ads", token=admin.token)
    assert status == 200 and settings["locale"] == "en-US"
    # The select's choices come from the one curated list, each with its name
    assert {option["tag"]: option["name"] for option in settings["locales"]} == LOCALES

    # When the Admin chooses German, in any case, with nothing else named
    status, saved = api.call("PUT", "/settings/ads", {"locale": "de-de"}, admin.token)
    assert status == 200, saved
    # Then the settings and the profile carry the listed tag, and the time zone and country stay
    assert (saved["locale"], saved["timezone"], saved["default_country"]) == ("de-DE", "UTC", "US")
    assert locale_of(api, admin.token) == "de-DE"
    # And every user of the tenant reads it in their profile
    sales = invite(api, admin, "Sales")
    assert locale_of(api, sales.token) == "de-DE"

    # A save that leaves the format out keeps it
    status, saved = api.call("PUT", "/settings/ads", {"timezone": "Europe/Berlin"}, admin.token)
    assert status == 200 and saved["locale"] == "de-DE"
    # "" (or null) goes back to each browser's own
    status, saved = api.call("PUT", "/settings/ads", {"locale": ""}, admin.token)
    assert status == 200 and saved["locale"] is None
    assert locale_of(api, admin.token) is None
    status, saved = api.call("PUT", "/settings/ads", {"locale": "ja-JP"}, admin.token)
    assert status == 200 and locale_of(api, admin.token) == "ja-JP"
    status, saved = api.call("PUT", "/settings/ads", {"locale": None}, admin.token)
    assert status == 200 and locale_of(api, admin.token) is None


def test_a_malformed_or_unoffered_format_is_refused_next_to_its_field(api: Api) -> None:
    admin = sign_up(api, "Careful Roofing")
    api.call("PUT", "/settings/ads", {"locale": "fr-FR"}, admin.token)
    for sent, says in (
        ("german", "use a language tag such as en-US or de-DE"),
        ("de-DE; DROP", "use a language tag such as en-US or de-DE"),
        ("x" * 65, "64"),
        ("xx-YY", "xx-YY is not a format Convertly offers"),
        ("de-LU", "de-LU is not a format Convertly offers"),
    ):
        status, answer = api.call(
            "PUT", "/settings/ads", {"locale": sent, "timezone": "Asia/Tokyo"}, admin.token
        )
        assert status == 422, (sent, answer)
        assert set(answer["error"]["fields"]) == {"locale"}
        assert says in answer["error"]["fields"]["locale"], answer
    # Nothing of a refused save was kept
    assert locale_of(api, admin.token) == "fr-FR"
    status, settings = api.call("GET", "/settings/ads", token=admin.token)
    assert settings["timezone"] == "UTC"


def test_only_an_admin_changes_it_and_only_their_own_tenants(api: Api) -> None:
    first, second = sign_up(api, "First Roofing"), sign_up(api, "Second Roofing")
    manager = invite(api, first, "Manager")
    # A Manager may not change the account's format
    status, answer = api.call("PUT", "/settings/ads", {"locale": "ar-KW"}, manager.token)
    assert status == 403, answer
    assert locale_of(api, first.token) == "en-US"
    # One tenant's change is its own: the token names the tenant, so the other keeps its format
    status, _ = api.call("PUT", "/settings/ads", {"locale": "ar-KW"}, first.token)
    assert status == 200
    assert (locale_of(api, first.token), locale_of(api, second.token)) == ("ar-KW", "en-US")
    status, settings = api.call("GET", "/settings/ads", token=second.token)
    assert settings["locale"] == "en-US"


def test_a_tenant_from_before_the_setting_reads_as_each_browsers_own(api: Api, tenant: Account) -> None:
    # Given a tenant item without a locale (written before the setting existed)
    item = TenantItem.get(platform_keys.tenant(tenant.tenant_id), keys.TENANT_SK)
    item.update(actions=[TenantItem.locale.remove()])
    # Then its profile and settings read null, and its first choice is saved
    assert locale_of(api, tenant.token) is None
    status, settings = api.call("GET", "/settings/ads", token=tenant.token)
    assert status == 200 and settings["locale"] is None
    status, saved = api.call("PUT", "/settings/ads", {"locale": "en-GB"}, tenant.token)
    assert status == 200 and saved["locale"] == "en-GB"
    assert locale_of(api, tenant.token) == "en-GB"
