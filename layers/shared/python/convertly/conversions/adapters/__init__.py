"""The ad platforms: Google Ads and Meta over REST, identifiers and outcomes."""
