"""Slack and runtime: settings, the Bolt app, listeners, Block Kit, scheduler, CLI."""
