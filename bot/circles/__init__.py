"""Circles in Slack: logging one, the calendar (publishing, places, cover); their routes,
listeners, Block Kit and renderers."""
