"""Reminders in Slack: the coordinators' preview of the next reminder run."""
