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
                "incident": "Aangehouden wegens diefstal van drie blikjes cola. De winkel heeft 181 euro boete "
                "uitgeschreven en een winkelverbod opgelegd. Hij maakt een verwarde indruk.",
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
                    "Wie ondersteunt hem thuis?",
                    "Een boete of zorg: dat hangt af van zijn netwerk.",
                    "Zijn moeder is onlangs overleden; de schoonbroer die zijn financiën deed, kreeg een "
                    "hersenbloeding; de buurvrouw die voor hem kookte, brak haar been. Hij woont nu alleen.",
                )
            ],
            "views": [
                (police, "Geen dief: een man van wie het steunende netwerk wegvalt."),
                (om, "Een boete wordt niet betaald en lost niets op."),
            ],
            "hypotheses": "Met een maatje en bezoek van het wijkteam steelt hij niet opnieuw.",
            "decision": {
                "measures": ["dismissal_with_help", "local_team", "voluntary_help"],
                "tasks": "De wijkagent en de ouderenwerker gaan bij hem langs; een ouderenmaatje via de Wmo; de "
                "winkel laat hem binnen als hij met zijn maatje komt; het wijkteam komt twee keer per week langs.",
                "decided_on": d(97),
                "look_back_on": d(5),
            },
        },
    ]
