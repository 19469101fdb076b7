"""Hendrik Zwart (61) — seed 002, chapter 2, "Casus 1", with an invented name.

A man of 61 with an intellectual disability, arrested for stealing three cans of cola. The table finds that his
support network fell away (his mother died, the brother-in-law who did his money had a stroke, the neighbour who
cooked for him broke her leg) and decides on help instead of a fine: a buddy, the community police officer and
the local team. There is no child and no youth measure, so he has no dossier; the plan date to look back has
come.
"""

from datetime import date, timedelta
from typing import Any

from kring.chain.models import LegalStatus


def cases(today: date, partners: dict[str, Any]) -> list[dict[str, Any]]:
    d = lambda n: today - timedelta(days=n)  # noqa: E731
    police, om, probation = partners["police"], partners["om"], partners["probation"]
    return [
        {
            "reference": "ZSM-WL-2026-0001",
            "intake": {
                "brought_in_by": police,
                "incident": "Arrested for stealing three cans of cola. The shop fined him 181 euro and banned "
                "him. He seems confused.",
                "incident_on": d(100),
                "listed_on": d(99),
                "legal_status": LegalStatus.ARRESTED,
                "persons": [
                    {
                        "role": "suspect",
                        "name": "Hendrik Zwart",
                        "birth_date": d(100) - timedelta(days=61 * 365 + 40),
                        "intellectual_disability": True,
                    }
                ],
            },
            "requests": [
                (
                    police,
                    probation,
                    "Who supports him at home?",
                    "A fine or care: that depends on his network.",
                    "His mother died recently; the brother-in-law who did his money had a stroke; the neighbour "
                    "who cooked for him broke her leg. He lives alone now.",
                )
            ],
            "views": [
                (police, "Not a thief: a man whose support network is falling away."),
                (om, "A fine will not be paid and solves nothing."),
            ],
            "hypotheses": "With a buddy and the local team visiting, he will not steal again.",
            "decision": {
                "measures": ["dismissal_with_help", "local_team", "voluntary_help"],
                "tasks": "Community officer and the elderly worker visit him; a WMO buddy; the shop lets him in "
                "with his buddy; the local team visits twice a week.",
                "decided_on": d(97),
                "look_back_on": d(5),
            },
        },
    ]
