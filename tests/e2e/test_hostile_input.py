"""Hostile text and forged requests, over signed HTTP: nobody is pinged, nothing breaks."""

from __future__ import annotations

from tests.e2e.harness import Harness
from tests.e2e.test_nominate import nominate_values, open_form
from tests.e2e.test_review import card_for, confirm
from tests.unit.test_blocks import HOSTILE


def test_a_leads_note_cannot_ping_the_review_channel_or_disguise_a_link(harness: Harness):
    view = open_form(harness)
    assert harness.submit("ULEADKM", view, nominate_values("UANN", note=HOSTILE))[0] == 200
    harness.message_to("UANN", "has nominated you")
    with harness.uow_factory(read_only=True) as uow:
        nid = uow.nominations.active_for("lsc-t4t", "UANN").id
    from domain.nomination import Status
    from tests.e2e.test_nominate import _wait_status

    _wait_status(harness, nid, Status.AWAITING_ELIGIBILITY)
    assert confirm(harness, nid)["response_action"] == "update"
    card = str(card_for(harness)["blocks"])
    assert "<!channel>" not in card and "<!here>" not in card and "<https://evil" not in card
    assert "&lt;!channel&gt; &lt;!here&gt;" in card  # shown as typed, harmless
