"""Conversions: ad platform settings and accounts, the dispatch of won revenue, Meta Lead Ads."""
