"""The schema. Changed only through Alembic migrations (storage/migrations)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from domain.nominations.nomination import ACTIVE
from storage.kernel.crypto import SealedJSON, SealedText

# Words only some may read, as a request's or a message's payload may carry them (a lead's
# note, a decline's reason, an agreed action): sealed; the ids beside them stay readable.
PRIVATE_FIELDS = ("note", "notes", "reason", "about", "action", "comments", "materials", "support")


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on both databases (SQLite keeps no offset of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; pass an aware UTC time")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
_ACTIVE_SQL = "status IN ({})".format(", ".join(f"'{s.value}'" for s in sorted(ACTIVE)))


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    __table__: ClassVar[Table]  # each is a Table (SQLAlchemy types it as any FromClause)


class ProgrammeRow(Base):
    __tablename__ = "programmes"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    total_places: Mapped[int] = mapped_column(Integer)
    per_ics_limit: Mapped[int] = mapped_column(Integer)
    definition: Mapped[dict] = mapped_column(JSON)  # the validated Programme, as JSON


class CohortRow(Base):
    __tablename__ = "cohorts"
    programme_key: Mapped[str] = mapped_column(
        ForeignKey("programmes.key", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    places: Mapped[int | None] = mapped_column(Integer)
    # How often its sessions or joining details changed: its calendar events' SEQUENCE.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))


class IcsRow(Base):
    __tablename__ = "ics"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    leads: Mapped[list] = mapped_column(JSON)


class NominationRow(Base):
    __tablename__ = "nominations"
    __table_args__ = (
        ForeignKeyConstraint(
            ["programme_key", "cohort_key"], ["cohorts.programme_key", "cohorts.key"]
        ),
        # One active nomination per person per programme, whatever the application does.
        Index(
            "uq_nominations_active_person",
            "programme_key",
            "nominee_id",
            unique=True,
            sqlite_where=text(_ACTIVE_SQL),
            postgresql_where=text(_ACTIVE_SQL),
        ),
        Index("ix_nominations_programme_ics_status", "programme_key", "ics_key", "status"),
        Index("ix_nominations_programme_status", "programme_key", "status"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    programme_key: Mapped[str] = mapped_column(ForeignKey("programmes.key"))
    ics_key: Mapped[str] = mapped_column(ForeignKey("ics.key"))
    nominee_id: Mapped[str] = mapped_column(String(40))
    nominated_by: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(SealedText, default="")  # the lead's, for the academy
    status: Mapped[str] = mapped_column(String(30))
    first_choice: Mapped[str | None] = mapped_column(String(40))
    second_choice: Mapped[str | None] = mapped_column(String(40))
    either: Mapped[bool] = mapped_column(Boolean, default=False)
    eligibility_confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cohort_key: Mapped[str | None] = mapped_column(String(40))
    decided_by: Mapped[str | None] = mapped_column(String(40))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reason: Mapped[str] = mapped_column(SealedText, default="")  # why declined or waitlisted
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Where the coordinators' review card for this nomination was posted, to update it in place.
    card_channel: Mapped[str | None] = mapped_column(String(40))
    card_ts: Mapped[str | None] = mapped_column(String(40))
    # A waitlist offer: answer by then; an unanswered offer is not made again automatically.
    offer_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    offer_lapsed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    waitlist_rank: Mapped[int | None] = mapped_column(Integer)  # as a coordinator reordered it
    organisation: Mapped[str] = mapped_column(String(200), default="", server_default="")
    sponsor: Mapped[str | None] = mapped_column(String(40))  # who agreed it (HRD, wellbeing, OD)


class AttendanceRow(Base):
    """Whether a participant attended one session of their cohort (numbered from 1)."""

    __tablename__ = "attendance"
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("nominations.id", ondelete="CASCADE"), primary_key=True
    )
    session: Mapped[int] = mapped_column(Integer, primary_key=True)
    attended: Mapped[bool] = mapped_column(Boolean)
    recorded_by: Mapped[str] = mapped_column(String(40))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AppliedFileRow(Base):
    """The programme file as last applied (its hash): applied again only once it changes."""

    __tablename__ = "applied_files"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    applied_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PersonRow(Base):
    __tablename__ = "people"
    user_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(320))
    tz: Mapped[str | None] = mapped_column(String(64))
    is_bot: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    left_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # deactivated in Slack


class HomeTabRow(Base):
    """Who has opened Cascade's Home tab (only their tabs are kept current), and what a
    coordinator chose to see of the facilitators' list there."""

    __tablename__ = "home_tabs"
    user_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    facilitators_filter: Mapped[str] = mapped_column(
        String(60), default="everyone", server_default="everyone"
    )
    facilitators_page: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))


class CatalogueRow(Base):
    """The configured log types, roles and requirements (one row)."""

    __tablename__ = "catalogue"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    definition: Mapped[dict] = mapped_column(JSON)


class EntryRow(Base):
    __tablename__ = "supervision_entries"
    __table_args__ = (
        # A double submission of the same form never makes a second entry.
        Index("uq_supervision_entries_token", "author_id", "client_token", unique=True),
        Index("ix_supervision_entries_author_date", "author_id", "occurred_on"),
        # Planning reads everyone's latest entry of some types from this index alone.
        Index("ix_supervision_entries_type_author_date", "log_type", "author_id", "occurred_on"),
        # Attending a group session is credited once per person, however often it is recorded.
        Index("uq_supervision_entries_group_session", "group_session_id", "author_id", unique=True),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    author_id: Mapped[str] = mapped_column(String(40))
    log_type: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    occurred_on: Mapped[date] = mapped_column(Date)
    with_user: Mapped[str | None] = mapped_column(String(40))
    with_name: Mapped[str] = mapped_column(String(200), default="")
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    participants: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(SealedText, default="")  # private to the author
    action: Mapped[str] = mapped_column(SealedText, default="")
    action_due: Mapped[date | None] = mapped_column(Date)
    client_token: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Logged by the organiser's record of who attended this group session.
    group_session_id: Mapped[int | None] = mapped_column(ForeignKey("group_sessions.id"))


class SignOffRow(Base):
    """A step of an accreditation pathway, signed off (once per person, pathway and step)."""

    __tablename__ = "sign_offs"
    __table_args__ = (UniqueConstraint("person", "pathway", "step"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person: Mapped[str] = mapped_column(String(40))
    pathway: Mapped[str] = mapped_column(String(40))
    step: Mapped[str] = mapped_column(String(40))
    occurred_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200))
    signed_by: Mapped[str] = mapped_column(String(40))
    signed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    review_id: Mapped[int | None] = mapped_column(Integer)  # the peer review it rests on


_OPEN = "closed_at IS NULL"


class StepRequestRow(Base):
    """A person's request for a step; open until the step is signed off."""

    __tablename__ = "step_requests"
    __table_args__ = (
        # One open request per step, however often the button is pressed.
        Index(
            "uq_step_requests_open",
            "person",
            "pathway",
            "step",
            unique=True,
            sqlite_where=text(_OPEN),
            postgresql_where=text(_OPEN),
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person: Mapped[str] = mapped_column(String(40))
    pathway: Mapped[str] = mapped_column(String(40))
    step: Mapped[str] = mapped_column(String(40))
    asked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class AccreditationRow(Base):
    """A person accredited on a pathway; ``reference`` verifies their certificate."""

    __tablename__ = "accreditations"
    __table_args__ = (UniqueConstraint("person", "pathway"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person: Mapped[str] = mapped_column(String(40))
    pathway: Mapped[str] = mapped_column(String(40))
    accredited_on: Mapped[date] = mapped_column(Date)
    confirmed_by: Mapped[str] = mapped_column(String(40))
    reference: Mapped[str] = mapped_column(String(20), unique=True)  # normalised
    issued_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    status_since: Mapped[date | None] = mapped_column(Date)


class RecordLookRow(Base):
    """Someone shown another person's record (``what``: the view), once a day per view; the
    person sees these on their Home. Nothing edits or deletes a row but retention and erasure."""

    __tablename__ = "record_looks"
    person: Mapped[str] = mapped_column(String(40), primary_key=True)
    viewer: Mapped[str] = mapped_column(String(40), primary_key=True)
    what: Mapped[str] = mapped_column(String(80), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)  # the first look that day


class DataKeyCheckRow(Base):
    """One value sealed under CASCADE_DATA_KEY when Cascade first had a key: opened at every
    start, so a missing or wrong key is found before anyone's words are (storage/kernel/keys)."""

    __tablename__ = "data_key_check"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sealed: Mapped[str] = mapped_column(Text)


class RoleStatusRow(Base):
    """A holder's status in a role with requirements held other than by a pathway (named in
    the file or on Home, or by attending a programme): kept to tell a lapse, and its end, once."""

    __tablename__ = "role_statuses"
    person: Mapped[str] = mapped_column(String(40), primary_key=True)
    role: Mapped[str] = mapped_column(String(40), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    since: Mapped[date] = mapped_column(Date)


class PeerReviewRow(Base):
    """The Assessment / Peer Review Form, field for field; enums as their values."""

    __tablename__ = "peer_reviews"
    __table_args__ = (
        # A double submission of the same form never makes a second review.
        Index("uq_peer_reviews_token", "assessor", "client_token", unique=True),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    trainer: Mapped[str] = mapped_column(String(40), index=True)
    assessor: Mapped[str] = mapped_column(String(40), index=True)
    event: Mapped[str | None] = mapped_column(String(40))
    event_date: Mapped[date | None] = mapped_column(Date)
    venue: Mapped[str] = mapped_column(Text)
    capacity: Mapped[str | None] = mapped_column(String(40))
    other_trainers: Mapped[str] = mapped_column(Text)
    sessions_observed: Mapped[str] = mapped_column(Text)
    review_kind: Mapped[str | None] = mapped_column(String(40))
    scores: Mapped[dict] = mapped_column(JSON)
    assessor_comments: Mapped[str] = mapped_column(SealedText)
    assessor_signed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    trainer_comments: Mapped[str] = mapped_column(SealedText, default="")
    trainer_signed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    manager: Mapped[str | None] = mapped_column(String(40))
    pathway: Mapped[str | None] = mapped_column(String(40))
    step: Mapped[str | None] = mapped_column(String(40))
    signs_off: Mapped[bool] = mapped_column(Boolean, default=False)
    client_token: Mapped[str | None] = mapped_column(String(100))  # Slack's view id


class LeaveRow(Base):
    """A stretch of someone's leave (both days included); the reason is theirs alone."""

    __tablename__ = "leave"
    __table_args__ = (
        # A double submission of the same form never records leave twice.
        Index("uq_leave_token", "person", "client_token", unique=True),
        Index("ix_leave_person_ends", "person", "ends_on"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person: Mapped[str] = mapped_column(String(40))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(SealedText, default="")  # private to the person
    client_token: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class MentoringPairRow(Base):
    """A mentor and a mentee, from pairing until the pair ends."""

    __tablename__ = "mentoring_pairs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mentor: Mapped[str] = mapped_column(String(40), index=True)
    mentee: Mapped[str] = mapped_column(String(40), index=True)
    paired_by: Mapped[str] = mapped_column(String(40))
    paired_at: Mapped[datetime] = mapped_column(UtcDateTime)
    line_manager: Mapped[str | None] = mapped_column(String(40))
    override_reason: Mapped[str] = mapped_column(SealedText, default="")
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class OutboxRow(Base):
    """Every message Cascade sends, written with the change that causes it; reminders too.

    The scheduler's memory lives here, not in APScheduler.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("uq_outbox_key", "recipient", "reason", "subject", "period", unique=True),
        Index("ix_outbox_state_due", "state", "due_at"),
        Index(  # the awaited lane's claims: a handful of rows, never the reminders
            "ix_outbox_awaited_due",
            "state",
            "due_at",
            postgresql_where=text("awaited"),
            sqlite_where=text("awaited = 1"),
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    recipient: Mapped[str] = mapped_column(String(40))  # a user (DM) or a channel
    reason: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(120))
    period: Mapped[str] = mapped_column(String(80))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    state: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str] = mapped_column(String(200), default="")
    payload: Mapped[dict] = mapped_column(SealedJSON(PRIVATE_FIELDS))  # ids; an action's words
    sent_ts: Mapped[str | None] = mapped_column(String(40))
    # A refresh asked for while this row was being sent: send it again once this send is done.
    dirty: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Someone is waiting for it (domain.kernel.outbox.Lane): claimed by the dispatcher of that lane.
    awaited: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class InboxRow(Base):
    """A request acknowledged to Slack and not yet carried out (removed when it is)."""

    __tablename__ = "inbox"
    # An id is never given again (an answer's key names it): AUTOINCREMENT on SQLite (0019).
    __table_args__ = ({"sqlite_autoincrement": True},)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(SealedJSON(PRIVATE_FIELDS))  # a command's fields
    reply_channel: Mapped[str | None] = mapped_column(String(40))
    private_reply: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Claimed by a worker until then; due again (after a crash or a failure) once it passes.
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(40))


class CascadeAnswerRow(Base):
    """An attendee's answer to "have you started cascading?" (history kept)."""

    __tablename__ = "cascade_answers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id"), index=True)
    started: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(SealedText, default="")
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime)
    materials: Mapped[str] = mapped_column(
        SealedText, default="", server_default=""
    )  # how received
    support: Mapped[str] = mapped_column(
        SealedText, default="", server_default=""
    )  # support needed


class FollowUpCallRow(Base):
    """A coordinator's follow-up call to an attendee: one per follow-up round."""

    __tablename__ = "follow_up_calls"
    __table_args__ = (UniqueConstraint("nomination_id", "round"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"))
    round: Mapped[int] = mapped_column(Integer)
    called_by: Mapped[str] = mapped_column(String(40))
    called_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuditRow(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(80), index=True)  # e.g. "nomination:12"
    action: Mapped[str] = mapped_column(String(300))
    from_status: Mapped[str | None] = mapped_column(String(30))
    to_status: Mapped[str | None] = mapped_column(String(30))
    detail: Mapped[str] = mapped_column(SealedText, default="")  # a decision's reason


class DebriefRow(Base):
    """A facilitator's request for a debrief, and the supervisor who took it on."""

    __tablename__ = "debrief_requests"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    requester: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    about: Mapped[str] = mapped_column(SealedText, default="")
    asked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    taken_by: Mapped[str | None] = mapped_column(String(40))
    taken_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CircleDeliveryRow(Base):
    """The circle part of a delivery entry: topic, ICS, standalone or embedded."""

    __tablename__ = "circle_deliveries"
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("supervision_entries.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(String(40))
    ics_key: Mapped[str] = mapped_column(String(40))
    setting: Mapped[str] = mapped_column(String(20))
    embedded_in: Mapped[str] = mapped_column(String(200), default="")


class CircleCoFacilitatorRow(Base):
    """Someone who co-facilitated a logged circle: they are credited with the delivery."""

    __tablename__ = "circle_co_facilitators"
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("supervision_entries.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class CircleRow(Base):
    """A forthcoming circle on the programme calendar, open to all staff to sign up."""

    __tablename__ = "circles"
    __table_args__ = (UniqueConstraint("facilitator", "client_token"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    facilitator: Mapped[str] = mapped_column(String(40), index=True)
    co_facilitators: Mapped[list] = mapped_column(JSON)
    topic: Mapped[str] = mapped_column(String(40))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    timezone: Mapped[str] = mapped_column(String(64))
    place: Mapped[str] = mapped_column(Text)
    places: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")
    ics_key: Mapped[str | None] = mapped_column(String(40))
    published_at: Mapped[datetime] = mapped_column(UtcDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revision: Mapped[int] = mapped_column(Integer, default=0)  # its calendar event's SEQUENCE
    client_token: Mapped[str | None] = mapped_column(String(100))  # Slack's view id


class CircleSignupRow(Base):
    """A place taken at a circle (one per person; never more than the circle's places)."""

    __tablename__ = "circle_signups"
    circle_id: Mapped[int] = mapped_column(
        ForeignKey("circles.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)
    signed_up_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CircleCoverRow(Base):
    """A co-facilitator who cannot make a circle asks for cover; the first to take it on
    co-facilitates instead."""

    __tablename__ = "circle_cover_requests"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), index=True)
    asked_by: Mapped[str] = mapped_column(String(40))
    asked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    taken_by: Mapped[str | None] = mapped_column(String(40))
    taken_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class GroupSessionRow(Base):
    """A group session scheduled ahead (review group, supervision day, …); times in UTC."""

    __tablename__ = "group_sessions"
    __table_args__ = (
        # A double submission of the scheduling form never schedules it twice.
        Index("uq_group_sessions_token", "organiser", "client_token", unique=True),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(40))
    log_type: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    timezone: Mapped[str] = mapped_column(String(64))
    place: Mapped[str] = mapped_column(Text)
    agenda: Mapped[str] = mapped_column(Text, default="")
    organiser: Mapped[str] = mapped_column(String(40), index=True)
    ics_key: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cancelled_by: Mapped[str | None] = mapped_column(String(40))
    client_token: Mapped[str | None] = mapped_column(String(100))


class GroupInviteeRow(Base):
    """Someone invited to a group session, and their answer (going or not), if any."""

    __tablename__ = "group_session_invitees"
    session_id: Mapped[int] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    person: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)
    invited_at: Mapped[datetime] = mapped_column(UtcDateTime)
    answer: Mapped[str | None] = mapped_column(String(20))
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CohortChannelRow(Base):
    """A cohort's Slack channel: asked for by a coordinator, created by the dispatcher."""

    __tablename__ = "cohort_channels"
    programme_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    cohort_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)  # one cohort per channel
    private: Mapped[bool] = mapped_column(Boolean)
    asked_by: Mapped[str] = mapped_column(String(40))
    asked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    channel_id: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CohortChannelMemberRow(Base):
    """A participant who chose to join their cohort's channel."""

    __tablename__ = "cohort_channel_members"
    __table_args__ = (
        ForeignKeyConstraint(
            ["programme_key", "cohort_key"],
            ["cohort_channels.programme_key", "cohort_channels.cohort_key"],
            ondelete="CASCADE",
        ),
    )
    programme_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    cohort_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime)
