"""Files and fresh Home tabs asked for: checked now, made when sent."""
