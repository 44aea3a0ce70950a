"""Working days: the weekdays people work, less the bank holidays of the UK nation chosen
(England and Wales by default; Scotland; Northern Ireland; or "none" for weekends only).

Bank holidays come from the ``holidays`` package: data and date rules, no I/O.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from functools import lru_cache
from typing import Literal

import holidays

Region = Literal["england-and-wales", "scotland", "northern-ireland", "none"]
DEFAULT_REGION: Region = "england-and-wales"
WEEKDAYS = (0, 1, 2, 3, 4)  # Monday = 0
_SUBDIVISION = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}


@lru_cache(maxsize=64)  # a few regions and years, asked for on every check
def bank_holidays(region: str, year: int) -> frozenset[date]:
    subdivision = _SUBDIVISION.get(region)
    if subdivision is None:
        return frozenset()
    return frozenset(holidays.country_holidays("GB", subdiv=subdivision, years=year))


def is_working_day(
    day: date, weekdays: Collection[int] = WEEKDAYS, region: str = DEFAULT_REGION
) -> bool:
    return day.weekday() in weekdays and day not in bank_holidays(region, day.year)
