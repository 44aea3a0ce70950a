"""The storage of which programme file was applied last."""
