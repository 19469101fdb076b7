"""Gezin Dekker (KR-NL-2025-0004): the whole story of this family.

Seed 001, project "De burgervoogd in ere hersteld?!": children under guardianship of a certified institution,
living in a family home; the young person and the guardian look in the network for a citizen guardian (old
group leader, football coach, aunt …), who stays involved after 18.

Source: seed 001, 'De burgervoogd in ere hersteld?!'.
"""

from kring.demo.spec import NL_PHONE, authority, consent, measure, person, seat

REFERENCE = "KR-NL-2025-0004"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "chantal.vandijk": person("Chantal", "van Dijk", "1988-10-13", "female"),
    "ellen.wagenaar": person("Ellen", "Wagenaar", "1971-03-03", "female"),
    "hans.wagenaar": person("Hans", "Wagenaar", "1969-08-16", "male"),
    "mirjam.dekker": person("Mirjam", "Dekker", "1983-04-25", "female"),
    "patrick.vandenheuvel": person("Patrick", "van den Heuvel", "1980-12-08", "male"),
}

DOSSIER = {
    "reference": "KR-NL-2025-0004",
    "jurisdiction": "NL",
    "title": "Gezin Dekker",
    "summary": (
        "Jasmijn (15) staat onder voogdij van de gecertificeerde instelling, omdat haar ouders geen gezag meer "
        "hebben; zij woont in een gezinshuis. Met haar voogd verkent zij of iemand uit haar eigen netwerk "
        "burgervoogd wil worden. Jasmijn noemde zelf haar oud-voetbaltrainer en een tante, en de gesprekken "
        "met hen lopen. Een burgervoogd blijft ook na haar 18e bij haar betrokken."
    ),
    "source": "seed 001, 'De burgervoogd in ere hersteld?!'",
    "opened_on": "2025-05-12",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "court_order",
        "on": "2025-05-12",
        "note": "Uitspraak van de kinderrechter, Rechtbank Wijland, 15 maart 2022 (beëindiging gezag, voogdij aan de GI).",
    },
    "status": "open",
    "owning": {"org": "wij-jb", "team": "Team Zuid"},
    "children": [
        {
            "first_name": "Jasmijn",
            "last_name": "Dekker",
            "date_of_birth": "2009-12-05",
            "gender": "female",
            "school": "4 vmbo-kader zorg en welzijn, Wijland College",
            "living_situation": "gezinshuis in Wijland, bij gezinshuisouders Ellen en Hans Wagenaar",
        }
    ],
    "circle": [
        {
            "username": "daan.kok",
            "case_role": "voogd",
            "assignment": "Oefent het gezag uit en verkent samen met Jasmijn een overdracht van het gezag aan "
            "een burgervoogd.",
        },
        {
            "username": "ruben.dijkstra",
            "case_role": "gedragswetenschapper",
            "assignment": "Adviseert of de woonplek stabiel genoeg is om een gezagsoverdracht te verkennen.",
        },
        {
            "username": "willemijn.hoekstra",
            "case_role": "kinderrechter",
            "assignment": "Beslist over een verzoek om het gezag over te dragen aan een burgervoogd.",
        },
    ],
    "legal_frame": "voogdij (gecertificeerde instelling) — verkenning burgervoogdij",
}

# Guardianship of the certified institution; a citizen guardian is being explored.
HISTORY = {
    "participants": [
        seat(
            "ellen.wagenaar",
            "carer",
            "gezinshuisouder",
            inner=True,
            lives=True,
            phone=NL_PHONE.format(12),
        ),
        seat("hans.wagenaar", "carer", "gezinshuisouder", inner=True, lives=True),
        seat(
            "patrick.vandenheuvel",
            "informal",
            "oud-voetbaltrainer, kandidaat-burgervoogd",
            inner=True,
            phone=NL_PHONE.format(13),
        ),
        seat("mirjam.dekker", "informal", "tante (zus van vader), kandidaat-burgervoogd", inner=True),
        seat("chantal.vandijk", "parent", "moeder (zonder gezag)"),
    ],
    "authority": [
        authority(["Jasmijn"], "chantal.vandijk", until="2022-03-14"),
        authority(["Jasmijn"], {"organisation": "wij-jb"}, kind="guardian", since="2022-03-15"),
    ],
    "measures": [
        measure(
            ["Jasmijn"],
            "nl_guardianship",
            "2022-03-15",
            "2027-12-05",
            "kinderrechter, Rechtbank Wijland, 15 maart 2022 (beëindiging gezag, voogdij aan de GI)",
        )
    ],
    "consents": [
        consent(
            "Jasmijn",
            "2025-06-02",
            "Jasmijn vindt het goed dat haar voogd met haar oud-voetbaltrainer en haar tante praat over "
            "burgervoogdij.",
        )
    ],
}
