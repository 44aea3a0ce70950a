"""Who a Slack user is (name, e-mail, time zone): from memory, the database, or Slack.

Nothing here asks Slack before a request is acknowledged. Someone Cascade has never met is
learnt in the background after their first request; their e-mail address is looked up at once
only when a rule needs it (the configuration names people by address).
"""

from __future__ import annotations

import logging
import threading
import time

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.kernel.acks_first import AcksFirst
from bot.runtime import Clock
from domain.kernel.errors import Unavailable
from domain.kernel.people import Actor, Person
from handlers.kernel.people import known_person, remember_people
from storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)
TTL_SECONDS = 600
BATCH_AFTER_SECONDS = 0.2  # first requests arriving together are learnt in one transaction


class People:
    def __init__(
        self,
        client: WebClient,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        acks_first: AcksFirst | None = None,
    ) -> None:
        self.client, self.uow_factory, self.clock = client, uow_factory, clock
        self.acks_first = acks_first or AcksFirst(patience=0)
        self._cache: dict[str, tuple[float, Person]] = {}
        self._strangers: set[str] = set()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._learner: threading.Thread | None = None

    def actor(self, user_id: str) -> Actor:
        """The person behind a request, from memory: nothing before the ack waits for the
        database or Slack. Someone not in memory is read (or learnt) after the ack; their
        address is looked up at once only if a rule needs it."""
        person = self._cached(user_id)
        if person is not None:
            return person.actor
        self.learn_later(user_id)
        return Actor.by_id(user_id, lambda: self._email_now(user_id))

    def remembered(self, user_id: str) -> Person | None:
        """Who someone is, if Cascade has them in memory: nothing asked of the database or
        Slack, so it costs an ack nothing. Anyone else is learnt in the background."""
        person = self._cached(user_id)
        if person is None:
            self.learn_later(user_id)
        return person

    def get(self, user_id: str) -> Person | None:
        """Who someone is, asking Slack if Cascade has not met them (a short call; what Slack
        says is stored in the background, never while a person waits)."""
        person = self._cached(user_id) or self._known(user_id)
        if person is None and (person := self._ask_slack(user_id)) is not None:
            self.learn_later(user_id)  # stored from the cache, without asking Slack again
        return person

    def learn_later(self, user_id: str) -> None:
        with self._lock:
            self._strangers.add(user_id)
            if self._learner is None:
                self._learner = threading.Thread(target=self._learn, name="people", daemon=True)
                self._learner.start()
        self._wake.set()

    def learn_now(self, user_ids: list[str]) -> None:
        """Ask Slack about each (for their time zone) and store what it says."""
        found = [p for p in (self._cached(u) or self._ask_slack(u) for u in user_ids) if p]
        self._remember(found)

    def _learn(self) -> None:
        while True:
            self._wake.wait()
            time.sleep(BATCH_AFTER_SECONDS)
            self._wake.clear()
            self.acks_first.wait_turn()
            with self._lock:
                strangers, self._strangers = sorted(self._strangers), set()
            try:
                self.learn_now([u for u in strangers if self._known(u) is None])
            except Exception:  # the next request from them tries again
                log.exception("could not learn %d people", len(strangers))

    def _email_now(self, user_id: str) -> str | None:
        person = self._cached(user_id) or self._known(user_id) or self._ask_slack(user_id)
        return person.email if person else None

    def _cached(self, user_id: str) -> Person | None:
        with self._lock:
            hit = self._cache.get(user_id)
        return hit[1] if hit and hit[0] > time.monotonic() else None

    def _known(self, user_id: str) -> Person | None:
        try:
            person = known_person(user_id, self.uow_factory(read_only=True))
        except Unavailable:  # the database is away: help still works; the rest will say so
            return None
        if person is not None:
            self._keep(person)
        return person

    def _keep(self, person: Person) -> None:
        with self._lock:
            self._cache[person.user_id] = (time.monotonic() + TTL_SECONDS, person)

    def _remember(self, people: list[Person]) -> None:
        if people:
            remember_people(people, self.uow_factory.patient(), self.clock())

    def _ask_slack(self, user_id: str) -> Person | None:
        try:
            user = self.client.users_info(user=user_id)["user"]
        except SlackApiError as exc:
            log.info("users.info %s failed: %s", user_id, exc.response.get("error"))
            return None
        except OSError as exc:  # Slack unreachable or too slow: we will learn them later
            log.info("users.info %s failed: %s", user_id, type(exc).__name__)
            return None
        person = person_from(user)
        self._keep(person)
        return person


def person_from(user: dict) -> Person:
    """What Slack's user object (users.info, users.lookupByEmail) says about someone."""
    profile = user.get("profile") or {}
    return Person(
        user_id=user["id"],
        name=user.get("real_name") or profile.get("real_name") or user.get("name") or "",
        email=profile.get("email"),
        tz=user.get("tz"),
        is_bot=bool(user.get("is_bot")),
    )
