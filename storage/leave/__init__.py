"""The storage of leave."""
