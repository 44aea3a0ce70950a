"""The storage of nominations."""
