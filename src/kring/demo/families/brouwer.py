"""Gezin Brouwer (KR-NL-2026-0002): the whole story of this family.

Seed 003, workshop "JIM werkt": the young person (from 12, with parental consent) chooses a trusted adult who
is not a parent, preferably does not live in the same house, and always works with the professional; started
to prevent out-of-home placement. Practice model §2.

Source: seed 003, werksessie 'JIM werkt – Circulair samenwerken met het netwerk van jongeren'.
"""

from kring.demo.spec import NL_PHONE, authority, consent, measure, person, seat

REFERENCE = "KR-NL-2026-0002"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "dirk.brouwer": person("Dirk", "Brouwer", "1975-10-21", "male"),
    "jolanda.brouwer": person("Jolanda", "Brouwer", "1980-07-02", "female"),
    "karin.vos": person("Karin", "Vos", "1968-05-29", "female"),
    "richard.brouwer": person("Richard", "Brouwer", "1978-01-18", "male"),
}

DOSSIER = {
    "reference": "KR-NL-2026-0002",
    "jurisdiction": "NL",
    "title": "Gezin Brouwer",
    "summary": (
        "Mila (15) heeft een ondertoezichtstelling; er is veel ruzie thuis en een plaatsing in een leefgroep "
        "dreigt. Op de vraag wie zij wil laten meedenken, noemde Mila haar buurvrouw Karin. Met toestemming "
        "van haar ouders is Karin nu haar JIM: een vertrouwenspersoon die niet bij haar woont en altijd "
        "samenwerkt met de gezinsvoogd. Het doel is dat Mila thuis kan blijven wonen."
    ),
    "source": "seed 003, werksessie 'JIM werkt – Circulair samenwerken met het netwerk van jongeren'",
    "opened_on": "2026-04-20",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "court_order",
        "on": "2026-04-20",
        "note": "Uitspraak van de kinderrechter, Rechtbank Wijland, 14 april 2026.",
    },
    "status": "open",
    "owning": {"org": "wij-jb", "team": "Team Noord"},
    "children": [
        {
            "first_name": "Mila",
            "last_name": "Brouwer",
            "date_of_birth": "2010-12-14",
            "gender": "female",
            "school": "3 havo, Wijland College",
            "living_situation": "thuis bij vader en moeder",
        }
    ],
    "circle": [
        {
            "username": "youssef.elamrani",
            "case_role": "gezinsvoogd",
            "assignment": "Voert de OTS uit en maakt samen met Mila, haar ouders en haar JIM een plan om een "
            "uithuisplaatsing te voorkomen.",
        },
        {
            "username": "ruben.dijkstra",
            "case_role": "gedragswetenschapper",
            "assignment": "Adviseert over de risico's van een uithuisplaatsing en over de rol van de JIM.",
        },
        {
            "username": "willemijn.hoekstra",
            "case_role": "kinderrechter",
            "assignment": "Sprak de OTS uit en beslist over een eventuele machtiging uithuisplaatsing.",
        },
    ],
    "legal_frame": "ondertoezichtstelling (OTS) — JIM-aanpak",
}

# Supervision order; Mila chose her neighbour Karin as JIM, with her parents' consent.
HISTORY = {
    "participants": [
        seat("jolanda.brouwer", "parent", "moeder", inner=True, lives=True, phone=NL_PHONE.format(14)),
        seat("richard.brouwer", "parent", "vader", inner=True, lives=True),
        seat("karin.vos", "informal", "buurvrouw, JIM van Mila", inner=True, phone=NL_PHONE.format(15)),
        seat("dirk.brouwer", "informal", "oom (broer van vader)"),
    ],
    "authority": [authority(["Mila"], "jolanda.brouwer"), authority(["Mila"], "richard.brouwer")],
    "measures": [
        measure(
            ["Mila"],
            "nl_ots",
            "2026-04-20",
            "2027-04-20",
            "kinderrechter, Rechtbank Wijland, 14 april 2026",
        )
    ],
    "consents": [
        consent(
            "jolanda.brouwer",
            "2026-05-04",
            "Mila mag buurvrouw Karin kiezen als haar JIM; Karin mag met de gezinsvoogd overleggen over het plan.",
        ),
        consent(
            "richard.brouwer",
            "2026-05-04",
            "Mila mag buurvrouw Karin kiezen als haar JIM; Karin mag met de gezinsvoogd overleggen over het plan.",
        ),
        consent("Mila", "2026-05-04", "Mila wil dat Karin aanschuift bij de gesprekken met de gezinsvoogd."),
    ],
    # JIM (seed 003): Mila (13) chooses neighbour Karin; her mother, who has authority, consents
    "jims": [
        {"young_person": "Mila", "jim": "karin.vos", "on": "2026-05-04", "consent_by": "jolanda.brouwer"}
    ],
}
