"""The rules of Cascade: pure Python, no I/O, time passed in as ``now``."""
