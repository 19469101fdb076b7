"""Binta Camara (9) — seed 002, chapter 2, "Casus 3: kindermishandeling", with invented names.

A woman of 58 is arrested for abusing the 9-year-old daughter of her ex-partner; neighbours say it happens more
often. A restraining order; the girl stays with her father in a shelter room for now. Custody is unclear (it
formally lies with the mother abroad). The case is being deepened; the child protection board's request to
Veilig Thuis about earlier reports is still open. (Her later dossier with a provisional guardianship is Gezin
Touray, ``kring.demo.families.touray``, under other invented names.)
"""

from datetime import date, timedelta
from typing import Any

from kring.chain.models import LegalStatus


def cases(today: date, partners: dict[str, Any]) -> list[dict[str, Any]]:
    d = lambda n: today - timedelta(days=n)  # noqa: E731
    board, vt = partners["board"], partners["vt"]
    return [
        {
            "reference": "ZSM-WL-2026-0003",
            "intake": {
                "brought_in_by": partners["police"],
                "incident": "Vrouw van 58 aangehouden wegens mishandeling van de dochter (9) van haar ex-partner. "
                "De buren hebben de politie gebeld en geven aan dat het vaker gebeurt. Contactverbod; het meisje "
                "verblijft voorlopig bij haar vader, die een kamer in een opvanghuis heeft.",
                "incident_on": d(2),
                "listed_on": d(1),
                "legal_status": LegalStatus.ARRESTED,
                "persons": [
                    {
                        "role": "suspect",
                        "name": "Ida Camara-Vos",
                        "birth_date": d(2) - timedelta(days=58 * 365),
                    },
                    {
                        "role": "victim",
                        "name": "Binta Camara",
                        "birth_date": d(2) - timedelta(days=9 * 365 + 30),
                        "intellectual_disability": True,
                        "custody_unclear": True,
                    },
                    {"role": "other", "name": "Ousman Camara", "birth_date": d(2) - timedelta(days=50 * 365)},
                ],
            },
            "requests": [
                (
                    board,
                    vt,
                    "Zijn er eerdere meldingen over dit huishouden?",
                    "Waar het meisje veilig kan wonen en wie het gezag heeft.",
                    "",
                )
            ],
            "views": [
                (
                    board,
                    "Het gezag ligt formeel bij de moeder in het buitenland; het meisje heeft nu een voogd nodig.",
                ),
                (
                    partners["probation"],
                    "Zij vertelt een ingewikkeld verhaal; mogelijk heeft zij zelf hulp nodig.",
                ),
                (
                    partners["victim_support"],
                    "Vader vraagt om steun; het meisje heeft een veilige volwassene nodig om mee te praten.",
                ),
                (
                    partners["safety_house"],
                    "We kunnen binnen een week een casusoverleg met alle partners houden.",
                ),
            ],
            "hypotheses": "Met een voorlopige voogdij kan het meisje veilig bij haar vader blijven.",
        },
    ]
