"""Gezin Visser (KR-NL-2026-0005): the whole story of this family.

Seed 001, project "Samen optrekken in complexe scheidingen" (module Beschermen & Versterken - Complexe
scheidingen LIGHT: 13 weeks, one professional with the parents, one with the child, pairs of a youth protector
and a CJG worker); seed 003, workshop "Kinderen uit de knel" (group therapy). Practice model §5.

Source: seed 001, 'Samen optrekken in complexe scheidingen' (module LIGHT); seed 003, werksessie 'Kinderen uit de knel'.
"""

from kring.demo.spec import NL_PHONE, WIJKTEAM, authority, consent, lead, measure, person, seat

REFERENCE = "KR-NL-2026-0005"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "dennis.visser": person("Dennis", "Visser", "1985-05-19", "male"),
    "joke.degroot": person("Joke", "de Groot", "1958-09-12", "female"),
    "miranda.degroot": person("Miranda", "de Groot", "1987-01-31", "female"),
    "sander.bos": person("Sander", "Bos", "1984-02-27", "male"),
}

DOSSIER = {
    "reference": "KR-NL-2026-0005",
    "jurisdiction": "NL",
    "title": "Gezin Visser",
    "summary": (
        "De ouders van Noah (10) en Fenna (7) zijn twee jaar uit elkaar en maken veel ruzie over de omgang; "
        "de kinderen zitten klem. In de lichte module complexe scheiding (13 weken) praat een jeugdbeschermer "
        "met de ouders en een medewerker van het wijkteam met de kinderen, zodat zij bij een neutraal persoon "
        "kunnen vertellen wat zij lastig vinden. Na 13 weken is duidelijk of verandering mogelijk is; zo nodig "
        "volgen de ouders daarna de groepstherapie 'Kinderen uit de knel'."
    ),
    "source": "seed 001, 'Samen optrekken in complexe scheidingen' (module LIGHT); "
    "seed 003, werksessie 'Kinderen uit de knel'",
    "opened_on": "2026-09-07",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "local_team",
        "on": "2026-09-07",
        "note": "Beide ouders meldden zich via het wijkteam aan voor de lichte module complexe scheiding.",
    },
    "status": "open",
    "owning": {"org": "wij-jb", "team": "Team Noord"},
    "children": [
        {
            "first_name": "Noah",
            "last_name": "Visser",
            "date_of_birth": "2016-03-11",
            "gender": "male",
            "school": "groep 7, OBS De Zandloper",
            "living_situation": "co-ouderschap: een week bij moeder, een week bij vader",
        },
        {
            "first_name": "Fenna",
            "last_name": "Visser",
            "date_of_birth": "2019-05-30",
            "gender": "female",
            "school": "groep 4, OBS De Zandloper",
            "living_situation": "co-ouderschap: een week bij moeder, een week bij vader",
        },
    ],
    "circle": [
        {
            "username": "youssef.elamrani",
            "case_role": "jeugdbeschermer (ouders)",
            "assignment": "Begeleidt de ouders in de lichte module en zet samen met hen de kinderen weer "
            "centraal.",
        },
        {
            "username": "lotte.vanleeuwen",
            "case_role": "wijkteammedewerker (kinderen)",
            "assignment": "Is de vaste gesprekspartner van Noah en Fenna en helpt hen hun wensen aan hun "
            "ouders te laten weten.",
        },
    ],
    "legal_frame": "vrijwillig kader — complexe scheiding, lichte module (13 weken)",
}

# Complex divorce, light module (13 weeks); father withdrew one consent.
HISTORY = {
    "participants": [
        seat("miranda.degroot", "parent", "moeder", inner=True, lives=True, phone=NL_PHONE.format(10)),
        seat("dennis.visser", "parent", "vader", inner=True, lives=True, phone=NL_PHONE.format(11)),
        seat("joke.degroot", "informal", "oma (moeder van moeder)", inner=True),
        seat("sander.bos", "informal", "nieuwe partner van moeder", lives=True),
    ],
    "authority": [
        authority(["Noah", "Fenna"], "miranda.degroot"),
        authority(["Noah", "Fenna"], "dennis.visser"),
    ],
    "measures": [
        measure(
            ["Noah", "Fenna"],
            "nl_voluntary",
            "2026-09-07",
            "2026-12-07",
            "aanmelding door beide ouders via het wijkteam (lichte module complexe scheiding, 13 weken)",
        )
    ],
    "leads": [
        lead(
            WIJKTEAM,
            "partner",
            "2026-09-07",
            "Partnermodel: het wijkteam houdt de regie; de jeugdbeschermer werkt 13 weken met de ouders.",
        )
    ],
    "consents": [
        consent(
            "miranda.degroot",
            "2026-09-07",
            "Het wijkteam mag de samenvatting van de gesprekken met de ouders lezen.",
            shared_with=WIJKTEAM,
            sections=["summary"],
        ),
        consent(
            "dennis.visser",
            "2026-09-07",
            "Het wijkteam mag de samenvatting en de tijdlijn van de gesprekken met de ouders lezen.",
            shared_with=WIJKTEAM,
            sections=["summary", "timeline"],
            withdrawn=(
                "2026-10-20",
                "Vader trekt zijn toestemming in: hij denkt dat de verslagen gebruikt worden in de rechtszaak "
                "over de omgang. Hij wil eerst met de jeugdbeschermer bespreken wat er gedeeld wordt.",
            ),
        ),
    ],
}
