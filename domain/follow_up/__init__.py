"""Following attendees through: cascading answers and follow-up calls."""
