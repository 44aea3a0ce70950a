"""Leadership Support Circles as deliveries: the topic catalogue, what a delivered circle
records (topic, standalone or embedded in another programme, group size, co-facilitators,
ICS) and the rules of a good record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from domain.supervision.entries import Entry, InvalidEntry

SMALLEST, LARGEST = 6, 25  # circles are for groups of 6 to 25 people
MAX_CO_FACILITATORS = 5
SIZE_WARNING = f"Circles are for {SMALLEST}–{LARGEST} people; saved anyway."


class CircleTopic(BaseModel):
    """A circle's subject, from the programme's topic catalogue (`[[circle_topics]]`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
    name: Annotated[str, Field(min_length=1, max_length=75, pattern=r"^[^<>]*$")]


class Setting(StrEnum):
    STANDALONE = "standalone"
    EMBEDDED = "embedded"  # a session of another leadership programme


@dataclass(frozen=True)
class CircleDelivery:
    """The circle part of a delivery entry (the entry holds the date and the group size)."""

    topic: str
    ics_key: str
    setting: Setting = Setting.STANDALONE
    embedded_in: str = ""  # the programme it was part of, as the facilitator typed it
    co_facilitators: tuple[str, ...] = ()


@dataclass(frozen=True)
class CircleDeliveryLogged:
    """A circle was logged or changed: ``credited`` (co-facilitators named for the first time)
    are told it counts for them; everyone in ``concerned`` sees their Home change."""

    entry: Entry
    delivery: CircleDelivery
    credited: tuple[str, ...]
    concerned: tuple[str, ...]


def size_warning(group_size: int | None) -> str:
    """Outside 6–25 the record is kept, with a word that circles are not meant for that."""
    if group_size is None or SMALLEST <= group_size <= LARGEST:
        return ""
    return SIZE_WARNING


def read_setting(value: str) -> Setting:
    try:
        return Setting(value)
    except ValueError:
        raise InvalidEntry("Standalone or embedded? Choose one.", field="circle_setting") from None


def check_delivery(
    delivery: CircleDelivery, author: str, topics: Iterable[str], ics_keys: Iterable[str]
) -> None:
    """Every rule of a good circle record; raises for the first field that breaks one."""
    if delivery.topic not in set(topics):
        raise InvalidEntry("Choose the circle's topic from the list.", field="circle_topic")
    if author in delivery.co_facilitators:
        raise InvalidEntry(
            "Name the people who facilitated with you, not yourself: you are credited already.",
            field="co_facilitators",
        )
    if len(set(delivery.co_facilitators)) > MAX_CO_FACILITATORS:
        raise InvalidEntry(
            f"Name at most {MAX_CO_FACILITATORS} co-facilitators.", field="co_facilitators"
        )
    if delivery.ics_key not in set(ics_keys):
        raise InvalidEntry("Choose the ICS the circle was for.", field="ics")
    if delivery.setting is Setting.EMBEDDED and not delivery.embedded_in:
        raise InvalidEntry("Which programme was the circle part of?", field="embedded_in")
    if "<" in delivery.embedded_in or ">" in delivery.embedded_in:
        raise InvalidEntry("The programme's name must not contain < or >.", field="embedded_in")
