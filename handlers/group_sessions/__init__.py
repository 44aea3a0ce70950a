"""Group sessions: schedule, invite, answer, cancel, record attendance."""
