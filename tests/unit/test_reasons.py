"""Each feature lists its own outbox reasons; together they must still name one thing each, and
every one of them must have words written for it when it is sent."""

from __future__ import annotations

from enum import StrEnum

import pytest

import bot  # noqa: F401  (the composition root: every feature's reasons and writers installed)
from bot.outbox import render
from domain.kernel import outbox
from domain.kernel.outbox import KernelReason, Reason, register
from domain.nominations.reasons import NominationReason


def test_every_registered_reason_has_a_writer() -> None:
    known = set(outbox._KNOWN.values())
    assert len(known) > 50  # every feature's, not just the kernel's
    written = set(render._FOR_RECIPIENT) | set(render._FROM_FACTS)
    missing = {r.value for r in known if r not in written and not r.is_chase}
    assert not missing, f"reasons nobody writes: {sorted(missing)}"
    assert render._CHASE, "nobody writes the chases"


def test_a_stored_reason_is_read_back_as_its_features_member() -> None:
    assert Reason.read("card") is NominationReason.CARD
    assert Reason.read("home") is KernelReason.HOME
    with pytest.raises(ValueError, match="no feature registered the outbox reason 'gone'"):
        Reason.read("gone")


def test_two_features_cannot_claim_the_same_reason() -> None:
    Clash = StrEnum("Clash", {"CARD": "card"}, type=Reason)  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="two features send messages for the reason 'card'"):
        register(Clash)


def test_what_kind_of_message_each_reason_is_stays_with_it() -> None:
    assert NominationReason.ELIGIBILITY.is_chase and not NominationReason.CARD.is_chase
    assert NominationReason.CARD.coalesces and KernelReason.HOME.coalesces
    assert KernelReason.REPLY.one_off and KernelReason.REPLY.lane is outbox.Lane.AWAITED
    assert NominationReason.NOMINATIONS_EXPORT.apologised
    assert NominationReason.OFFER_POST.lane is outbox.Lane.OTHER
