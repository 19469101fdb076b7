"""Kevin de Wit (15) — seed 002, chapter 2, "Casus 2: een jeugdige verdachte", with an invented name.

A boy of 15 arrested for theft: not going to school, big problems at home, a family guardian. The prosecutor
asks the guardian what she knows and advises; he will be placed out of home soon and urgently needs a daytime
activity, so Halt starts the maximum hours at once. He was at the table the year before, for shoplifting settled
with Halt: a repeat report on the patterns page. His family guardian's organisation registers him in the signal
index, so the table sees on his case's "Old acquaintances" page the earlier Halt case and whom to contact.
"""

from datetime import date, timedelta
from typing import Any

from kring.chain.models import ChainPerson, LegalStatus
from kring.demo.seeding import signal_index


def _born(today: date) -> date:
    return today - timedelta(days=6) - timedelta(days=15 * 365 + 100)


def cases(today: date, partners: dict[str, Any]) -> list[dict[str, Any]]:
    d = lambda n: today - timedelta(days=n)  # noqa: E731
    police, jb, om, halt = partners["police"], partners["jb"], partners["om"], partners["halt"]
    born = _born(today)
    return [
        {
            # Kevin at the table the year before: a shoplifting case settled with Halt (a repeat report now)
            "reference": "ZSM-WL-2025-0412",
            "intake": {
                "brought_in_by": police,
                "incident": "Boy of 14 caught shoplifting with two friends (energy drinks and sweets).",
                "incident_on": d(230),
                "listed_on": d(229),
                "legal_status": LegalStatus.SUSPECT,
                "persons": [{"role": "suspect", "name": "Kevin de Wit", "birth_date": born, "problems": 1}],
            },
            "views": [],
            "decision": {
                "measures": ["halt"],
                "tasks": "Halt: twelve hours and a talk with his parents.",
                "decided_on": d(228),
                "look_back_on": d(140),
            },
            "look_back": {
                "what_happened": "Halt completed. School attendance got worse after the summer.",
                "lessons": "Ask the school at the look-back, not only Halt.",
            },
        },
        {
            "reference": "ZSM-WL-2026-0002",
            "intake": {
                "brought_in_by": police,
                "incident": "Boy of 15 arrested for theft. Not going to school, big problems at home, he has a "
                "family guardian.",
                "incident_on": d(6),
                "listed_on": d(5),
                "legal_status": LegalStatus.SUSPECT,
                "persons": [{"role": "suspect", "name": "Kevin de Wit", "birth_date": born, "problems": 4}],
            },
            "requests": [
                (
                    om,
                    jb,
                    "What does the family guardian know and advise?",
                    "Choosing between punishment and a daily activity.",
                    "He will be placed out of home soon; he urgently needs a daytime activity.",
                )
            ],
            "views": [
                (jb, "He needs rhythm in his day to stay out of police hands."),
                (halt, "We can start the maximum number of hours at once."),
            ],
            "hypotheses": "Maximum Halt hours give rhythm and prevent new offences before placement.",
            "decision": {
                "measures": ["halt", "corrective_talk"],
                "tasks": "Halt starts the maximum hours at once; the prosecutor holds a corrective talk "
                "tomorrow; the family guardian follows up.",
                "decided_on": d(5),
                "look_back_on": today + timedelta(days=30),
            },
        },
    ]


def register() -> None:
    """Registered in the signal index by his family guardian's organisation, with the birth date the table
    has for him (relative to the day his cases were seeded)."""
    kevin = ChainPerson.objects.filter(name="Kevin de Wit").order_by("pk").first()
    if kevin is None:
        return
    identity = {"first_name": "Kevin", "prefix": "de", "last_name": "Wit", "date_of_birth": kevin.birth_date}
    signal_index.register("sanne.meijer", "DEMO-JB-KEVIN", "safety", identity)
