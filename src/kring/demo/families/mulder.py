"""Gezin Mulder (KR-NL-2025-0005): the whole story of this family.

Seed 001, "Het maatschappelijk rendement van 'werken zonder maatregel'" (preventive youth protection:
information and advice, joining and supporting, after-care; the local team keeps the lead; scaling up and down
goes more smoothly) and "Eén cliëntproces" (kitchen-table challenge, alignment meeting).

Source: seed 001, 'Het maatschappelijk rendement van werken zonder maatregel' (partnermodel, nazorg); seed 001, 'Eén cliëntproces' (keukentafeluitdaging, afstemmingsgesprek).
"""

from kring.demo.spec import NL_PHONE, WIJKTEAM, authority, consent, lead, measure, person, scale, seat

REFERENCE = "KR-NL-2025-0005"

# The parents, carers and informal network of this family (invented), by the handle HISTORY uses.
PEOPLE = {
    "anja.hoogland": person("Anja", "Hoogland", "1966-02-09", "female"),
    "kim.hoekman": person("Kim", "Hoekman", "1990-11-06", "female"),
    "mark.mulder": person("Mark", "Mulder", "1988-03-30", "male"),
    "samira.elidrissi": person("Samira", "El Idrissi", "1991-06-24", "female"),
}

DOSSIER = {
    "reference": "KR-NL-2025-0005",
    "jurisdiction": "NL",
    "title": "Gezin Mulder",
    "summary": (
        "Na meldingen van huiselijk geweld kregen Sem (6) en Lina (3) in juni 2025 een ondertoezichtstelling "
        "voor een jaar. De ouders en hun netwerk maakten een veiligheidsplan dat werkt; iedereen geeft nu een "
        "8 op de veiligheidsschaal. De OTS is in juni 2026 niet verlengd: het wijkteam heeft de regie weer en "
        "de jeugdbeschermer is op verzoek beschikbaar voor nazorg. Met de keukentafeluitdaging en een "
        "afstemmingsgesprek is afgesproken wie nog aan tafel zit."
    ),
    "source": "seed 001, 'Het maatschappelijk rendement van werken zonder maatregel' (partnermodel, nazorg); "
    "seed 001, 'Eén cliëntproces' (keukentafeluitdaging, afstemmingsgesprek)",
    "opened_on": "2025-06-02",
    # how the case came in (kring.cases.models.OriginKind), on which day
    "origin": {
        "kind": "court_order",
        "on": "2025-06-02",
        "note": "Uitspraak van de kinderrechter, Rechtbank Wijland, 2 juni 2025.",
    },
    "status": "open",
    "owning": {"org": "wij-jb", "team": "Team Noord"},
    "children": [
        {
            "first_name": "Sem",
            "last_name": "Mulder",
            "date_of_birth": "2019-02-17",
            "gender": "male",
            "school": "groep 4, basisschool De Klimop",
            "living_situation": "thuis bij vader en moeder en zijn zusje Lina",
        },
        {
            "first_name": "Lina",
            "last_name": "Mulder",
            "date_of_birth": "2022-03-08",
            "gender": "female",
            "school": "groep 1, basisschool De Klimop",
            "living_situation": "thuis bij vader en moeder en haar broer Sem",
        },
    ],
    "circle": [
        {
            "username": "anna.devries",
            "case_role": "jeugdbeschermer (nazorg)",
            "assignment": "Was gezinsvoogd tijdens de OTS en is nu op verzoek beschikbaar voor nazorg en "
            "advies aan het wijkteam.",
        },
        {
            "username": "lotte.vanleeuwen",
            "case_role": "wijkteammedewerker (regie)",
            "assignment": "Kende het gezin al vóór de OTS en heeft na het afschalen weer de regie.",
        },
        {
            "username": "noor.hendriks",
            "case_role": "medewerker Veilig Thuis",
            "assignment": "Meldt een nieuwe melding over het gezin direct aan het wijkteam en de "
            "jeugdbeschermer.",
        },
    ],
    "legal_frame": "afgeschaald: OTS beëindigd → vrijwillig kader, partnermodel (nazorg)",
}

# Supervision order not extended: scaled down, the local team has the lead again (partner model, after-care).
HISTORY = {
    "participants": [
        seat("mark.mulder", "parent", "vader", inner=True, lives=True, phone=NL_PHONE.format(16)),
        seat("kim.hoekman", "parent", "moeder", inner=True, lives=True, phone=NL_PHONE.format(17)),
        seat("truus.mulder", "informal", "oma (moeder van vader)", inner=True, phone=NL_PHONE.format(18)),
        seat("anja.hoogland", "informal", "buurvrouw, staat in het veiligheidsplan", inner=True),
        seat("samira.elidrissi", "informal", "vriendin van moeder"),
    ],
    "authority": [
        authority(["Sem", "Lina"], "mark.mulder"),
        authority(["Sem", "Lina"], "kim.hoekman"),
    ],
    "measures": [
        measure(
            ["Sem", "Lina"],
            "nl_ots",
            "2025-06-02",
            "2026-06-02",
            "kinderrechter, Rechtbank Wijland, 2 juni 2025",
            end=("2026-06-02", "scaled_down"),
        ),
        measure(
            ["Sem", "Lina"],
            "nl_voluntary",
            "2026-06-02",
            "2026-12-02",
            "afspraak met de ouders en het wijkteam: nazorg op verzoek",
        ),
    ],
    "leads": [
        lead("wij-jb", "transfer", "2025-06-02", "Tijdens de OTS heeft de gezinsvoogd de regie."),
        lead(
            WIJKTEAM,
            "partner",
            "2026-06-02",
            "OTS niet verlengd: het wijkteam heeft weer de regie; de jeugdbeschermer is op verzoek beschikbaar "
            "voor nazorg.",
        ),
    ],
    "scaling": [
        scale(
            True,
            "2025-06-02",
            "Opgeschaald na meldingen van huiselijk geweld: de kinderrechter spreekt een OTS uit voor een jaar.",
        ),
        scale(
            False,
            "2026-06-02",
            "Afgeschaald: het veiligheidsplan werkt en iedereen geeft een 8; de OTS wordt niet verlengd.",
        ),
    ],
    "consents": [
        consent(
            "kim.hoekman",
            "2026-05-26",
            "Het wijkteam mag na de OTS het veiligheidsplan en de samenvatting blijven inzien.",
            shared_with=WIJKTEAM,
            sections=["safety_plan", "summary"],
        ),
        consent(
            "mark.mulder",
            "2026-05-26",
            "Het wijkteam mag na de OTS het veiligheidsplan en de samenvatting blijven inzien.",
            shared_with=WIJKTEAM,
            sections=["safety_plan", "summary"],
        ),
    ],
}
