"""Messaging: email and SMS templates with merge fields, rendered in a sandbox, and one-off emails
and texts to a contact from its page (workflows send from the same templates)."""
