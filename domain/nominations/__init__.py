"""Nominations: their life cycle, capacity, eligibility, preferences, the waitlist."""
