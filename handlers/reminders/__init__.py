"""The reminder planner: the chases that should exist now."""
