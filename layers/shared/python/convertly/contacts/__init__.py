"""Contacts and companies: the people and organisations leads are about."""
