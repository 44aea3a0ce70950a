"""The storage of debriefs and cohort channels."""
