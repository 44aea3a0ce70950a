"""Programmes as coordinators run them: the catalogue, the programme file, changes, content."""
