"""The platform: what every capability uses and that knows no capability."""
