"""Accreditation's Block Kit: pure builders, plain data in, dicts out."""
