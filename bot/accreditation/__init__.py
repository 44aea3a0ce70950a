"""Accreditation in Slack: pathways, peer reviews, mentoring, certificates and exports."""
