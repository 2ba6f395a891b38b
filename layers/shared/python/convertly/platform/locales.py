"""The number and date formats (BCP 47 locales) a tenant may choose: how the web app writes money,
numbers and dates for everyone in the account ("$1,234.50" in en-US, "1.234,50 $" in de-DE).

One curated list, so every browser formats the same choice alike and the settings page can name each
in its select. A tenant without a locale (one from before the setting) is formatted in each reader's
browser locale.
"""

from __future__ import annotations

import re

# Tag -> its name in the settings' select. Within a language the first is the one a bare language
# ("de", a browser's language at sign-up) stands for.
LOCALES: dict[str, str] = {
    "en-US": "English (United States)",
    "en-GB": "English (United Kingdom)",
    "en-AU": "English (Australia)",
    "en-CA": "English (Canada)",
    "en-IE": "English (Ireland)",
    "en-IN": "English (India)",
    "en-NZ": "English (New Zealand)",
    "en-ZA": "English (South Africa)",
    "de-DE": "German (Germany)",
    "de-AT": "German (Austria)",
    "de-CH": "German (Switzerland)",
    "fr-FR": "French (France)",
    "fr-BE": "French (Belgium)",
    "fr-CA": "French (Canada)",
    "fr-CH": "French (Switzerland)",
    "es-ES": "Spanish (Spain)",
    "es-MX": "Spanish (Mexico)",
    "es-AR": "Spanish (Argentina)",
    "it-IT": "Italian (Italy)",
    "nl-NL": "Dutch (Netherlands)",
    "nl-BE": "Dutch (Belgium)",
    "pt-BR": "Portuguese (Brazil)",
    "pt-PT": "Portuguese (Portugal)",
    "sv-SE": "Swedish (Sweden)",
    "da-DK": "Danish (Denmark)",
    "nb-NO": "Norwegian (Norway)",
    "fi-FI": "Finnish (Finland)",
    "pl-PL": "Polish (Poland)",
    "cs-CZ": "Czech (Czechia)",
    "tr-TR": "Turkish (Türkiye)",
    "ar-KW": "Arabic (Kuwait)",
    "ar-AE": "Arabic (United Arab Emirates)",
    "ar-SA": "Arabic (Saudi Arabia)",
    "ar-EG": "Arabic (Egypt)",
    "he-IL": "Hebrew (Israel)",
    "hi-IN": "Hindi (India)",
    "ja-JP": "Japanese (Japan)",
    "ko-KR": "Korean (South Korea)",
    "zh-CN": "Chinese (China)",
    "zh-TW": "Chinese (Taiwan)",
}
DEFAULT_LOCALE = "en-US"

# A language, then an optional script and region: "en", "en-GB", "zh-Hant-TW", "es-419". Enough of
# BCP 47 to tell a tag from a typing slip; whether Convertly formats it is the list's business.
_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?")
_BY_FOLDED = {tag.lower(): tag for tag in LOCALES}


def supported_locale(value: str) -> str:
    """`value` as the listed tag it names, whatever its case or separator ("de_de" -> "de-DE");
    ValueError with a sentence for the person when it is no tag or one Convertly does not format."""
    tag = value.strip().replace("_", "-")
    if not _TAG.fullmatch(tag):
        raise ValueError("use a language tag such as en-US or de-DE")
    listed = _BY_FOLDED.get(tag.lower())
    if listed is None:
        raise ValueError(f"{tag} is not a format Convertly offers: choose one of the listed formats")
    return listed


def closest_locale(value: str | None) -> str:
    """The listed locale nearest a browser's language: the tag itself, else its language's first
    ("de" or "de-LU" -> "de-DE"), else en-US. Never refuses: a sign-up does not fail over it."""
    tag = (value or "").strip().replace("_", "-")
    if not _TAG.fullmatch(tag):
        return DEFAULT_LOCALE
    listed = _BY_FOLDED.get(tag.lower())
    if listed is not None:
        return listed
    parts = tag.lower().split("-")
    language, region = parts[0], parts[-1] if len(parts) > 1 else ""
    nearest = _BY_FOLDED.get(f"{language}-{region}")  # "zh-Hant-TW" -> "zh-TW"
    if nearest is not None:
        return nearest
    return next((known for known in LOCALES if known.split("-", 1)[0] == language), DEFAULT_LOCALE)
