"""The App Home tab, which serves every feature: what it shows a person (each feature's part,
put together for their roles), and its own buttons and event."""
