"""Group sessions in Slack: scheduling, invitations, attendance; their routes, listeners,
Block Kit and renderers."""
