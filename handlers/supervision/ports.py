"""What the supervision use cases need from storage beyond the kernel's ports."""

from __future__ import annotations

from typing import Protocol

from handlers.accreditation.ports import MentoringRepository, PeerReviewRepository
from handlers.circles.ports import CircleCalendarRepository, CircleDeliveryRepository
from handlers.follow_up.ports import CascadeAnswers, FollowUpCalls
from handlers.group_sessions.ports import GroupSessionRepository
from handlers.kernel.ports import UnitOfWork as KernelUnitOfWork
from handlers.networks.ports import CohortChannelRepository, DebriefRepository


class UnitOfWork(KernelUnitOfWork, Protocol):
    """The unit of work this feature's use cases need: the kernel's, with the circle part of
    delivery entries; for erasure, every feature's data about a person."""

    circle_deliveries: CircleDeliveryRepository
    peer_reviews: PeerReviewRepository
    pairs: MentoringRepository
    debriefs: DebriefRepository
    cohort_channels: CohortChannelRepository
    group_sessions: GroupSessionRepository
    circles: CircleCalendarRepository
    cascade_answers: CascadeAnswers
    follow_up_calls: FollowUpCalls
