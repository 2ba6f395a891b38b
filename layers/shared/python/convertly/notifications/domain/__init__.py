"""Notifications' API shapes: notifications, preferences and email settings."""
