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

    @property
    def circle_deliveries(self) -> CircleDeliveryRepository: ...
    @property
    def peer_reviews(self) -> PeerReviewRepository: ...
    @property
    def pairs(self) -> MentoringRepository: ...
    @property
    def debriefs(self) -> DebriefRepository: ...
    @property
    def cohort_channels(self) -> CohortChannelRepository: ...
    @property
    def group_sessions(self) -> GroupSessionRepository: ...
    @property
    def circles(self) -> CircleCalendarRepository: ...
    @property
    def cascade_answers(self) -> CascadeAnswers: ...
    @property
    def follow_up_calls(self) -> FollowUpCalls: ...
