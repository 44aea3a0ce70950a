"""The one way out to Slack: every message is rendered at send time and sent by the dispatcher."""
