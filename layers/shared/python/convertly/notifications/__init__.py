"""Notifications: the bell, the notifier, preferences, email settings, event mail and the mail outbox."""
