"""Debriefs on request and cohort channels."""
