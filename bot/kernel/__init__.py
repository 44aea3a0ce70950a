"""What every feature's Slack side shares: the one door in (``door``), the answers a request
can get (``answers``) and the one policy for refusals (``refusals``)."""
