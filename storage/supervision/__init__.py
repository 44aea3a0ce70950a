"""The storage of supervision entries and the catalogue."""
