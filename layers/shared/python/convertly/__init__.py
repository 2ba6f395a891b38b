"""Convertly shared layer: domain, services, data access, adapters, auth and the route manifest."""
