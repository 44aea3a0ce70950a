"""Slack accounts deactivated or reactivated (the ``user_change`` event)."""
