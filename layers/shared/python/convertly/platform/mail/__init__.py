"""Outgoing email: the message and the transports that carry it (SMTP, SES)."""
