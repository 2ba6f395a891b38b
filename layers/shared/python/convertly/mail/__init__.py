"""Outgoing email: the message, and the transports that carry it (a tenant's SMTP server, SES)."""
