"""Slack and runtime: settings, the Bolt app, listeners, Block Kit, scheduler, CLI."""

from bot.features import install

install()  # the composition root: every feature's part of the kernel's tables
