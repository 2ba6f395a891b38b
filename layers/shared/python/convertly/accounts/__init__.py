"""Accounts: sign-up, login, the tenant, users and the signed-in profile."""
