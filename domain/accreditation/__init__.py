"""Accreditation: pathways and sign-offs, lapsing and re-instating, peer reviews, mentoring."""
