"""Nominations' Block Kit: the form, eligibility, the review card and decisions, the offer
and interest, and nominations' part of the Home tab."""
