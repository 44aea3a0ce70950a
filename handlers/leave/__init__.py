"""Leave: record, end early, and see your own."""
