"""Supervision: entries and log types, requirements, hours, the facilitators' list."""
