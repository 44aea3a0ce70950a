"""Cascade's tests. Every process running them (pytest's workers, and the processes tests spawn,
which import this package) has each feature's part of the kernel's tables, as the app has."""

from bot.features import install

install()
