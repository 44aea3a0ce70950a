"""Use cases: one function each, whatever triggered them (Slack, scheduler, CLI)."""
