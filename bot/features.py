"""The composition of the features: each one's part of the kernel's tables (what its outcomes
announce, its requests carried out after the ack, what its sent messages change, its chases,
its reactions to other features' changes) and its Slack listeners, put together once at
start-up. Adding a feature adds its lines here."""

from __future__ import annotations

from slack_bolt import App

from bot.accounts import listeners as accounts
from bot.accounts.routes import ACCOUNT_ROUTES
from bot.accreditation import listeners as accreditation
from bot.accreditation.render import WRITERS as ACCREDITATION_WRITERS
from bot.accreditation.routes import ACCREDITATION_ROUTES
from bot.circles import calendar_listeners as circle_calendar
from bot.circles import listeners as circles
from bot.circles.render import WRITERS as CIRCLE_WRITERS
from bot.circles.routes import CIRCLE_ROUTES
from bot.follow_up import listeners as follow_up
from bot.follow_up.render import WRITERS as FOLLOW_UP_WRITERS
from bot.follow_up.routes import FOLLOW_UP_ROUTES
from bot.group_sessions import listeners as group_sessions
from bot.group_sessions.render import WRITERS as GROUP_SESSION_WRITERS
from bot.group_sessions.routes import GROUP_SESSION_ROUTES
from bot.home import listeners as home
from bot.home.routes import HOME_ROUTES
from bot.home.tab import WRITERS as HOME_WRITERS
from bot.kernel import door
from bot.leave import listeners as leave
from bot.leave.routes import LEAVE_ROUTES
from bot.networks import channel_listeners as cohort_channel
from bot.networks import debrief_listeners as debrief
from bot.networks.render import WRITERS as NETWORK_WRITERS
from bot.networks.routes import NETWORK_ROUTES
from bot.nominations import listeners as nominations
from bot.nominations.render import FOR_RECIPIENT as NOMINATIONS_FOR_RECIPIENT
from bot.nominations.render import WRITERS as NOMINATION_WRITERS
from bot.nominations.routes import NOMINATION_ROUTES
from bot.outbox import render
from bot.programme_admin import audit_listeners as audit_log
from bot.programme_admin import cohort_listeners as cohorts
from bot.programme_admin import content_listeners as programme_content
from bot.programme_admin import listeners as admin
from bot.programme_admin import policy_listeners as policies
from bot.programme_admin.routes import PROGRAMME_ADMIN_ROUTES
from bot.reminders import listeners as reminder_preview
from bot.reminders.messages import write_chase
from bot.reminders.routes import REMINDER_ROUTES
from bot.supervision import listeners as supervision
from bot.supervision.render import WRITERS as SUPERVISION_WRITERS
from bot.supervision.routes import SUPERVISION_ROUTES
from handlers.accreditation.announce import ACCREDITATION_ANNOUNCEMENTS
from handlers.accreditation.mentoring import mentoring_chases
from handlers.circles.announce import CIRCLE_ANNOUNCEMENTS
from handlers.circles.reminders import circle_reminders
from handlers.follow_up.announce import FOLLOW_THROUGH_ANNOUNCEMENTS
from handlers.follow_up.chases import cascading_chases
from handlers.group_sessions.announce import GROUP_SESSION_ANNOUNCEMENTS
from handlers.group_sessions.reads import group_session_reminders
from handlers.kernel import announce, bookkeeping, inbox, reactions
from handlers.leave.announce import LEAVE_ANNOUNCEMENTS
from handlers.networks.announce import NETWORK_ANNOUNCEMENTS
from handlers.networks.cohort_channels import CHANNEL_AFTER_FAILED, CHANNEL_AFTER_SENT
from handlers.nominations.announce import NOMINATION_ANNOUNCEMENTS
from handlers.nominations.bookkeeping import NOMINATION_AFTER_FAILED, NOMINATION_AFTER_SENT
from handlers.nominations.chases import nomination_chases
from handlers.nominations.reactions import NOMINATION_REACTIONS
from handlers.nominations.requests import NOMINATION_CHECKS, NOMINATION_REQUESTS
from handlers.reminders import plan
from handlers.supervision.accreditation_status import SUPERVISION_REACTIONS
from handlers.supervision.announce import SUPERVISION_ANNOUNCEMENTS
from handlers.supervision.requirement_chase import agreed_action_chases, requirement_chases


def install() -> None:
    """Put every feature's tables in place (again: no change)."""
    for table in (
        NOMINATION_ANNOUNCEMENTS,  # nominations, places, offers, programme changes, exports
        SUPERVISION_ANNOUNCEMENTS,  # entries logged
        FOLLOW_THROUGH_ANNOUNCEMENTS,  # attendees' answers about cascading, follow-up calls
        ACCREDITATION_ANNOUNCEMENTS,  # pathways, peer reviews, certificates, mentoring
        GROUP_SESSION_ANNOUNCEMENTS,  # group sessions: invitations, cancellations, attendance
        CIRCLE_ANNOUNCEMENTS,  # circles: credits, the calendar, sign-ups, cover
        NETWORK_ANNOUNCEMENTS,  # debriefs, cohort channels
        LEAVE_ANNOUNCEMENTS,  # leave: the person's own Home tab, nobody else
    ):
        announce.install(table)
    door.install(NOMINATION_ROUTES)  # each command: before the ack, stored, or after it
    door.install(HOME_ROUTES)  # the Home tab's own: opened, exports, the facilitators' list
    door.install(CIRCLE_ROUTES)  # logging circles, the calendar, cover
    door.install(GROUP_SESSION_ROUTES)  # scheduling, invitations, attendance
    door.install(NETWORK_ROUTES)  # debriefs, cohort channels
    door.install(FOLLOW_UP_ROUTES)  # snoozes, cascading answers, calls, attendance
    door.install(SUPERVISION_ROUTES)  # entries: the log and circle forms, list, export
    door.install(LEAVE_ROUTES)  # the leave form, the list, ending leave
    door.install(ACCREDITATION_ROUTES)  # pathways, peer reviews, mentoring, settings
    door.install(PROGRAMME_ADMIN_ROUTES)  # the coordinators' forms
    door.install(REMINDER_ROUTES)  # the coordinators' preview of the next reminder run
    door.install(ACCOUNT_ROUTES)  # accounts deactivated in Slack: nothing more goes to them
    # What each message says, written when it is sent:
    render.install(NOMINATIONS_FOR_RECIPIENT, NOMINATION_WRITERS)  # invitations, cards, offers...
    render.install(HOME_WRITERS)  # everyone's Home tab
    render.install(SUPERVISION_WRITERS)  # a facilitator's own entries, as a file
    render.install(ACCREDITATION_WRITERS)  # pathways, peer reviews, certificates, mentoring
    render.install(FOLLOW_UP_WRITERS)  # the academy told of attendees' answers about cascading
    render.install(GROUP_SESSION_WRITERS)  # group sessions: invitations, calendar files
    render.install(CIRCLE_WRITERS)  # circles: credits, the calendar, sign-ups, cover
    render.install(NETWORK_WRITERS)  # debriefs, cohort channels
    render.install(chase=write_chase)  # every reminder
    inbox.install(NOMINATION_REQUESTS, NOMINATION_CHECKS)
    bookkeeping.install(NOMINATION_AFTER_SENT, NOMINATION_AFTER_FAILED)
    bookkeeping.install(CHANNEL_AFTER_SENT, CHANNEL_AFTER_FAILED)
    reactions.install(NOMINATION_REACTIONS)  # places added are offered to the waitlist
    reactions.install(SUPERVISION_REACTIONS)  # credit changed: accreditation restood
    plan.install(
        nomination_chases,  # eligibility, review, cohorts soon or over, implementation
        cascading_chases,  # attendees asked whether they have started cascading
        requirement_chases,  # annual and ongoing requirements
        agreed_action_chases,  # the actions agreed in supervision
        mentoring_chases,  # quiet mentoring pairs
        group_session_reminders,  # the day before a group session
        circle_reminders,  # the day before a circle
    )


def register(app: App) -> None:
    """Each feature's Slack listeners: every one reads its request and submits it to the door."""
    for feature in (
        nominations,
        home,
        supervision,
        follow_up,
        admin,
        programme_content,
        policies,
        audit_log,
        reminder_preview,
        cohorts,
        cohort_channel,
        accreditation,
        debrief,
        group_sessions,
        circles,
        circle_calendar,
        leave,
        accounts,
    ):
        feature.register(app)
