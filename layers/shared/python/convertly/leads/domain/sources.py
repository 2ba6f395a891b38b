"""Where a lead came from: the sources a lead is recorded with.

A plain enum apart from convertly.leads.domain.leads, so code that only compares a lead's source does not
load the lead models with it (bench/imports.py).
"""

from __future__ import annotations

from enum import StrEnum


class LeadSource(StrEnum):
    GOOGLE_ADS = "google_ads"
    META_ADS = "meta_ads"
    MICROSOFT_ADS = "microsoft_ads"
    TIKTOK_ADS = "tiktok_ads"
    LINKEDIN_ADS = "linkedin_ads"
    ORGANIC_SEARCH = "organic_search"
    SOCIAL = "social"
    REFERRAL = "referral"
    EMAIL = "email"
    DIRECT = "direct"
    FORM = "form"
    MANUAL = "manual"
    IMPORT = "import"
    OTHER = "other"
