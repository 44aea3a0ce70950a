"""People the programme file names by e-mail address, found in Slack (users.lookupByEmail).

Cascade matches an address to a Slack user once it knows their address. Someone named only by
address would otherwise be unreachable until their first request; so at start-up Cascade asks
Slack who has each address it does not know yet, and `cascade config check` says which no one has.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.people import person_from
from domain.kernel.errors import Unavailable
from domain.kernel.people import Person
from handlers.kernel.people import remember_people, unknown_addresses
from handlers.programme_admin.configuration import current_configuration
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)
_WHY = {
    "missing_scope": "the app lacks the users:read.email scope; reinstall it from manifest.yml",
    "ratelimited": "Slack kept asking us to wait; try again in a minute",
}


@dataclass
class AddressLookup:
    found: list[Person] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # nobody in Slack has the address
    failed: dict[str, str] = field(default_factory=dict)  # address -> why Slack could not say


def look_up(client: WebClient, addresses: list[str]) -> AddressLookup:
    """Who has each address in Slack; an address that fails never stops the others."""
    lookup = AddressLookup()
    for i, address in enumerate(addresses):
        try:  # the client waits out a rate limit (RateLimitErrorRetryHandler) and asks again
            user = client.users_lookupByEmail(email=address)["user"]
        except SlackApiError as exc:
            error = str(exc.response.get("error"))
            if error == "users_not_found":
                lookup.unknown.append(address)
            else:
                lookup.failed[address] = _WHY.get(error, error)
            continue
        except OSError as exc:  # Slack unreachable: the rest would only wait as long again
            lookup.failed.update(dict.fromkeys(addresses[i:], type(exc).__name__))
            break
        if user.get("deleted"):
            lookup.unknown.append(address)  # a deactivated account cannot be reached
        else:
            lookup.found.append(person_from(user))
    return lookup


def find_named_people(client: WebClient, uow_factory: UnitOfWorkFactory, now: datetime) -> None:
    """At start-up: learn who has each address the configuration names and Cascade has not met,
    so they are reached (and recognised) before they first open Cascade."""
    try:
        named = current_configuration(uow_factory(read_only=True)).addresses()
        wanted = unknown_addresses(list(named), uow_factory(read_only=True))
    except Unavailable:  # the database is away: they are learnt at their first request instead
        log.warning("configuration: addresses not looked up: the database is unreachable")
        return
    if not wanted:
        return
    lookup = look_up(client, wanted)
    if lookup.found:
        try:
            remember_people(lookup.found, uow_factory.patient(), now)
        except Exception:  # in the background: the people are learnt at their first request
            log.exception("configuration: the people found in Slack could not be stored")
            return
    log.info(
        "configuration: %d of %d new address(es) found in Slack", len(lookup.found), len(wanted)
    )
    for address in lookup.unknown:
        log.warning(
            "configuration: nobody in Slack has %s (%s)", address, ", ".join(named[address])
        )
    for address, why in lookup.failed.items():
        log.warning("configuration: could not look up %s in Slack (%s)", address, why)


def check_lines(client: WebClient | None, named: dict[str, tuple[str, ...]]) -> list[str]:
    """What `cascade config check` says about the addresses the file names."""
    if not named:
        return []
    if client is None:
        count = f"{len(named)} e-mail address" + (" was" if len(named) == 1 else "es were")
        return [f"{count} not looked up in Slack (no SLACK_BOT_TOKEN is set)"]
    lookup = look_up(client, list(named))
    lines = [
        f"warning: {', '.join(named[a])}: nobody in Slack has the address {a}; they cannot be "
        "reached or recognised until it is corrected"
        for a in lookup.unknown
    ]
    lines += [
        f"warning: {', '.join(named[a])}: could not look up {a} in Slack ({why})"
        for a, why in lookup.failed.items()
    ]
    return lines or [f"Slack knows everyone named by e-mail ({len(named)} addresses)."]
