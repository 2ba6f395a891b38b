"""Adapters for the ad platforms: Google Ads (offline click conversions, adjustments, OAuth) and Meta
(Conversions API, Graph API leads), over their documented REST endpoints with configurable bases."""
