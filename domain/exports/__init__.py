"""Files asked for: what a request for one says."""
