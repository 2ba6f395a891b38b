"""The ad platforms conversions go to, and the kinds of conversion reported.

Plain enums apart from convertly.conversions.domain.conversions, so the conversions consumer, which
validates no request, does not load the API's settings models with them (bench/imports.py).
"""

from __future__ import annotations

from enum import StrEnum


class Platform(StrEnum):
    GOOGLE_ADS = "google_ads"
    META = "meta"


class ConversionKind(StrEnum):
    CONVERSION = "conversion"  # a win: Google click conversion, Meta Purchase
    RETRACTION = "retraction"  # a reopened win: Google RETRACTION adjustment
    RESTATEMENT = "restatement"  # a won lead's new value: Google RESTATEMENT adjustment
    CRM_EVENT = "crm_event"  # a Meta Lead Ads lead's stage, as a CRM event
