"""What every feature shares: the ports and the unit of work, the base command, the outbox and
the inbox machinery, people and roles."""
