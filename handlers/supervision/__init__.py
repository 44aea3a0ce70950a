"""Supervision and requirements: entries (circles delivered among them), credits, hours, standing,
chases, staying accredited."""
