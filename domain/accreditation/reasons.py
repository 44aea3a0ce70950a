"""Why Cascade sends a message about accreditation: pathways, peer reviews, certificates,
mentoring."""

from __future__ import annotations

from domain.kernel.outbox import Reason, register


class AccreditationReason(Reason):
    STEP_REQUESTED = "step-requested"  # holders of a step's role: someone asks for it
    STEP_SIGNED = "step-signed"  # the person: a step of their pathway was signed off
    CERTIFICATE = "certificate"  # the person and coordinators: the certificate PDF
    ACCREDITATION_STATUS = "accreditation-status"  # person and coordinators: lapsed/re-instated
    PEER_REVIEW = "peer-review"  # the trainer observed: the form, to comment on and sign
    PEER_REVIEW_SIGNED = "peer-review-signed"  # the assessor: the trainer signed the form
    PEER_REVIEW_MANAGER = "peer-review-manager"  # the trainer's manager: a copy of the form
    PAIRED = "paired"  # mentor and mentee: they are paired
    ACCREDITATION_EXPORT = "accreditation-export"  # coordinator: pathways, as a file
    MENTORING_NUDGE = "mentoring-nudge"  # mentor and mentee: no session for a while


register(
    AccreditationReason,
    chases={AccreditationReason.MENTORING_NUDGE},
    awaited={AccreditationReason.ACCREDITATION_EXPORT},
    one_off={AccreditationReason.PAIRED},
)
