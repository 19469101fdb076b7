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
                "incident": "Woman of 58 arrested for abusing the 9-year-old daughter of her ex-partner. "
                "Neighbours called the police and say it happens more often. Restraining order; the girl "
                "stays with her father in a shelter room for now.",
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
                    "Earlier reports about this household?",
                    "Where the girl can live safely and who holds custody.",
                    "",
                )
            ],
            "views": [
                (board, "Custody formally lies with the mother abroad; the girl needs a guardian now."),
                (partners["probation"], "She tells a complicated story; she may need help herself."),
                (
                    partners["victim_support"],
                    "The father asks for support; the girl needs a safe adult to talk to.",
                ),
                (
                    partners["safety_house"],
                    "We can hold a case consultation with all partners within a week.",
                ),
            ],
            "hypotheses": "With provisional guardianship the girl can stay safely with her father.",
        },
    ]
