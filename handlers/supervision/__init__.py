"""Supervision and requirements: entries, credits, hours, standing, chases, staying accredited."""
