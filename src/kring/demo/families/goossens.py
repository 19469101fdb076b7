"""Gezin Goossens (KR-BE-2026-0001): the whole story of this family.

Seed 000, questions 2 and 3 for the Flemish context (youth offence, "Perspectief 3: ruimte in de afgebakende
reactie" - conditions can be adjusted on the reports of the court social service; "maatwerk": the more
serious, the tighter) and anchor 7 (repair towards the victim).

Source: seed 000, vraagstukken 2 en 3 ('Perspectief 3: ruimte in de afgebakende reactie', maatwerk).
"""

from kring.demo.spec import BE_PHONE, authority, consent, measure, person, seat

REFERENCE = "KR-BE-2026-0001"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "dries.vanhecke": person("Dries", "Van Hecke", "1993-02-02", "male"),
    "filip.goossens": person("Filip", "Goossens", "1976-03-05", "male"),
    "jozef.goossens": person("Jozef", "Goossens", "1948-06-21", "male"),
    "veerle.vandamme": person("Veerle", "Van Damme", "1978-10-17", "female"),
}

DOSSIER = {
    "reference": "KR-BE-2026-0001",
    "jurisdiction": "BE",
    "title": "Gezin Goossens",
    "summary": (
        "Robbe (16) pleegde samen met vrienden een straatroof op een leeftijdsgenoot (een als misdrijf "
        "omschreven feit). De jeugdrechter legde voorwaarden op: elke dag naar school, een positief project "
        "en een herstelgericht gesprek met het slachtoffer. De consulent werkt met Robbe en zijn ouders met "
        "het succesverhaal: één grootste zorg, één succesdoel en wie wat doet. Komt Robbe een voorwaarde niet "
        "na, dan kan de jeugdrechter de beslissing aanpassen op basis van de verslagen; vallen en opstaan "
        "hoort bij stoppen met delicten."
    ),
    "source": "seed 000, vraagstukken 2 en 3 ('Perspectief 3: ruimte in de afgebakende reactie', maatwerk)",
    "opened_on": "2026-03-09",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "court_order",
        "on": "2026-03-09",
        "note": "Uitspraak van de jeugdrechter, Jeugdrechtbank Scheldeland, 9 maart 2026 (voorwaarden: school, positief project, herstelgericht gesprek).",
    },
    "status": "open",
    "owning": {"org": "osd-scheldeland", "team": "Team Dendermonde"},
    "children": [
        {
            "first_name": "Robbe",
            "last_name": "Goossens",
            "date_of_birth": "2009-10-12",
            "gender": "male",
            "school": "5de jaar bso houtbewerking",
            "living_situation": "thuis bij mama, papa en zijn zus",
        }
    ],
    "circle": [
        {
            "username": "elke.wouters",
            "case_role": "consulent SDJ",
            "assignment": "Volgt de voorwaarden op, motiveert Robbe en zijn ouders en rapporteert aan de "
            "jeugdrechter.",
        },
        {
            "username": "griet.vermeersch",
            "case_role": "jeugdrechter",
            "assignment": "Legde de voorwaarden op en kan de beslissing aanpassen op basis van de verslagen "
            "van de consulent.",
        },
        {
            "username": "hannes.maes",
            "case_role": "gedragswetenschapper",
            "assignment": "Adviseert over maatwerk in de intensiteit van de begeleiding en de controle.",
        },
    ],
    "legal_frame": "jeugddelinquentierecht (MOF) — voorwaarden van de jeugdrechter",
}

# Youth offence (MOF): conditions of the youth judge, adjusted and extended on the consultant's report.
HISTORY = {
    "participants": [
        seat("veerle.vandamme", "parent", "mama", inner=True, lives=True, phone=BE_PHONE.format(8)),
        seat("filip.goossens", "parent", "papa", inner=True, lives=True),
        seat("jozef.goossens", "informal", "bompa (vader van papa)", inner=True),
        seat("dries.vanhecke", "informal", "jeugdtrainer bij de voetbalclub (positief project)"),
    ],
    "authority": [authority(["Robbe"], "veerle.vandamme"), authority(["Robbe"], "filip.goossens")],
    "measures": [
        measure(
            ["Robbe"],
            "be_court_ordered",
            "2026-03-09",
            "2026-09-09",
            "jeugdrechter, Jeugdrechtbank Scheldeland, 9 maart 2026 (voorwaarden: school, positief project, "
            "herstelgericht gesprek)",
            extensions=[
                (
                    "2026-09-02",
                    "2027-03-09",
                    "De jeugdrechter verlengt de voorwaarden met zes maanden op basis van het verslag van de "
                    "consulent: Robbe gaat weer elke dag naar school; het herstelgericht gesprek moet nog "
                    "plaatsvinden.",
                )
            ],
        )
    ],
    "consents": [
        consent(
            "veerle.vandamme",
            "2026-03-16",
            "School mag de consulent informeren over de aanwezigheid van Robbe.",
        ),
        consent(
            "Robbe",
            "2026-03-16",
            "Robbe vindt het goed dat de consulent zijn voetbaltrainer belt over het positief project.",
        ),
    ],
}
