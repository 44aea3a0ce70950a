"""Block Kit builders: plain data in, dicts out. No rules, no database."""
