"""Accreditation: pathways, peer reviews, mentoring, role holders, certificates."""
