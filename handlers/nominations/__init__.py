"""Nominations: nominate, eligibility, the coordinators' decisions, waitlist offers, interest."""
