"""Following attendees through: cascading answers, the follow-up list, calls, the register."""
