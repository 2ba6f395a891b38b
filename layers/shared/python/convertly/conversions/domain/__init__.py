"""Conversions' API shapes: settings, the ledger, the platforms."""
