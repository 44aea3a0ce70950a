"""Following attendees up in Slack: cascading answers, snoozes, attendance, calls; their
routes, listeners, Block Kit and renderers."""
