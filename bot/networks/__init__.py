"""Networks in Slack: debriefs and cohort channels; their routes, listeners, Block Kit and
renderers."""
