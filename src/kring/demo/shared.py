"""The organisations, teams and professionals every demo story shares (all invented), and the few people who
stand in more than one family.

The regions "Wijland" (NL) and "Scheldeland" (BE) do not exist. The OSD teams are named after Gent and
Dendermonde, the two court social services (SDJ) of the Flemish pilot in seed 004.

* Two main organisations own the dossiers: ``wij-jb`` (a Dutch certified institution, three teams) and
  ``osd-scheldeland`` (a Flemish court social service, OSD: OCJ/SDJ, two teams). Every team that owns a
  dossier has a team lead.
* ``daan.kok`` is a case worker of ``wij-jb`` in Team Zuid. He is in no circle of a Team Noord or Team
  Jeugdreclassering dossier, so he shows who may *not* see what inside one organisation.
* Chain partners and judges stand in circles on both sides of the border (e.g. the police and Veilig Thuis
  in KR-NL-2025-0006, the Flemish youth judge in KR-BE-2025-0001 and KR-BE-2026-0002).
* ``CHAIN_ORGANISATIONS`` and ``CHAIN_USERS``: the partners of the ZSM chain table of kinds the caseload
  lacks, and the users of the chair (prosecution) and the child protection board.
* Lists of allowed values: ``ORGANISATION_KINDS`` and ``ROLES`` (same values as
  ``kring.accounts.models.OrganisationKind`` and ``Role``).
"""

from kring.demo.spec import person

DEMO_PASSWORD = "kring-demo-2026"  # noqa: S105 — printed for the demo on purpose
BREAK_GLASS_ROLES = {"team_lead", "behavioural_scientist"}

ORGANISATION_KINDS = (
    "certified_institution",
    "court_social_service",
    "child_protection_board",
    "police",
    "prosecution",
    "halt",
    "veilig_thuis",
    "local_team",
    "care_provider",
    "court",
    "probation",
)

ROLES = (
    "case_worker",
    "team_lead",
    "behavioural_scientist",
    "chain_partner",
    "judge",
    "privacy_officer",
    "functional_admin",
)

# ---------------------------------------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------------------------------------

ORGANISATIONS = [
    # --- the Netherlands ---
    {
        "key": "wij-jb",
        "name": "Jeugdbescherming Wijland",
        "kind": "certified_institution",
        "country": "NL",
        "teams": ["Team Noord", "Team Zuid", "Team Jeugdreclassering"],
    },
    {
        "key": "wijkteam-wijland",
        "name": "Sociaal Wijkteam Wijland",
        "kind": "local_team",
        "country": "NL",
        "teams": ["Wijkteam Oost", "Wijkteam West"],
    },
    {
        "key": "wilgenhof",
        "name": "Wilgenhof Jeugdhulp",
        "kind": "care_provider",
        "country": "NL",
        "teams": ["MST-team", "Ambulant team"],
    },
    {
        "key": "rechtbank-wijland",
        "name": "Rechtbank Wijland",
        "kind": "court",
        "country": "NL",
        "teams": ["Familie- en jeugdrecht"],
    },
    {
        "key": "politie-wijland",
        "name": "Politie Wijland",
        "kind": "police",
        "country": "NL",
        "teams": ["Basisteam Wijland-Centrum"],
    },
    {
        "key": "vt-wijland",
        "name": "Veilig Thuis Wijland",
        "kind": "veilig_thuis",
        "country": "NL",
        "teams": ["Team Onderzoek en Aanpak"],
    },
    # --- Flanders ---
    {
        "key": "osd-scheldeland",
        "name": "OSD Scheldeland (OCJ/SDJ)",
        "kind": "court_social_service",
        "country": "BE",
        "teams": ["Team Gent", "Team Dendermonde"],
    },
    {
        "key": "jrb-scheldeland",
        "name": "Jeugdrechtbank Scheldeland",
        "kind": "court",
        "country": "BE",
        "teams": ["Jeugdkamer"],
    },
    {
        "key": "kajuit",
        "name": "De Kajuit vzw",
        "kind": "care_provider",
        "country": "BE",
        "teams": ["Crisisteam", "Crisishulp aan Huis"],
    },
]

# ---------------------------------------------------------------------------------------------------------
# Professionals (all invented)
# ---------------------------------------------------------------------------------------------------------


def _user(username, first_name, last_name, memberships):
    return {
        "username": username,
        "first_name": first_name,
        "last_name": last_name,
        "email": f"{username}@example.org",
        "memberships": [{"org": org, "team": team, "role": role} for org, team, role in memberships],
    }


USERS = [
    # --- Jeugdbescherming Wijland (NL, certified institution) ---
    _user("anna.devries", "Anna", "de Vries", [("wij-jb", "Team Noord", "case_worker")]),
    _user("youssef.elamrani", "Youssef", "El Amrani", [("wij-jb", "Team Noord", "case_worker")]),
    _user("marieke.bosman", "Marieke", "Bosman", [("wij-jb", "Team Noord", "team_lead")]),
    # The "other team" case worker: same organisation, Team Zuid, in no circle of a Team Noord dossier.
    _user("daan.kok", "Daan", "Kok", [("wij-jb", "Team Zuid", "case_worker")]),
    # One team lead for two teams (Zuid and Jeugdreclassering).
    _user(
        "ingrid.verhoeven",
        "Ingrid",
        "Verhoeven",
        [("wij-jb", "Team Zuid", "team_lead"), ("wij-jb", "Team Jeugdreclassering", "team_lead")],
    ),
    # Youth probation worker (jeugdreclasseerder).
    _user("sanne.meijer", "Sanne", "Meijer", [("wij-jb", "Team Jeugdreclassering", "case_worker")]),
    _user("ruben.dijkstra", "Ruben", "Dijkstra", [("wij-jb", None, "behavioural_scientist")]),
    _user("fatima.ouali", "Fatima", "Ouali", [("wij-jb", None, "privacy_officer")]),
    _user("kees.vandam", "Kees", "van Dam", [("wij-jb", None, "functional_admin")]),
    # --- other Dutch organisations ---
    # Local-team (wijkteam) worker.
    _user("lotte.vanleeuwen", "Lotte", "van Leeuwen", [("wijkteam-wijland", "Wijkteam Oost", "case_worker")]),
    # MST therapist at a care provider.
    _user("joris.timmer", "Joris", "Timmer", [("wilgenhof", "MST-team", "case_worker")]),
    # Youth judge (kinderrechter).
    _user(
        "willemijn.hoekstra",
        "Willemijn",
        "Hoekstra",
        [("rechtbank-wijland", "Familie- en jeugdrecht", "judge")],
    ),
    # Police chain partner (community police officer, ZSM).
    _user(
        "bas.vermeulen",
        "Bas",
        "Vermeulen",
        [("politie-wijland", "Basisteam Wijland-Centrum", "chain_partner")],
    ),
    # Veilig Thuis chain partner.
    _user("noor.hendriks", "Noor", "Hendriks", [("vt-wijland", "Team Onderzoek en Aanpak", "chain_partner")]),
    # --- OSD Scheldeland (BE, court social service) ---
    # Team lead (teamverantwoordelijke) of both OSD teams.
    _user(
        "lien.declercq",
        "Lien",
        "De Clercq",
        [("osd-scheldeland", "Team Gent", "team_lead"), ("osd-scheldeland", "Team Dendermonde", "team_lead")],
    ),
    _user("pieter.vandenbroeck", "Pieter", "Vandenbroeck", [("osd-scheldeland", "Team Gent", "case_worker")]),
    _user("elke.wouters", "Elke", "Wouters", [("osd-scheldeland", "Team Dendermonde", "case_worker")]),
    _user("hannes.maes", "Hannes", "Maes", [("osd-scheldeland", None, "behavioural_scientist")]),
    _user("an.desmet", "An", "De Smet", [("osd-scheldeland", None, "privacy_officer")]),
    # --- other Flemish organisations ---
    # Youth judge (jeugdrechter).
    _user("griet.vermeersch", "Griet", "Vermeersch", [("jrb-scheldeland", "Jeugdkamer", "judge")]),
    # Crisis worker / family worker at a crisis service (like De Cocon in seed 004).
    _user("tom.claes", "Tom", "Claes", [("kajuit", "Crisisteam", "case_worker")]),
]

# ---------------------------------------------------------------------------------------------------------
# Dossiers
# ---------------------------------------------------------------------------------------------------------

# The chain table's partners of kinds the caseload lacks (name, kind), and the users of the chair and the child
# protection board (username, first name, last name, organisation name): chain partners without a team.
CHAIN_ORGANISATIONS = [
    ("OM Wijland", "prosecution"),
    ("Raad voor de Kinderbescherming Wijland", "child_protection_board"),
    ("Halt Wijland", "halt"),
    ("Reclassering Wijland", "probation"),
    ("Slachtofferhulp Wijland", "victim_support"),
    ("Veiligheidshuis Wijland", "veiligheidshuis"),
]
CHAIN_USERS = [
    ("joost.vermaat", "Joost", "Vermaat", "OM Wijland"),
    ("femke.postma", "Femke", "Postma", "Raad voor de Kinderbescherming Wijland"),
]

# ---------------------------------------------------------------------------------------------------------
# People in more than one family: one handle is one Person, however many dossiers they appear in.
# ---------------------------------------------------------------------------------------------------------

# Truus Mulder is the grandmother of Sem and Lina (KR-NL-2025-0005, her son's children) and of Tess and Bram
# (KR-NL-2026-0004, her daughter's children); boxing coach Mo Bouzid trains Dylan (KR-NL-2026-0001) and is
# part of Jesse's daytime activities (KR-NL-2025-0003).
PEOPLE = {
    "mo.bouzid": person("Mo", "Bouzid", "1990-10-04", "male"),
    "truus.mulder": person("Truus", "Mulder", "1957-08-14", "female"),
}
