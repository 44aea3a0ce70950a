"""Nominations in Slack: the commands' routes, listeners, Block Kit and renderers."""
