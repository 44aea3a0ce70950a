"""Test data shared by every test layer: a small programme and its ICSs."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.kernel.people import Actor
from domain.kernel.programme import Ics, Programme
from domain.programme_admin.configuration import Configuration

NOW = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
COORDINATOR = Actor(user_id="UCOORD")
LEAD_KM = Actor(user_id="ULEADKM")
LEAD_SX = Actor(user_id="ULEADSX", email="lead@sussex.example")


def programme(**overrides: object) -> Programme:
    data: dict = {
        "key": "lsc-t4t",
        "name": "Leadership Support Circles: Train the Trainer",
        "provider": "South East Leadership Academy",
        "contact": "Jess Done, South East Leadership Academy",
        "total_places": 30,
        "per_ics_limit": 5,
        "review_channel": "CREVIEW",
        "coordinators": ["UCOORD", "coordinator@academy.example"],
        "cohorts": [
            {
                "key": "cohort-1",
                "name": "Cohort 1",
                "places": 15,
                "sessions": [
                    {"start": "2026-11-01T09:30:00", "end": "2026-11-01T13:00:00"},
                    {"start": "2026-11-02T09:30:00", "end": "2026-11-02T13:00:00"},
                ],
            },
            {
                "key": "cohort-2",
                "name": "Cohort 2",
                "places": 15,
                "sessions": [
                    {"start": "2026-11-29T13:30:00", "end": "2026-11-29T17:00:00"},
                    {"start": "2026-11-30T13:30:00", "end": "2026-11-30T17:00:00"},
                ],
            },
        ],
        "criteria": [
            {"key": "experience", "text": "At least 2-3 years’ experience of group facilitation"},
            {"key": "knowledge", "text": "Knowledge of current thinking in leadership"},
        ],
        "confirmations": [
            {"key": "discussed-with-academy", "text": "I have discussed this offer"},
        ],
    }
    data.update(overrides)
    return Programme.model_validate(data)


def ics_list(count: int = 2) -> tuple[Ics, ...]:
    base = (
        Ics(key="kent-medway", name="Kent and Medway", leads=("ULEADKM",)),
        Ics(key="sussex", name="Sussex", leads=("lead@sussex.example",)),
    )
    extra = tuple(
        Ics(key=f"ics-{i:02d}", name=f"ICS {i:02d}", leads=(f"ULEAD{i:02d}",))
        for i in range(max(count - len(base), 0))
    )
    return (base + extra)[:count]


def configuration(ics_count: int = 2, **overrides: object) -> Configuration:
    return Configuration(programmes=(programme(**overrides),), ics=ics_list(ics_count))


ALL_CRITERIA = frozenset({"experience", "knowledge"})
ALL_CONFIRMATIONS = frozenset({"discussed-with-academy"})


def catalogue_config() -> dict:
    """Log types, roles and requirements like the shipped ones, in a smaller set."""
    return {
        "log_types": [
            {
                "key": "line-manager",
                "name": "1:1 supervision with line manager",
                "kind": "supervision",
                "needs_person": True,
            },
            {"key": "review-group", "name": "Good-practice review group", "kind": "supervision"},
            {
                "key": "tutor-training-delivered",
                "name": "Volunteer tutor training delivered",
                "kind": "delivery",
            },
            {"key": "circle-delivered", "name": "Circle delivered", "kind": "delivery"},
        ],
        "roles": [
            {"key": "lsc-facilitator", "name": "LSC facilitator"},
            {"key": "lead-trainer", "name": "Lead trainer", "members": ["ULT", "lt@nhs.example"]},
        ],
        "requirements": [
            {
                "key": "lt-review",
                "role": "lead-trainer",
                "name": "Review group yearly",
                "log_types": ["review-group"],
                "every_months": 12,
            },
            {
                "key": "lt-tutor",
                "role": "lead-trainer",
                "name": "Tutor training yearly",
                "log_types": ["tutor-training-delivered"],
                "every_months": 12,
            },
            {
                "key": "lt-manager",
                "role": "lead-trainer",
                "name": "Line manager quarterly",
                "log_types": ["line-manager"],
                "every_months": 3,
            },
            {
                "key": "lsc-supervision",
                "role": "lsc-facilitator",
                "name": "Supervision quarterly",
                "log_types": ["line-manager", "review-group"],
                "every_months": 3,
            },
        ],
        "session_kinds": [  # scheduled from Home by coordinators and lead trainers
            {
                "key": "review-group",
                "name": "Good-practice review group",
                "log_type": "review-group",
            },
            {
                "key": "supervision-day",
                "name": "Supervision day",
                "log_type": "review-group",
                "agenda": True,
            },
        ],
    }


def full_configuration(ics_count: int = 2, **overrides: object) -> Configuration:
    """A configuration with the catalogue; the programme makes attendees LSC facilitators."""
    overrides.setdefault("grants_role", "lsc-facilitator")
    return Configuration(
        programmes=(programme(**overrides),), ics=ics_list(ics_count), **catalogue_config()
    )


def accreditation_configuration(ics_count: int = 8, **overrides: object) -> Configuration:
    """The full configuration plus the shipped Assessor Trainer pathway: ULT is a Lead Trainer,
    UAT an Assessor Trainer, UTOLT a Trainer of Lead Trainers; mentoring counts for both."""
    overrides.setdefault("grants_role", "lsc-facilitator")
    catalogue = catalogue_config()
    catalogue["log_types"] += [
        {
            "key": f"mentoring-{side}",
            "name": f"Mentoring session ({side})",
            "kind": "supervision",
            "needs_person": True,
            "credits_other_as": f"mentoring-{other}",
        }
        for side, other in (("given", "received"), ("received", "given"))
    ]
    catalogue["roles"] += [
        {"key": "assessor-trainer", "name": "Assessor Trainer", "members": ["UAT"]},
        {
            "key": "trainer-of-lead-trainers",
            "name": "Trainer of Lead Trainers",
            "members": ["UTOLT"],
        },
        {"key": "mentee", "name": "Mentee", "members": ["UCAT"]},
    ]
    catalogue["requirements"] += [
        {
            "key": "at-supervision",
            "role": "assessor-trainer",
            "name": "Supervision with your line manager, every 3 months",
            "log_types": ["line-manager"],
            "every_months": 3,
        },
        {
            "key": "mentoring",
            "role": "mentee",
            "name": "Mentoring, every 2 months",
            "log_types": ["mentoring-received"],
            "every_months": 2,
        },
    ]
    step = {"evidence": "peer-review"}
    catalogue["pathways"] = [
        {
            "key": "assessor-trainer",
            "name": "Assessor Trainer",
            "grants_role": "assessor-trainer",
            "open_to": ["lead-trainer"],
            "lapse_after_days": 30,
            "steps": [
                {
                    "key": "observe",
                    "name": "Observe an Assessor Training Event",
                    "signed_off_by": ["assessor-trainer"],
                    "asks": "Request to observe",
                },
                {
                    "key": "co-train",
                    "name": "Co-train an Assessor Training Event",
                    "signed_off_by": ["assessor-trainer"],
                    "asks": "Request co-training feedback",
                    **step,
                },
                {
                    "key": "lead",
                    "name": "Lead an Assessor Training Event, observed",
                    "signed_off_by": ["trainer-of-lead-trainers"],
                    "asks": "Request observation",
                    **step,
                },
            ],
        }
    ]
    catalogue["mentoring"] = {"capacity": 2, "nudge_after_days": 28}
    return Configuration(programmes=(programme(**overrides),), ics=ics_list(ics_count), **catalogue)


def circles_configuration(ics_count: int = 8, **overrides: object) -> Configuration:
    """The full configuration with circles: the shipped three topics, a circle log type, a
    delivery requirement for LSC facilitators (UANN, UBEN, UCAT, UDAN) and a circles channel."""
    overrides.setdefault("grants_role", "lsc-facilitator")
    overrides.setdefault("circles_channel", "CCIRCLES")
    catalogue = catalogue_config()
    catalogue["log_types"] = [
        {**t, "circle": True} if t["key"] == "circle-delivered" else t
        for t in catalogue["log_types"]
    ]
    catalogue["roles"][0]["members"] = ["UANN", "UBEN", "UCAT", "UDAN"]
    catalogue["requirements"].append(
        {
            "key": "lsc-delivery",
            "role": "lsc-facilitator",
            "name": "Deliver a circle yearly",
            "log_types": ["circle-delivered"],
            "every_months": 12,
        }
    )
    catalogue["circle_topics"] = [
        {"key": "burnout", "name": "Burnout / pandemic fatigue"},
        {"key": "agile-working", "name": "Agile working"},
        {"key": "hybrid-working", "name": "Hybrid working / ‘team leadership in the new world’"},
    ]
    return Configuration(programmes=(programme(**overrides),), ics=ics_list(ics_count), **catalogue)


def hours_configuration(ics_count: int = 8, **overrides: object) -> Configuration:
    """The full configuration plus a `cpd` log type and "30 hours of CPD a year" for lead
    trainers (an hours-based requirement)."""
    overrides.setdefault("grants_role", "lsc-facilitator")
    catalogue = catalogue_config()
    catalogue["log_types"].append({"key": "cpd", "name": "CPD", "kind": "supervision"})
    catalogue["requirements"].append(
        {
            "key": "lt-cpd",
            "role": "lead-trainer",
            "name": "30 hours of CPD a year",
            "log_types": ["cpd"],
            "every_months": 12,
            "hours": 30,
        }
    )
    return Configuration(programmes=(programme(**overrides),), ics=ics_list(ics_count), **catalogue)
