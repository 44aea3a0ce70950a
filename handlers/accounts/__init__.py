"""Slack accounts: a person whose account is deactivated is no longer chased or messaged."""
