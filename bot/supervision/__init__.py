"""Supervision in Slack: logging entries, the record, facilitators' standing on Home."""
