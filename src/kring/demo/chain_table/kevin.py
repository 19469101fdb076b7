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
                "incident": "Jongen van 14 met twee vrienden betrapt op winkeldiefstal (energiedrankjes en snoep).",
                "incident_on": d(230),
                "listed_on": d(229),
                "legal_status": LegalStatus.SUSPECT,
                "persons": [{"role": "suspect", "name": "Kevin de Wit", "birth_date": born, "problems": 1}],
            },
            "views": [],
            "decision": {
                "measures": ["halt"],
                "tasks": "Halt: twaalf uur en een gesprek met zijn ouders.",
                "decided_on": d(228),
                "look_back_on": d(140),
            },
            "look_back": {
                "what_happened": "Halt afgerond. Na de zomer ging hij minder vaak naar school.",
                "lessons": "Vraag bij het terugkijken ook de school, niet alleen Halt.",
            },
        },
        {
            "reference": "ZSM-WL-2026-0002",
            "intake": {
                "brought_in_by": police,
                "incident": "Jongen van 15 aangehouden wegens diefstal. Hij gaat niet naar school, er zijn grote problemen "
                "thuis, er is een gezinsvoogd.",
                "incident_on": d(6),
                "listed_on": d(5),
                "legal_status": LegalStatus.SUSPECT,
                "persons": [{"role": "suspect", "name": "Kevin de Wit", "birth_date": born, "problems": 4}],
            },
            "requests": [
                (
                    om,
                    jb,
                    "Wat weet de gezinsvoogd en wat adviseert zij?",
                    "Kiezen tussen straf en een dagbesteding.",
                    "Hij wordt binnenkort uit huis geplaatst; hij heeft op korte termijn dringend een dagbesteding nodig.",
                )
            ],
            "views": [
                (jb, "Hij heeft ritme in zijn dag nodig om uit handen van de politie te blijven."),
                (halt, "We kunnen meteen starten met het maximale aantal uren."),
            ],
            "hypotheses": "Het maximale aantal Halt-uren geeft ritme en voorkomt nieuwe delicten vóór de uithuisplaatsing.",
            "decision": {
                "measures": ["halt", "corrective_talk"],
                "tasks": "Halt start meteen met het maximale aantal uren; de officier van justitie voert morgen "
                "een corrigerend gesprek; de gezinsvoogd volgt het op.",
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
