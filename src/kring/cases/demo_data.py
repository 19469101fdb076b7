"""Demo data for kring: organisations, professionals and dossiers in the Netherlands and Flanders.

Pure Python data, no Django imports, so that a management command (or a test) can load it in one go.

Every dossier retells a story from the source documents in ``shared/seeds`` (see ``source`` and the
comment above each dossier). All people are invented: names of professionals, children, parents and
network members do not come from the sources. Sasja keeps her first name, because she is the worked example of the
"boekensteunen" framework (practice model §4). Organisations are invented too; the regions "Wijland" (NL)
and "Scheldeland" (BE) do not exist. The OSD teams are named after Gent and Dendermonde, the two court
social services (SDJ) of the Flemish pilot in seed 004.

What the demo can show with this data:

* Two main organisations own the dossiers: ``wij-jb`` (a Dutch certified institution, three teams) and
  ``osd-scheldeland`` (a Flemish court social service, OSD: OCJ/SDJ, two teams). Every team that owns a
  dossier has a team lead.
* ``daan.kok`` is a case worker of ``wij-jb`` in Team Zuid. He is in no circle of a Team Noord or Team
  Jeugdreclassering dossier, so he shows who may *not* see what inside one organisation.
* Chain partners and judges stand in circles on both sides of the border (e.g. the police and Veilig Thuis
  in KR-NL-2025-0006, the Flemish youth judge in KR-BE-2025-0001 and KR-BE-2026-0002).
* Lists of allowed values: ``ORGANISATION_KINDS`` and ``ROLES`` (same values as
  ``kring.accounts.models.OrganisationKind`` and ``Role``).
* ``CLOSURES`` gives, for each closed dossier, the closing date and the end reason (practice model §2).
  It is optional extra data; a loader that only knows ORGANISATIONS, USERS and DOSSIERS can ignore it.
* Each child in ``DOSSIERS`` carries its profile: ``gender``, ``school`` (or work), ``living_situation``,
  ``language`` (home language, only where it matters) and ``lvb`` (mild intellectual disability, where the
  story says so: Dylan in KR-NL-2026-0001, Mariama in KR-NL-2025-0006).
* ``PEOPLE`` holds the parents, carers and informal network, keyed by a handle (``"truus.mulder"``). One
  handle is one Person however many dossiers they appear in: grandmother Truus Mulder stands in two families
  (KR-NL-2025-0005 and KR-NL-2026-0004) and boxing coach Mo Bouzid in two more (KR-NL-2026-0001 and
  KR-NL-2025-0003). Phone numbers are fake (``06-123456xx``, ``0470 12 34 xx``).
* ``HISTORY``, keyed by dossier reference, gives each dossier's history (practice model §2, §5), in the order
  a loader must write it. Every key is optional except ``measures``:

  - ``participants``: handle, role (parent/carer/informal), relation, closeness (inner/wider), lives with the
    child, phone, ``since`` (default: the day the dossier opened) and ``until``;
  - ``authority``: per child (first name), a holder handle or ``{"organisation": key}`` for an institution
    as guardian, kind (parental/guardian), ``since`` (default: the child's birth) and ``until`` (the day
    before the 18th birthday, for the young people who have come of age);
  - ``measures``: per child, kind (``kring.cases.models.MeasureKind``, of the dossier's jurisdiction), start,
    planned end, who decided, extensions (with their reason) and the end with its reason (``EndReason``);
    the closed dossiers end with the reason and date in ``CLOSURES``;
  - ``leads`` (who holds the lead, partner or transfer model, from when) and ``scaling`` (scale up/down);
  - ``consents``: given by a parent/guardian handle with authority on that day or a child of 12 or older (by
    first name), a SAVE ``step`` (1-5) or free-form, optionally shared with an organisation for dossier
    ``sections`` (``kring.access.policy.Section``), optionally withdrawn with a note;
  - ``jims``: a trusted adult (JIM) a young person chose among the participants, with a parent's consent;
  - ``timeline``: the family's own timelines ("Dit zijn wij!"), as (line, year, text).

  Deliberately thin: KR-NL-2025-0006 (Touray) has an empty inner circle and only the provisional guardianship
  as authority (custody is unclear in the source, and the summary says so); KR-NL-2026-0003 (Smit) has one
  person in the inner circle. The urgency procedure of KR-BE-2026-0002 (Lambrecht) runs from 19 October to
  18 December 2026, so it has no court-ordered care yet; KR-BE-2025-0001 (Verstraete) shows the whole route
  (urgency, then court-ordered care from day 42).

Not turned into a dossier: seed 002, case 1 (a man of 61 who stole cans of cola). He is an adult with an
intellectual disability; the chain table helped him with a buddy, the community police officer and the
local team, but there is no child and no youth measure, so kring has no dossier for him.

Texts shown to users are in plain Dutch (B1). Dates are ISO strings (``YYYY-MM-DD``).
"""

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

DOSSIERS = [
    # ===================================== the Netherlands ==============================================
    # Seed 000, slides "Praktijkvoorbeeld uit Nederland: Jeugdreclassering met MST", "Boekensteunen framework"
    # and "Acties en wie doet wat" (Sasja, 14, arson; tandem of youth probation and MST). Practice model §4.
    {
        "reference": "KR-NL-2025-0007",
        "jurisdiction": "NL",
        "title": "Gezin Verbeek",
        "summary": (
            "Sasja (14) is opgepakt voor brandstichting; eerder sloeg zij thuis alles kort en klein en haar "
            "ouders hadden weinig zicht en grip op haar. Sasja, haar ouders en de jeugdreclassering zijn bang "
            "dat zij nieuwe delicten pleegt en niet meer thuis kan wonen. Succesdoel: Sasja accepteert het gezag "
            "van haar ouders en laat zich begeleiden, ook als ze het er niet mee eens is, en thuis is er rust. "
            "MST heeft de regie over de behandeling; de jeugdreclasseerder stelt het kader, motiveert en "
            "bewaakt de afspraken."
        ),
        "source": "seed 000, dia's 'Boekensteunen framework' en 'Acties en wie doet wat' (Sasja)",
        "opened_on": "2025-10-06",
        "status": "open",
        "owning": {"org": "wij-jb", "team": "Team Jeugdreclassering"},
        "children": [
            {
                "first_name": "Sasja",
                "last_name": "Verbeek",
                "date_of_birth": "2011-04-19",
                "gender": "female",
                "school": "3 vmbo-kader, Scholengemeenschap De Brug",
                "living_situation": "thuis bij vader, moeder en haar broertje",
            }
        ],
        "circle": [
            {
                "username": "sanne.meijer",
                "case_role": "jeugdreclasseerder",
                "assignment": "Stelt het strafrechtelijke kader, meldt Sasja aan bij MST en motiveert en volgt "
                "Sasja en haar ouders bij de afspraken, samen met MST als tandem.",
            },
            {
                "username": "joris.timmer",
                "case_role": "MST-therapeut",
                "assignment": "Heeft de regie over de MST-behandeling thuis en bespreekt met Sasja, haar ouders "
                "en de jeugdreclassering wat zij willen bereiken.",
            },
            {
                "username": "willemijn.hoekstra",
                "case_role": "kinderrechter",
                "assignment": "Legde de jeugdreclassering op met de opdracht het probleem thuis op te lossen en "
                "ontvangt de verslagen over de voortgang.",
            },
            {
                "username": "ruben.dijkstra",
                "case_role": "gedragswetenschapper",
                "assignment": "Adviseert over het risico op nieuwe delicten (LIJ) en over de intensiteit van de "
                "begeleiding.",
            },
        ],
        "legal_frame": "jeugdreclassering (bijzondere voorwaarde) — tandem met MST",
    },
    # Seed 001, project "Signs of Success" (50 young people, 30 with LVB; tools woord- en beeldverhaal and
    # IK-plan; good practice "Boksen en werken in plaats van stelen") and seed 003, workshop on the
    # Leefgebiedenmatrix (LGM, filled in three times by several informants).
    {
        "reference": "KR-NL-2026-0001",
        "jurisdiction": "NL",
        "title": "Gezin Koster",
        "summary": (
            "Dylan (16) heeft een licht verstandelijke beperking (LVB) en stal een paar keer samen met oudere "
            "jongens uit de buurt; de kinderrechter legde jeugdreclassering op. Met een woord- en beeldverhaal "
            "vertelt Dylan zijn eigen verhaal, en in zijn IK-plan staan boksen en een bijbaan in plaats van "
            "stelen. Dylan, zijn ouders, school en de jeugdreclasseerder vullen de Leefgebiedenmatrix in bij de "
            "start, halverwege en aan het eind, en bespreken de verschillen."
        ),
        "source": "seed 001, 'Signs of Success' (LVB, tools, 'Boksen en werken in plaats van stelen'); "
        "seed 003, workshop 'Leefgebiedenmatrix (LGM)'",
        "opened_on": "2026-02-09",
        "status": "open",
        "owning": {"org": "wij-jb", "team": "Team Jeugdreclassering"},
        "children": [
            {
                "first_name": "Dylan",
                "last_name": "Koster",
                "date_of_birth": "2009-07-22",
                "gender": "male",
                "school": "entreeopleiding (mbo 1), Wijland College; bijbaan in een supermarkt",
                "living_situation": "thuis bij vader en moeder",
                "lvb": True,
            }
        ],
        "circle": [
            {
                "username": "sanne.meijer",
                "case_role": "jeugdreclasseerder",
                "assignment": "Begeleidt Dylan in eenvoudige taal en met beeld, maakt samen met hem zijn IK-plan "
                "en ziet toe op de voorwaarden.",
            },
            {
                "username": "ruben.dijkstra",
                "case_role": "gedragswetenschapper",
                "assignment": "Adviseert over de aanpak bij LVB en bespreekt de verschillen tussen de invullers "
                "van de Leefgebiedenmatrix.",
            },
            {
                "username": "bas.vermeulen",
                "case_role": "wijkagent",
                "assignment": "Is aanspreekpunt in de buurt en meldt nieuwe politiecontacten van Dylan aan de "
                "jeugdreclasseerder.",
            },
        ],
        "legal_frame": "jeugdreclassering (LVB) — Signs of Success",
    },
    # Seed 001, "Signs of Success", tool "Positief afsluiten" and the lesson on reporting back positively
    # ("positief terugmelden"); seed 000, "Perspectief 1: afgebakende periode benutten". Practice model §4.
    {
        "reference": "KR-NL-2025-0002",
        "jurisdiction": "NL",
        "title": "Gezin Hermans",
        "summary": (
            "Thijs (16) kreeg na een inbraak in een schuur een jaar jeugdreclassering. Hij ging weer elke dag "
            "naar school, vond werk bij een fietsenmaker en pleegde geen nieuwe delicten. Na acht maanden sloot "
            "de jeugdreclasseerder de maatregel met de tool 'Positief afsluiten' eerder af en meldde het succes "
            "aan de Raad voor de Kinderbescherming. Het wijkteam blijft bereikbaar als Thijs of zijn moeder "
            "vragen heeft."
        ),
        "source": "seed 001, 'Signs of Success' (tool 'Positief afsluiten', les over positief terugmelden); "
        "seed 000, dia 'Perspectief 1: afgebakende periode benutten'",
        "opened_on": "2025-03-17",
        "status": "closed",
        "owning": {"org": "wij-jb", "team": "Team Jeugdreclassering"},
        "children": [
            {
                "first_name": "Thijs",
                "last_name": "Hermans",
                "date_of_birth": "2008-11-03",
                "gender": "male",
                "school": "mbo 2 fietstechnicus, Wijland College; werkt bij een fietsenmaker",
                "living_situation": "bij zijn moeder; om het weekend bij vader",
            }
        ],
        "circle": [
            {
                "username": "sanne.meijer",
                "case_role": "jeugdreclasseerder",
                "assignment": "Begeleidde Thijs met Signs of Success en sloot de maatregel eerder en positief af, "
                "met een terugmelding aan de Raad.",
            },
            {
                "username": "lotte.vanleeuwen",
                "case_role": "wijkteammedewerker",
                "assignment": "Blijft na het einde van de maatregel het vaste aanspreekpunt voor Thijs en zijn "
                "moeder in de wijk.",
            },
            {
                "username": "ruben.dijkstra",
                "case_role": "gedragswetenschapper",
                "assignment": "Toetste of de doelen bereikt waren en adviseerde over het eerder afsluiten.",
            },
        ],
        "legal_frame": "jeugdreclassering — vervroegd positief afgesloten",
    },
    # Seed 000, slide "Perspectief 2: hulpverleningslijn en juridische lijn" (the life line 2005 birth …
    # 2019 theft, theft with violence … 2021 diploma … 2022 contact with mother restored; moved forward in
    # time here) and seed 001, "Eén cliëntproces", tool "Dit zijn wij!" (four timelines). Practice model §2.
    {
        "reference": "KR-NL-2025-0001",
        "jurisdiction": "NL",
        "title": "Gezin Verhoef",
        "summary": (
            "Stijn (16) kreeg jeugdreclassering na een diefstal en daarna een diefstal met geweld. Met zijn vader "
            "maakte hij de vier tijdlijnen van 'Dit zijn wij!': de scheiding van zijn ouders, logopedie en "
            "speltherapie, wonen bij vader, het praktijkonderwijs en de delicten. In 2025 haalde hij zijn "
            "diploma en herstelde het contact met zijn moeder. Op zijn 18e verjaardag stopte de juridische lijn; "
            "de hulp loopt door via het wijkteam."
        ),
        "source": "seed 000, dia 'Perspectief 2: hulpverleningslijn en juridische lijn'; "
        "seed 001, 'Eén cliëntproces', tool 'Dit zijn wij!'",
        "opened_on": "2025-01-20",
        "status": "closed",
        "owning": {"org": "wij-jb", "team": "Team Jeugdreclassering"},
        "children": [
            {
                "first_name": "Stijn",
                "last_name": "Verhoef",
                "date_of_birth": "2008-02-12",
                "gender": "male",
                "school": "praktijkonderwijs afgerond (diploma 2025); werkt in de groenvoorziening",
                "living_situation": "bij vader, sinds zijn tiende",
            }
        ],
        "circle": [
            {
                "username": "sanne.meijer",
                "case_role": "jeugdreclasseerder",
                "assignment": "Begeleidde Stijn tot zijn 18e en droeg de hulp zonder breuk over aan het wijkteam.",
            },
            {
                "username": "lotte.vanleeuwen",
                "case_role": "wijkteammedewerker",
                "assignment": "Neemt na het einde van de jeugdreclassering de begeleiding over, zodat de "
                "hulpverleningslijn doorloopt.",
            },
        ],
        "legal_frame": "jeugdreclassering — beëindigd: 18 jaar geworden",
    },
    # Seed 001, project "Preventief Veilig Samen Verder", handbook SAVE-begeleiding: seven functions,
    # graded consent (getrapte instemming, five steps), 3-4 months, partner model, round-table meetings,
    # pilot on school absence. Practice model §2 and §5.
    {
        "reference": "KR-NL-2026-0006",
        "jurisdiction": "NL",
        "title": "Gezin Kaya",
        "summary": (
            "Het wijkteam helpt gezin Kaya al een jaar, maar het loopt vast: Elif (12) gaat vaak niet naar "
            "school en de ouders maken harde ruzie, waarbij vader met spullen gooit. Het wijkteam vroeg "
            "SAVE-begeleiding voor drie tot vier maanden in het vrijwillig kader; het wijkteam houdt de regie. "
            "De ouders gaven toestemming voor contact (stap 1), voor een gezamenlijk gesprek over veiligheid "
            "met school en oma als informanten (stap 2) en, in een rondetafelgesprek, om aan voorwaarden te werken "
            "(stap 3). Het plan testen (stap 4) en de voorwaarden volgen terwijl het plan loopt (stap 5) komen "
            "daarna."
        ),
        "source": "seed 001, 'Preventief Veilig Samen Verder' (handleiding SAVE-begeleiding, getrapte instemming)",
        "opened_on": "2026-09-14",
        "status": "open",
        "owning": {"org": "wij-jb", "team": "Team Noord"},
        "children": [
            {
                "first_name": "Elif",
                "last_name": "Kaya",
                "date_of_birth": "2014-06-02",
                "gender": "female",
                "school": "brugklas vmbo-t/havo, Wijland College (veel verzuim)",
                "living_situation": "thuis bij vader, moeder en haar broertje Baran",
                "language": "Turks en Nederlands",
            },
            {
                "first_name": "Baran",
                "last_name": "Kaya",
                "date_of_birth": "2018-01-25",
                "gender": "male",
                "school": "groep 5, basisschool De Regenboog",
                "living_situation": "thuis bij vader, moeder en zijn zus Elif",
                "language": "Turks en Nederlands",
            },
        ],
        "circle": [
            {
                "username": "anna.devries",
                "case_role": "SAVE-medewerker",
                "assignment": "Voegt tijdelijk in naast het wijkteam: analyseert de veiligheid, stelt voorwaarden "
                "en helpt een plan te maken, zonder de regie over te nemen.",
            },
            {
                "username": "lotte.vanleeuwen",
                "case_role": "wijkteammedewerker (regie)",
                "assignment": "Houdt de regie en blijft het vaste aanspreekpunt voor het gezin, ook na de "
                "SAVE-begeleiding.",
            },
            {
                "username": "ruben.dijkstra",
                "case_role": "gedragswetenschapper",
                "assignment": "Adviseert over de veiligheidsanalyse en de aanpak van het schoolverzuim.",
            },
        ],
        "legal_frame": "vrijwillig kader — SAVE-begeleiding (partnermodel)",
    },
    # Seed 001, project "Samen optrekken in complexe scheidingen" (module Beschermen & Versterken - Complexe
    # scheidingen LIGHT: 13 weeks, one professional with the parents, one with the child, pairs of a youth
    # protector and a CJG worker); seed 003, workshop "Kinderen uit de knel" (group therapy). Practice model §5.
    {
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
    },
    # Seed 001, project "De burgervoogd in ere hersteld?!": children under guardianship of a certified
    # institution, living in a family home; the young person and the guardian look in the network for a
    # citizen guardian (old group leader, football coach, aunt …), who stays involved after 18.
    {
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
    },
    # Seed 003, workshop "JIM werkt": the young person (from 12, with parental consent) chooses a trusted
    # adult who is not a parent, preferably does not live in the same house, and always works with the
    # professional; started to prevent out-of-home placement. Practice model §2.
    {
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
    },
    # Seed 001, "Het maatschappelijk rendement van 'werken zonder maatregel'" (preventive youth protection:
    # information and advice, joining and supporting, after-care; the local team keeps the lead; scaling up
    # and down goes more smoothly) and "Eén cliëntproces" (kitchen-table challenge, alignment meeting).
    {
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
    },
    # Seed 001, "Het maatschappelijk rendement van 'werken zonder maatregel'" (specialist case management /
    # transfer model: the certified institution takes over the lead at the local team's request; continuity
    # when a measure is in sight) and "De Stem van de cliënt", sub-project "Matching".
    {
        "reference": "KR-NL-2026-0004",
        "jurisdiction": "NL",
        "title": "Gezin Bakker",
        "summary": (
            "Het wijkteam begeleidde moeder, Tess (13) en Bram (9), maar de zorgen groeiden: Veilig Thuis kreeg "
            "opnieuw meldingen over geweld door de nieuwe partner van moeder. Op verzoek van het wijkteam nam de "
            "gecertificeerde instelling de regie over in het vrijwillig kader. Moeder koos zelf haar "
            "jeugdbeschermer, na kennismaking met twee voorgestelde professionals (Matching). Als er een "
            "onderzoek van de Raad en een maatregel komen, blijft dezelfde jeugdbeschermer betrokken."
        ),
        "source": "seed 001, 'Het maatschappelijk rendement van werken zonder maatregel' (specialistisch "
        "casemanagement); seed 001, 'De Stem van de cliënt' (Matching)",
        "opened_on": "2026-07-06",
        "status": "open",
        "owning": {"org": "wij-jb", "team": "Team Noord"},
        "children": [
            {
                "first_name": "Tess",
                "last_name": "Bakker",
                "date_of_birth": "2013-04-04",
                "gender": "female",
                "school": "2 vmbo-t, Wijland College",
                "living_situation": "bij moeder en haar partner; om het weekend bij vader",
            },
            {
                "first_name": "Bram",
                "last_name": "Bakker",
                "date_of_birth": "2017-02-19",
                "gender": "male",
                "school": "groep 6, basisschool Het Kompas",
                "living_situation": "bij moeder en haar partner; om het weekend bij vader",
            },
        ],
        "circle": [
            {
                "username": "anna.devries",
                "case_role": "jeugdbeschermer (regie)",
                "assignment": "Heeft de regie over de hulp overgenomen van het wijkteam en blijft bij een "
                "eventuele maatregel dezelfde jeugdbeschermer.",
            },
            {
                "username": "lotte.vanleeuwen",
                "case_role": "wijkteammedewerker",
                "assignment": "Droeg de regie over en blijft betrokken bij de afstemmingsgesprekken.",
            },
            {
                "username": "noor.hendriks",
                "case_role": "medewerker Veilig Thuis",
                "assignment": "Deelt uit de meldingen alleen wat nodig is voor de veiligheid van Tess en Bram.",
            },
            {
                "username": "ruben.dijkstra",
                "case_role": "gedragswetenschapper",
                "assignment": "Stelde voor Matching twee passende professionals voor op basis van hun profielen.",
            },
        ],
        "legal_frame": "vrijwillig kader — specialistisch casemanagement (overdrachtsmodel)",
    },
    # Seed 002, §2 "Casus 2: een jeugdige verdachte" (boy of 15, theft, not at school, big problems at home,
    # a family guardian; out-of-home placement coming; Halt at the maximum hours at once; corrective talk by
    # the prosecution the next day). Practice model §7.
    {
        "reference": "KR-NL-2025-0003",
        "jurisdiction": "NL",
        "title": "Gezin van Rijn",
        "summary": (
            "Jesse (15) heeft een ondertoezichtstelling: hij gaat niet naar school en er zijn grote problemen "
            "thuis. In november 2025 werd hij aangehouden voor diefstal. Aan de ZSM-tafel vertelde de gezinsvoogd "
            "dat Jesse uit huis geplaatst wordt en snel dagbesteding nodig heeft. Halt kon meteen starten met het "
            "maximale aantal uren, en het OM voerde de volgende dag een corrigerend gesprek met Jesse."
        ),
        "source": "seed 002, hoofdstuk 2, 'Casus 2: een jeugdige verdachte'",
        "opened_on": "2025-04-14",
        "status": "open",
        "owning": {"org": "wij-jb", "team": "Team Zuid"},
        "children": [
            {
                "first_name": "Jesse",
                "last_name": "van Rijn",
                "date_of_birth": "2010-03-27",
                "gender": "male",
                "school": "ingeschreven op het vmbo, maar gaat niet; dagbesteding en Halt-uren sinds december 2025",
                "living_situation": "leefgroep van Wilgenhof Jeugdhulp (uit huis geplaatst in december 2025)",
            }
        ],
        "circle": [
            {
                "username": "daan.kok",
                "case_role": "gezinsvoogd",
                "assignment": "Voert de OTS uit, bereidt de uithuisplaatsing voor en geeft de ZSM-tafel de "
                "informatie die nodig is.",
            },
            {
                "username": "bas.vermeulen",
                "case_role": "politie (ZSM)",
                "assignment": "Bracht de aanhouding in aan de ZSM-tafel en stemt de afdoening af met Halt en het OM.",
            },
            {
                "username": "ruben.dijkstra",
                "case_role": "gedragswetenschapper",
                "assignment": "Adviseert over de uithuisplaatsing en over dagbesteding voor Jesse.",
            },
        ],
        "legal_frame": "ondertoezichtstelling (OTS) — ZSM-afdoening met Halt",
    },
    # Seed 002, §2 "Casus 3: kindermishandeling" (girl of 9 with an intellectual disability, abused by a
    # woman of 58 who is not her mother; custody formally with the mother in Gambia; provisional guardianship
    # the next day; worries shift to the father; signal to the human-trafficking team) and §3 "spelen met tijd".
    {
        "reference": "KR-NL-2025-0006",
        "jurisdiction": "NL",
        "title": "Gezin Touray",
        "summary": (
            "Een vrouw van 58 werd aangehouden voor mishandeling van Mariama (9), die zwakbegaafd is; de vrouw is "
            "niet haar biologische moeder. Het gezag ligt formeel bij de moeder in Gambia, en Mariama woont "
            "tijdelijk bij haar vader in een opvanghuis. Op verzoek van de Raad kreeg de gecertificeerde "
            "instelling de volgende dag de voorlopige voogdij. Veilig Thuis bevestigde dat vader haar mogelijk "
            "naar Gambia wil brengen; daarom gaan de zorgen nu ook over vader en ging er een signaal naar het "
            "team mensenhandel. Het gezag is bewust maar half ingevuld: alleen de voorlopige voogdij van de "
            "gecertificeerde instelling staat vast. Of de moeder in Gambia nog gezag heeft en of vader ooit gezag "
            "kreeg, is niet duidelijk; dat blijft open tot de rechter beslist. In de binnenste cirkel van Mariama "
            "staat nog niemand."
        ),
        "source": "seed 002, hoofdstuk 2, 'Casus 3: kindermishandeling'; hoofdstuk 3, 'spelen met tijd'",
        "opened_on": "2025-09-22",
        "status": "open",
        "owning": {"org": "wij-jb", "team": "Team Zuid"},
        "children": [
            {
                "first_name": "Mariama",
                "last_name": "Touray",
                "date_of_birth": "2016-01-08",
                "gender": "female",
                "school": "nog geen plek in het speciaal onderwijs (aangemeld)",
                "living_situation": "tijdelijk bij vader, in zijn kamer in een opvanghuis",
                "language": "Nederlands en Mandinka",
                "lvb": True,
            }
        ],
        "circle": [
            {
                "username": "daan.kok",
                "case_role": "voorlopig voogd",
                "assignment": "Oefent het gezag uit, zoekt een plek in het speciaal onderwijs en bewaakt de "
                "veiligheid van Mariama bij vader.",
            },
            {
                "username": "noor.hendriks",
                "case_role": "medewerker Veilig Thuis",
                "assignment": "Deelt de informatie over de plannen van vader die nodig is om Mariama te beschermen.",
            },
            {
                "username": "bas.vermeulen",
                "case_role": "politie (ZSM)",
                "assignment": "Ziet toe op het contactverbod voor de vrouw en gaf het signaal door aan het team "
                "mensenhandel.",
            },
            {
                "username": "willemijn.hoekstra",
                "case_role": "kinderrechter",
                "assignment": "Wees de voorlopige voogdij toe en beslist over het vervolg van het gezag.",
            },
        ],
        "legal_frame": "voorlopige voogdij",
    },
    # Seed 002, §3 "spelen met tijd" (girl of 16 who ran away from secure youth care; conflict with her
    # mother about her boyfriend of 17 from a family with years of severe domestic violence; extend the
    # secure-care authorisation, and: what happens in three months?). Practice model §7 (patterns).
    {
        "reference": "KR-NL-2026-0003",
        "jurisdiction": "NL",
        "title": "Gezin Smit",
        "summary": (
            "Roos (16) liep weg uit de gesloten jeugdhulp en werd door de politie aangehouden. Het grootste "
            "conflict met haar moeder gaat over haar vriend (17), die uit een gezin komt met jarenlang ernstig "
            "huiselijk geweld. Aan de ketentafel is afgesproken snel met moeder, gezinsvoogd en de gesloten "
            "jeugdhulp te praten over verlenging van de machtiging. Ook is gevraagd wat er gebeurt als Roos over "
            "drie maanden weer thuis is: hoe steunen we het stel, zodat de geschiedenis van hun ouders zich niet "
            "herhaalt? Het netwerk van Roos is klein: alleen haar moeder staat in de binnenste cirkel."
        ),
        "source": "seed 002, hoofdstuk 3, 'spelen met tijd' (meisje van 16, weggelopen uit de gesloten jeugdzorg)",
        "opened_on": "2026-05-18",
        "status": "open",
        "owning": {"org": "wij-jb", "team": "Team Noord"},
        "children": [
            {
                "first_name": "Roos",
                "last_name": "Smit",
                "date_of_birth": "2010-01-29",
                "gender": "female",
                "school": "onderwijs binnen de gesloten jeugdhulp (vmbo-basis)",
                "living_situation": "gesloten jeugdhulp; de terugkeer naar moeder wordt voorbereid",
            }
        ],
        "circle": [
            {
                "username": "anna.devries",
                "case_role": "gezinsvoogd",
                "assignment": "Voert de OTS uit en maakt met Roos, haar moeder en het netwerk een plan voor de "
                "tijd na de gesloten jeugdhulp.",
            },
            {
                "username": "willemijn.hoekstra",
                "case_role": "kinderrechter",
                "assignment": "Beslist over verlenging van de machtiging gesloten jeugdhulp.",
            },
            {
                "username": "bas.vermeulen",
                "case_role": "politie",
                "assignment": "Meldt nieuwe politiecontacten van Roos aan de gezinsvoogd en denkt mee aan de "
                "ketentafel.",
            },
        ],
        "legal_frame": "ondertoezichtstelling (OTS) met machtiging gesloten jeugdhulp",
    },
    # ======================================== Flanders ==================================================
    # Seed 004, §4 "De eerste casus binnen het innovatief project" (young person of 17, physical conflict
    # with mother, suspected suicidality, no contact with father; urgency procedure via the prosecutor;
    # four bottom lines; crisis bed 14 days; 38h56 direct contact, 6h29 a week; EXIT figures) and §8
    # (day table of the safety-planning module). Practice model §5 and §6.
    {
        "reference": "KR-BE-2025-0001",
        "jurisdiction": "BE",
        "title": "Gezin Verstraete",
        "summary": (
            "Na een fysiek conflict met zijn mama wilde Jens (17) niet naar huis; er was een vermoeden van "
            "suïcidaliteit, en met zijn papa had hij al anderhalf jaar geen contact. Het parket meldde de zaak "
            "aan via hoogdringendheid; de jeugdrechter sprak vier bodemeisen uit: op het einde een veilige plek, "
            "geen geweld, een vertrouwensfiguur voor Jens en een duidelijk en positief toekomstbeeld. Vanuit een "
            "crisisbed (14 dagen) volgde de module veiligheidsplanning met twee netwerkoverleggen; de "
            "gezinsmedewerker had ruim 38 uur rechtstreeks contact (6u29 per week). Een uithuisplaatsing werd "
            "vermeden; in de EXIT-vragenlijst gaven de ouders een 10 en Jens een 5."
        ),
        "source": "seed 004, §4 'De eerste casus binnen het innovatief project'; §8 stappenplan",
        "opened_on": "2025-01-14",
        "status": "closed",
        "owning": {"org": "osd-scheldeland", "team": "Team Gent"},
        "children": [
            {
                "first_name": "Jens",
                "last_name": "Verstraete",
                "date_of_birth": "2007-09-03",
                "gender": "male",
                "school": "6de jaar tso elektromechanica",
                "living_situation": "na veertien dagen in een crisisbed weer thuis bij mama",
            }
        ],
        "circle": [
            {
                "username": "pieter.vandenbroeck",
                "case_role": "consulent SDJ",
                "assignment": "Voert de opdracht van de jeugdrechter uit, bereidt de netwerkoverleggen voor en "
                "geeft de jeugdrechter advies op dag 41/42.",
            },
            {
                "username": "tom.claes",
                "case_role": "crisisbegeleider",
                "assignment": "Werkt de module veiligheidsplanning uit met Jens, zijn ouders en het netwerk en "
                "registreert de contacturen.",
            },
            {
                "username": "griet.vermeersch",
                "case_role": "jeugdrechter",
                "assignment": "Zette bij de voorleiding het kader en de bodemeisen uit en besliste op dag 42 over "
                "het vervolg.",
            },
            {
                "username": "lien.declercq",
                "case_role": "teamverantwoordelijke",
                "assignment": "Selecteerde de casus voor de module, met fiat van de jeugdrechter, en besprak ze in "
                "het reflecterend team.",
            },
        ],
        "legal_frame": "hoogdringendheid (60 dagen) — module veiligheidsplanning (6 weken)",
    },
    # Seed 004, §5 "De tweede casus binnen het innovatief project" (baby of 10 months and a child of 10 left
    # alone at night; mother in forced prostitution because of debts; crisis care, Crisishulp aan Huis; the
    # judge requires that the children are always supervised by an adult and a safety plan signed by at
    # least three adults of mother's network; words and pictures). Practice model §3 and §5.
    {
        "reference": "KR-BE-2026-0002",
        "jurisdiction": "BE",
        "title": "Gezin Lambrecht",
        "summary": (
            "Een buur belde 's nachts de politie voor een baby die bleef wenen: Louis (10 maanden) en Emma (10) "
            "waren alleen thuis, en niet voor het eerst. Mama vertelde dat zij zich uit nood prostitueert door "
            "schulden; met de twee vaders is geen contact. De jeugdrechter plaatste de kinderen in crisisopvang, "
            "zette Crisishulp aan Huis in en eiste dat de kinderen altijd onder toezicht staan van een volwassene, "
            "met een veiligheidsplan dat minstens drie volwassenen uit het netwerk van mama ondertekenen. Een "
            "woord- en beeldverhaal legt eerst Emma en later Louis uit wat er gebeurde en wat er nu komt."
        ),
        "source": "seed 004, §5 'De tweede casus binnen het innovatief project'",
        "opened_on": "2026-10-19",
        "status": "open",
        "owning": {"org": "osd-scheldeland", "team": "Team Dendermonde"},
        "children": [
            {
                "first_name": "Emma",
                "last_name": "Wuyts",
                "date_of_birth": "2016-05-06",
                "gender": "female",
                "school": "4de leerjaar, Vrije Basisschool Sint-Jozef",
                "living_situation": "crisisopvang van De Kajuit, samen met Louis",
            },
            {
                "first_name": "Louis",
                "last_name": "Lambrecht",
                "date_of_birth": "2025-12-15",
                "gender": "male",
                "school": "",
                "living_situation": "crisisopvang van De Kajuit, samen met Emma",
            },
        ],
        "circle": [
            {
                "username": "elke.wouters",
                "case_role": "consulent SDJ",
                "assignment": "Bewaakt de bodemeisen van de jeugdrechter en legt het ondertekende veiligheidsplan "
                "aan de jeugdrechter voor.",
            },
            {
                "username": "tom.claes",
                "case_role": "gezinsmedewerker Crisishulp aan Huis",
                "assignment": "Werkt met mama en haar netwerk aan het veiligheidsplan en maakt mee het woord- en "
                "beeldverhaal voor Emma en Louis.",
            },
            {
                "username": "griet.vermeersch",
                "case_role": "jeugdrechter",
                "assignment": "Besliste over de crisisopvang, legde de bodemeisen op en beslist na de module over "
                "de terugkeer naar huis.",
            },
            {
                "username": "hannes.maes",
                "case_role": "gedragswetenschapper",
                "assignment": "Denkt in het reflecterend team mee over de gevaarboodschap en de "
                "veiligheidsdoelen.",
            },
        ],
        "legal_frame": "hoogdringendheid (60 dagen) — crisisopvang en Crisishulp aan Huis",
    },
    # Seed 004, §1 and footnote 1 (Family Finding, K. Campbell: look for relatives the child does not know or
    # lost contact with; relatives willing to connect for life form a lifelong network). Practice model §2.
    {
        "reference": "KR-BE-2025-0002",
        "jurisdiction": "BE",
        "title": "Gezin Van Acker",
        "summary": (
            "Yana (11) woont in een pleeggezin sinds haar mama lang in het ziekenhuis moest blijven; met de "
            "familie van haar papa had zij al jaren geen contact. Met Family Finding zoekt de consulent samen met "
            "Yana naar familieleden die zij niet kent of uit het oog verloor. Een grootmoeder en een tante zijn "
            "gevonden en gecontacteerd, en de tante wil graag betrokken blijven. Het doel is een levenslang "
            "netwerk dat Yana ook na de jeugdhulp steunt."
        ),
        "source": "seed 004, §1 en voetnoot 1 (Family Finding)",
        "opened_on": "2025-11-03",
        "status": "open",
        "owning": {"org": "osd-scheldeland", "team": "Team Gent"},
        "children": [
            {
                "first_name": "Yana",
                "last_name": "Van Acker",
                "date_of_birth": "2014-08-21",
                "gender": "female",
                "school": "1ste middelbaar (A-stroom)",
                "living_situation": "pleeggezin Peeters, sinds mama in het ziekenhuis ligt",
            }
        ],
        "circle": [
            {
                "username": "pieter.vandenbroeck",
                "case_role": "consulent OCJ",
                "assignment": "Voert de Family Finding uit en houdt bij wie gevonden, gecontacteerd en bereid is.",
            },
            {
                "username": "hannes.maes",
                "case_role": "gedragswetenschapper",
                "assignment": "Begeleidt de consulent methodisch in Signs of Safety en Family Finding.",
            },
        ],
        "legal_frame": "maatschappelijk noodzakelijke jeugdhulp (MANO) — Family Finding",
    },
    # Seed 000, questions 2 and 3 for the Flemish context (youth offence, "Perspectief 3: ruimte in de
    # afgebakende reactie" - conditions can be adjusted on the reports of the court social service;
    # "maatwerk": the more serious, the tighter) and anchor 7 (repair towards the victim).
    {
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
    },
]

# Optional: how and when the closed dossiers ended (end reasons of practice model §2).
CLOSURES = {
    "KR-NL-2025-0002": {"closed_on": "2025-11-17", "end_reason": "early_positive_closure"},
    "KR-NL-2025-0001": {"closed_on": "2026-02-12", "end_reason": "turned_18"},
    "KR-BE-2025-0001": {"closed_on": "2025-03-14", "end_reason": "goals_reached"},
}

# ---------------------------------------------------------------------------------------------------------
# People around the children: parents, carers and the informal network (all invented)
# ---------------------------------------------------------------------------------------------------------


def _person(first_name, last_name, date_of_birth, gender):
    return {
        "first_name": first_name,
        "last_name": last_name,
        "date_of_birth": date_of_birth,
        "gender": gender,
    }


# Keyed by a handle that HISTORY uses. One handle is one Person, however many dossiers they appear in:
# Truus Mulder is the grandmother of Sem and Lina (KR-NL-2025-0005, her son's children) and of Tess and Bram
# (KR-NL-2026-0004, her daughter's children); boxing coach Mo Bouzid trains Dylan (KR-NL-2026-0001) and is
# part of Jesse's daytime activities (KR-NL-2025-0003).
PEOPLE = {
    # KR-NL-2025-0007 Verbeek
    "monique.verbeek": _person("Monique", "Verbeek", "1979-02-11", "female"),
    "erik.verbeek": _person("Erik", "Verbeek", "1976-09-30", "male"),
    "petra.dehaan": _person("Petra", "de Haan", "1982-05-17", "female"),
    "henk.verbeek": _person("Henk", "Verbeek", "1949-12-02", "male"),
    # KR-NL-2026-0001 Koster
    "sandra.koster": _person("Sandra", "Koster", "1984-03-08", "female"),
    "rob.koster": _person("Rob", "Koster", "1981-07-21", "male"),
    "mo.bouzid": _person("Mo", "Bouzid", "1990-10-04", "male"),
    "yvonne.peters": _person("Yvonne", "Peters", "1975-01-26", "female"),
    # KR-NL-2025-0002 Hermans
    "ilse.hermans": _person("Ilse", "Hermans", "1980-06-14", "female"),
    "jeroen.hermans": _person("Jeroen", "Hermans", "1978-11-29", "male"),
    "wim.deboer": _person("Wim", "de Boer", "1962-04-03", "male"),
    "jan.kuipers": _person("Jan", "Kuipers", "1951-08-19", "male"),
    # KR-NL-2025-0001 Verhoef
    "marcel.verhoef": _person("Marcel", "Verhoef", "1975-03-22", "male"),
    "anita.smeets": _person("Anita", "Smeets", "1977-10-09", "female"),
    "frank.verhoef": _person("Frank", "Verhoef", "1972-12-15", "male"),
    "gerrit.post": _person("Gerrit", "Post", "1954-06-01", "male"),
    # KR-NL-2026-0006 Kaya
    "selin.kaya": _person("Selin", "Kaya", "1986-04-12", "female"),
    "murat.kaya": _person("Murat", "Kaya", "1983-09-05", "male"),
    "emine.yildiz": _person("Emine", "Yıldız", "1960-02-20", "female"),
    "kerem.yildiz": _person("Kerem", "Yıldız", "1989-07-07", "male"),
    "bart.jansen": _person("Bart", "Jansen", "1985-11-23", "male"),
    # KR-NL-2026-0005 Visser
    "miranda.degroot": _person("Miranda", "de Groot", "1987-01-31", "female"),
    "dennis.visser": _person("Dennis", "Visser", "1985-05-19", "male"),
    "joke.degroot": _person("Joke", "de Groot", "1958-09-12", "female"),
    "sander.bos": _person("Sander", "Bos", "1984-02-27", "male"),
    # KR-NL-2025-0004 Dekker
    "ellen.wagenaar": _person("Ellen", "Wagenaar", "1971-03-03", "female"),
    "hans.wagenaar": _person("Hans", "Wagenaar", "1969-08-16", "male"),
    "patrick.vandenheuvel": _person("Patrick", "van den Heuvel", "1980-12-08", "male"),
    "mirjam.dekker": _person("Mirjam", "Dekker", "1983-04-25", "female"),
    "chantal.vandijk": _person("Chantal", "van Dijk", "1988-10-13", "female"),
    # KR-NL-2026-0002 Brouwer
    "jolanda.brouwer": _person("Jolanda", "Brouwer", "1980-07-02", "female"),
    "richard.brouwer": _person("Richard", "Brouwer", "1978-01-18", "male"),
    "karin.vos": _person("Karin", "Vos", "1968-05-29", "female"),
    "dirk.brouwer": _person("Dirk", "Brouwer", "1975-10-21", "male"),
    # KR-NL-2025-0005 Mulder and KR-NL-2026-0004 Bakker (Truus is the grandmother in both)
    "truus.mulder": _person("Truus", "Mulder", "1957-08-14", "female"),
    "mark.mulder": _person("Mark", "Mulder", "1988-03-30", "male"),
    "kim.hoekman": _person("Kim", "Hoekman", "1990-11-06", "female"),
    "anja.hoogland": _person("Anja", "Hoogland", "1966-02-09", "female"),
    "samira.elidrissi": _person("Samira", "El Idrissi", "1991-06-24", "female"),
    "linda.mulder": _person("Linda", "Mulder", "1985-12-19", "female"),
    "erwin.bakker": _person("Erwin", "Bakker", "1983-04-07", "male"),
    "dave.kramer": _person("Dave", "Kramer", "1987-09-15", "male"),
    # KR-NL-2025-0003 van Rijn
    "natasja.dewit": _person("Natasja", "de Wit", "1984-08-28", "female"),
    "ronald.vanrijn": _person("Ronald", "van Rijn", "1979-05-03", "male"),
    "ria.dewit": _person("Ria", "de Wit", "1956-01-14", "female"),
    "sven.dewit": _person("Sven", "de Wit", "1987-03-11", "male"),
    # KR-NL-2025-0006 Touray (the woman of 58 from seed 002 is not Mariama's mother)
    "lamin.touray": _person("Lamin", "Touray", "1972-10-02", "male"),
    "marian.hofman": _person("Marian", "Hofman", "1967-04-18", "female"),
    # KR-NL-2026-0003 Smit
    "mireille.smit": _person("Mireille", "Smit", "1983-12-01", "female"),
    "jayden.koning": _person("Jayden", "Koning", "2009-02-16", "male"),
    # KR-BE-2025-0001 Verstraete
    "katrien.dewilde": _person("Katrien", "De Wilde", "1978-06-06", "female"),
    "geert.verstraete": _person("Geert", "Verstraete", "1975-02-14", "male"),
    "bart.dewilde": _person("Bart", "De Wilde", "1981-09-09", "male"),
    "sofie.martens": _person("Sofie", "Martens", "1979-11-30", "female"),
    # KR-BE-2026-0002 Lambrecht
    "nathalie.lambrecht": _person("Nathalie", "Lambrecht", "1991-01-22", "female"),
    "glenn.wuyts": _person("Glenn", "Wuyts", "1988-07-12", "male"),
    "rita.lambrecht": _person("Rita", "Lambrecht", "1963-03-27", "female"),
    "jolien.lambrecht": _person("Jolien", "Lambrecht", "1994-10-05", "female"),
    "nicole.verhaeghe": _person("Nicole", "Verhaeghe", "1959-08-08", "female"),
    # KR-BE-2025-0002 Van Acker
    "sarah.vanacker": _person("Sarah", "Van Acker", "1986-05-15", "female"),
    "ann.peeters": _person("Ann", "Peeters", "1973-12-12", "female"),
    "luc.peeters": _person("Luc", "Peeters", "1971-04-28", "male"),
    "godelieve.mertens": _person("Godelieve", "Mertens", "1950-09-03", "female"),
    "evelien.mertens": _person("Evelien", "Mertens", "1982-01-09", "female"),
    # KR-BE-2026-0001 Goossens
    "veerle.vandamme": _person("Veerle", "Van Damme", "1978-10-17", "female"),
    "filip.goossens": _person("Filip", "Goossens", "1976-03-05", "male"),
    "jozef.goossens": _person("Jozef", "Goossens", "1948-06-21", "male"),
    "dries.vanhecke": _person("Dries", "Van Hecke", "1993-02-02", "male"),
}

# ---------------------------------------------------------------------------------------------------------
# History: the circle of people, authority, measures, lead, scaling and consent of each dossier
# ---------------------------------------------------------------------------------------------------------


def _seat(person, role, relation, *, inner=False, lives=False, phone="", since=None, until=None):
    """A participant: a PEOPLE handle with role (parent/carer/informal) and relation; `since` defaults to the
    day the dossier opened."""
    return {
        "person": person,
        "role": role,
        "relation": relation,
        "closeness": "inner" if inner else "wider",
        "lives_with_child": lives,
        "phone": phone,
        "since": since,
        "until": until,
    }


def _authority(children, holder, *, kind="parental", since=None, until=None):
    """Authority over each of `children` (first names). `holder` is a PEOPLE handle or, for an institution as
    guardian, ``{"organisation": key}``. `since` defaults to the child's date of birth."""
    return {"children": children, "holder": holder, "kind": kind, "since": since, "until": until}


def _measure(children, kind, start, planned_end, decided_by, *, extensions=(), end=None):
    """The same measure for each of `children`; `extensions` are (decided_on, new planned end, reason),
    `end` is (ended_on, end reason)."""
    return {
        "children": children,
        "kind": kind,
        "start": start,
        "planned_end": planned_end,
        "decided_by": decided_by,
        "extensions": [
            {"decided_on": decided_on, "new_planned_end": new_end, "reason": reason}
            for decided_on, new_end, reason in extensions
        ],
        "end": {"on": end[0], "reason": end[1]} if end else None,
    }


def _lead(organisation, model, since, note):
    return {"organisation": organisation, "model": model, "since": since, "note": note}


def _scale(up, on, note):
    return {"up": up, "on": on, "note": note}


def _consent(given_by, on, scope, *, step=None, shared_with=None, sections=(), withdrawn=None):
    """A consent by a PEOPLE handle (a parent with authority) or a child's first name (from 12); `withdrawn`
    is (withdrawn_on, note)."""
    return {
        "given_by": given_by,
        "on": on,
        "scope": scope,
        "step": step,
        "shared_with": shared_with,
        "sections": list(sections),
        "withdrawn": {"on": withdrawn[0], "note": withdrawn[1]} if withdrawn else None,
    }


NL_PHONE = "06-123456{:02d}"
BE_PHONE = "0470 12 34 {:02d}"
WIJKTEAM = "wijkteam-wijland"

HISTORY = {
    # Sasja: youth probation as a special condition, in tandem with MST; the probation period was extended.
    "KR-NL-2025-0007": {
        "participants": [
            _seat("monique.verbeek", "parent", "moeder", inner=True, lives=True, phone=NL_PHONE.format(1)),
            _seat("erik.verbeek", "parent", "vader", inner=True, lives=True),
            _seat("petra.dehaan", "informal", "tante (zus van moeder)", inner=True, phone=NL_PHONE.format(2)),
            _seat("henk.verbeek", "informal", "opa (vader van vader)"),
        ],
        "authority": [_authority(["Sasja"], "monique.verbeek"), _authority(["Sasja"], "erik.verbeek")],
        "measures": [
            _measure(
                ["Sasja"],
                "nl_youth_probation_conditional",
                "2025-10-06",
                "2026-10-06",
                "kinderrechter, Rechtbank Wijland, 6 oktober 2025 (bijzondere voorwaarde jeugdreclassering)",
                extensions=[
                    (
                        "2026-09-28",
                        "2027-04-06",
                        "De kinderrechter verlengt de proeftijd met zes maanden: de MST-behandeling loopt nog en de "
                        "rust thuis is er nog niet stabiel. Sasja pleegde geen nieuwe delicten.",
                    )
                ],
            )
        ],
        "consents": [
            _consent(
                "monique.verbeek",
                "2025-10-13",
                "MST en de jeugdreclassering mogen met elkaar en met school overleggen over hoe het met Sasja gaat.",
            ),
            _consent(
                "Sasja",
                "2025-10-20",
                "Sasja vindt het goed dat haar MST-therapeut de samenvatting en de veiligheidsafspraken leest, "
                "zodat zij haar verhaal niet twee keer hoeft te vertellen.",
                shared_with="wilgenhof",
                sections=["safety_plan", "summary"],
            ),
        ],
    },
    # Dylan (LVB): youth probation with Signs of Success; boxing and a side job in his IK-plan.
    "KR-NL-2026-0001": {
        "participants": [
            _seat("sandra.koster", "parent", "moeder", inner=True, lives=True, phone=NL_PHONE.format(3)),
            _seat("rob.koster", "parent", "vader", inner=True, lives=True),
            _seat("mo.bouzid", "informal", "bokstrainer", inner=True, phone=NL_PHONE.format(4)),
            _seat("yvonne.peters", "informal", "mentor op school (vult de Leefgebiedenmatrix in)"),
        ],
        "authority": [_authority(["Dylan"], "sandra.koster"), _authority(["Dylan"], "rob.koster")],
        "measures": [
            _measure(
                ["Dylan"],
                "nl_youth_probation",
                "2026-02-09",
                "2027-02-09",
                "kinderrechter, Rechtbank Wijland, 2 februari 2026",
            )
        ],
        "consents": [
            _consent(
                "sandra.koster",
                "2026-02-16",
                "School mag de jeugdreclasseerder informeren over de aanwezigheid van Dylan en vult de "
                "Leefgebiedenmatrix mee in.",
            ),
            _consent(
                "Dylan",
                "2026-02-23",
                "Dylan vindt het goed dat zijn bokstrainer met de jeugdreclasseerder praat over hoe het gaat.",
            ),
        ],
    },
    # Thijs: youth probation closed early and positively after eight months; the local team stays on.
    "KR-NL-2025-0002": {
        "participants": [
            _seat("ilse.hermans", "parent", "moeder", inner=True, lives=True, phone=NL_PHONE.format(5)),
            _seat("jeroen.hermans", "parent", "vader (om het weekend)"),
            _seat("wim.deboer", "informal", "fietsenmaker, werkgever van Thijs", inner=True),
            _seat("jan.kuipers", "informal", "opa (vader van moeder)", inner=True),
        ],
        "authority": [
            _authority(["Thijs"], "ilse.hermans", until="2026-11-02"),
            _authority(["Thijs"], "jeroen.hermans", until="2026-11-02"),
        ],
        "measures": [
            _measure(
                ["Thijs"],
                "nl_youth_probation",
                "2025-03-17",
                "2026-03-17",
                "kinderrechter, Rechtbank Wijland, 10 maart 2025",
                end=("2025-11-17", "early_positive_closure"),
            )
        ],
        "leads": [
            _lead(
                WIJKTEAM,
                "partner",
                "2025-11-17",
                "Na het positief afsluiten blijft het wijkteam het aanspreekpunt voor Thijs en zijn moeder.",
            )
        ],
        "scaling": [
            _scale(
                False,
                "2025-11-17",
                "Jeugdreclassering na acht maanden vervroegd en positief afgesloten; het succes is teruggemeld aan "
                "de Raad. Het wijkteam blijft bereikbaar.",
            )
        ],
        "consents": [
            _consent(
                "ilse.hermans",
                "2025-11-10",
                "De jeugdreclasseerder mag het afsluitverslag en de samenvatting delen met het wijkteam.",
                shared_with=WIJKTEAM,
                sections=["summary"],
            )
        ],
    },
    # Stijn: youth probation extended to his 18th birthday, then ended; the help line goes on at the local team.
    "KR-NL-2025-0001": {
        # "Dit zijn wij!" as Stijn and his father told it (seed 000, Perspectief 2), help line beside legal line
        "timeline": [
            ("good", 2008, "Stijn wordt geboren"),
            ("worries", 2012, "Papa en mama gaan uit elkaar"),
            ("help", 2012, "Logopedie en speltherapie"),
            ("people", 2018, "Stijn gaat bij papa wonen"),
            ("help", 2019, "Praktijkonderwijs, met een vaste mentor"),
            ("worries", 2022, "Diefstal"),
            ("legal", 2022, "Politie en Halt na de diefstal"),
            ("worries", 2023, "Diefstal met geweld"),
            ("legal", 2023, "Jeugdreclassering opgelegd door de kinderrechter"),
            ("good", 2025, "Diploma praktijkonderwijs"),
            ("people", 2025, "Contact met mama hersteld"),
            ("legal", 2026, "18 jaar: de juridische lijn stopt"),
            ("help", 2026, "Het wijkteam blijft, op Stijns eigen vraag"),
        ],
        "participants": [
            _seat("marcel.verhoef", "parent", "vader", inner=True, lives=True, phone=NL_PHONE.format(6)),
            _seat("anita.smeets", "parent", "moeder (contact hersteld in 2025)", inner=True),
            _seat("frank.verhoef", "informal", "oom (broer van vader)", inner=True),
            _seat("gerrit.post", "informal", "buurman, bij wie Stijn in de tuin hielp"),
        ],
        "authority": [
            _authority(["Stijn"], "marcel.verhoef", until="2026-02-11"),
            _authority(["Stijn"], "anita.smeets", until="2026-02-11"),
        ],
        "measures": [
            _measure(
                ["Stijn"],
                "nl_youth_probation",
                "2025-01-20",
                "2026-01-20",
                "kinderrechter, Rechtbank Wijland, 13 januari 2025",
                extensions=[
                    (
                        "2026-01-14",
                        "2026-02-12",
                        "Verlengd tot de 18e verjaardag van Stijn, zodat de overdracht aan het wijkteam zonder "
                        "breuk kan gebeuren.",
                    )
                ],
                end=("2026-02-12", "turned_18"),
            )
        ],
        "leads": [
            _lead(
                WIJKTEAM,
                "partner",
                "2026-02-12",
                "De juridische lijn stopt op zijn 18e; de hulpverleningslijn loopt door via het wijkteam.",
            )
        ],
        "scaling": [
            _scale(
                False,
                "2026-02-12",
                "Jeugdreclassering beëindigd: Stijn is 18. Het wijkteam neemt de hulp over.",
            )
        ],
        "consents": [
            _consent(
                "Stijn",
                "2026-01-14",
                "Stijn vindt het goed dat zijn vier tijdlijnen ('Dit zijn wij!') en de samenvatting naar het "
                "wijkteam gaan.",
                shared_with=WIJKTEAM,
                sections=["summary", "timeline"],
            )
        ],
    },
    # SAVE guidance in the voluntary frame, partner model: graded consent steps 1-3 given, 4-5 not yet.
    "KR-NL-2026-0006": {
        "participants": [
            _seat("selin.kaya", "parent", "moeder", inner=True, lives=True, phone=NL_PHONE.format(7)),
            _seat("murat.kaya", "parent", "vader", inner=True, lives=True, phone=NL_PHONE.format(8)),
            _seat(
                "emine.yildiz",
                "informal",
                "oma (moeder van moeder), informant",
                inner=True,
                phone=NL_PHONE.format(9),
            ),
            _seat("kerem.yildiz", "informal", "oom (broer van moeder)"),
            _seat("bart.jansen", "informal", "mentor van Elif op school, informant"),
        ],
        "authority": [
            _authority(["Elif", "Baran"], "selin.kaya"),
            _authority(["Elif", "Baran"], "murat.kaya"),
        ],
        "measures": [
            _measure(
                ["Elif", "Baran"],
                "nl_save",
                "2026-09-14",
                "2027-01-14",
                "aanvraag Wijkteam Oost, met instemming van de ouders (vrijwillig kader)",
            )
        ],
        "leads": [
            _lead(
                WIJKTEAM,
                "partner",
                "2026-09-14",
                "Het wijkteam houdt de regie; de SAVE-medewerker voegt drie tot vier maanden in en weer uit.",
            )
        ],
        "scaling": [
            _scale(
                True,
                "2026-09-14",
                "Opgeschaald binnen het vrijwillig kader: SAVE-begeleiding naast het wijkteam, omdat de hulp "
                "vastloopt (schoolverzuim van Elif, harde ruzies thuis).",
            )
        ],
        "consents": [
            _consent("selin.kaya", "2026-09-14", "Kennismaken en contact met de SAVE-medewerker.", step=1),
            _consent("murat.kaya", "2026-09-14", "Kennismaken en contact met de SAVE-medewerker.", step=1),
            _consent(
                "selin.kaya",
                "2026-09-24",
                "Een gezamenlijk gesprek over veiligheid; de mentor van Elif en oma mogen vertellen wat zij zien.",
                step=2,
            ),
            _consent(
                "murat.kaya",
                "2026-09-24",
                "Een gezamenlijk gesprek over veiligheid; de mentor van Elif en oma mogen vertellen wat zij zien.",
                step=2,
            ),
            _consent(
                "murat.kaya",
                "2026-09-24",
                "School mag de SAVE-medewerker en het wijkteam informeren over de aanwezigheid van Elif.",
            ),
            _consent(
                "selin.kaya",
                "2026-10-22",
                "In het rondetafelgesprek: werken aan de voorwaarden (geen geweld waar de kinderen bij zijn, Elif "
                "gaat elke dag naar school). Het wijkteam mag de samenvatting en het veiligheidsplan inzien.",
                step=3,
                shared_with=WIJKTEAM,
                sections=["safety_plan", "summary"],
            ),
            _consent(
                "murat.kaya",
                "2026-10-22",
                "In het rondetafelgesprek: werken aan de voorwaarden (geen geweld waar de kinderen bij zijn, Elif "
                "gaat elke dag naar school).",
                step=3,
            ),
            _consent(
                "Elif",
                "2026-10-22",
                "Elif vindt het goed dat haar mentor meedenkt in het rondetafelgesprek.",
            ),
        ],
    },
    # Complex divorce, light module (13 weeks); father withdrew one consent.
    "KR-NL-2026-0005": {
        "participants": [
            _seat("miranda.degroot", "parent", "moeder", inner=True, lives=True, phone=NL_PHONE.format(10)),
            _seat("dennis.visser", "parent", "vader", inner=True, lives=True, phone=NL_PHONE.format(11)),
            _seat("joke.degroot", "informal", "oma (moeder van moeder)", inner=True),
            _seat("sander.bos", "informal", "nieuwe partner van moeder", lives=True),
        ],
        "authority": [
            _authority(["Noah", "Fenna"], "miranda.degroot"),
            _authority(["Noah", "Fenna"], "dennis.visser"),
        ],
        "measures": [
            _measure(
                ["Noah", "Fenna"],
                "nl_voluntary",
                "2026-09-07",
                "2026-12-07",
                "aanmelding door beide ouders via het wijkteam (lichte module complexe scheiding, 13 weken)",
            )
        ],
        "leads": [
            _lead(
                WIJKTEAM,
                "partner",
                "2026-09-07",
                "Partnermodel: het wijkteam houdt de regie; de jeugdbeschermer werkt 13 weken met de ouders.",
            )
        ],
        "consents": [
            _consent(
                "miranda.degroot",
                "2026-09-07",
                "Het wijkteam mag de samenvatting van de gesprekken met de ouders lezen.",
                shared_with=WIJKTEAM,
                sections=["summary"],
            ),
            _consent(
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
    },
    # Guardianship of the certified institution; a citizen guardian is being explored.
    "KR-NL-2025-0004": {
        "participants": [
            _seat(
                "ellen.wagenaar",
                "carer",
                "gezinshuisouder",
                inner=True,
                lives=True,
                phone=NL_PHONE.format(12),
            ),
            _seat("hans.wagenaar", "carer", "gezinshuisouder", inner=True, lives=True),
            _seat(
                "patrick.vandenheuvel",
                "informal",
                "oud-voetbaltrainer, kandidaat-burgervoogd",
                inner=True,
                phone=NL_PHONE.format(13),
            ),
            _seat("mirjam.dekker", "informal", "tante (zus van vader), kandidaat-burgervoogd", inner=True),
            _seat("chantal.vandijk", "parent", "moeder (zonder gezag)"),
        ],
        "authority": [
            _authority(["Jasmijn"], "chantal.vandijk", until="2022-03-14"),
            _authority(["Jasmijn"], {"organisation": "wij-jb"}, kind="guardian", since="2022-03-15"),
        ],
        "measures": [
            _measure(
                ["Jasmijn"],
                "nl_guardianship",
                "2022-03-15",
                "2027-12-05",
                "kinderrechter, Rechtbank Wijland, 15 maart 2022 (beëindiging gezag, voogdij aan de GI)",
            )
        ],
        "consents": [
            _consent(
                "Jasmijn",
                "2025-06-02",
                "Jasmijn vindt het goed dat haar voogd met haar oud-voetbaltrainer en haar tante praat over "
                "burgervoogdij.",
            )
        ],
    },
    # Supervision order; Mila chose her neighbour Karin as JIM, with her parents' consent.
    "KR-NL-2026-0002": {
        "participants": [
            _seat("jolanda.brouwer", "parent", "moeder", inner=True, lives=True, phone=NL_PHONE.format(14)),
            _seat("richard.brouwer", "parent", "vader", inner=True, lives=True),
            _seat("karin.vos", "informal", "buurvrouw, JIM van Mila", inner=True, phone=NL_PHONE.format(15)),
            _seat("dirk.brouwer", "informal", "oom (broer van vader)"),
        ],
        "authority": [_authority(["Mila"], "jolanda.brouwer"), _authority(["Mila"], "richard.brouwer")],
        "measures": [
            _measure(
                ["Mila"],
                "nl_ots",
                "2026-04-20",
                "2027-04-20",
                "kinderrechter, Rechtbank Wijland, 14 april 2026",
            )
        ],
        "consents": [
            _consent(
                "jolanda.brouwer",
                "2026-05-04",
                "Mila mag buurvrouw Karin kiezen als haar JIM; Karin mag met de gezinsvoogd overleggen over het plan.",
            ),
            _consent(
                "richard.brouwer",
                "2026-05-04",
                "Mila mag buurvrouw Karin kiezen als haar JIM; Karin mag met de gezinsvoogd overleggen over het plan.",
            ),
            _consent(
                "Mila", "2026-05-04", "Mila wil dat Karin aanschuift bij de gesprekken met de gezinsvoogd."
            ),
        ],
        # JIM (seed 003): Mila (13) chooses neighbour Karin; her mother, who has authority, consents
        "jims": [
            {"young_person": "Mila", "jim": "karin.vos", "on": "2026-05-04", "consent_by": "jolanda.brouwer"}
        ],
    },
    # Supervision order not extended: scaled down, the local team has the lead again (partner model, after-care).
    "KR-NL-2025-0005": {
        "participants": [
            _seat("mark.mulder", "parent", "vader", inner=True, lives=True, phone=NL_PHONE.format(16)),
            _seat("kim.hoekman", "parent", "moeder", inner=True, lives=True, phone=NL_PHONE.format(17)),
            _seat(
                "truus.mulder", "informal", "oma (moeder van vader)", inner=True, phone=NL_PHONE.format(18)
            ),
            _seat("anja.hoogland", "informal", "buurvrouw, staat in het veiligheidsplan", inner=True),
            _seat("samira.elidrissi", "informal", "vriendin van moeder"),
        ],
        "authority": [
            _authority(["Sem", "Lina"], "mark.mulder"),
            _authority(["Sem", "Lina"], "kim.hoekman"),
        ],
        "measures": [
            _measure(
                ["Sem", "Lina"],
                "nl_ots",
                "2025-06-02",
                "2026-06-02",
                "kinderrechter, Rechtbank Wijland, 2 juni 2025",
                end=("2026-06-02", "scaled_down"),
            ),
            _measure(
                ["Sem", "Lina"],
                "nl_voluntary",
                "2026-06-02",
                "2026-12-02",
                "afspraak met de ouders en het wijkteam: nazorg op verzoek",
            ),
        ],
        "leads": [
            _lead("wij-jb", "transfer", "2025-06-02", "Tijdens de OTS heeft de gezinsvoogd de regie."),
            _lead(
                WIJKTEAM,
                "partner",
                "2026-06-02",
                "OTS niet verlengd: het wijkteam heeft weer de regie; de jeugdbeschermer is op verzoek beschikbaar "
                "voor nazorg.",
            ),
        ],
        "scaling": [
            _scale(
                True,
                "2025-06-02",
                "Opgeschaald na meldingen van huiselijk geweld: de kinderrechter spreekt een OTS uit voor een jaar.",
            ),
            _scale(
                False,
                "2026-06-02",
                "Afgeschaald: het veiligheidsplan werkt en iedereen geeft een 8; de OTS wordt niet verlengd.",
            ),
        ],
        "consents": [
            _consent(
                "kim.hoekman",
                "2026-05-26",
                "Het wijkteam mag na de OTS het veiligheidsplan en de samenvatting blijven inzien.",
                shared_with=WIJKTEAM,
                sections=["safety_plan", "summary"],
            ),
            _consent(
                "mark.mulder",
                "2026-05-26",
                "Het wijkteam mag na de OTS het veiligheidsplan en de samenvatting blijven inzien.",
                shared_with=WIJKTEAM,
                sections=["safety_plan", "summary"],
            ),
        ],
    },
    # Transfer model: the certified institution took over the lead from the local team; scaled up.
    "KR-NL-2026-0004": {
        "participants": [
            _seat("linda.mulder", "parent", "moeder", inner=True, lives=True, phone=NL_PHONE.format(19)),
            _seat("erwin.bakker", "parent", "vader (om het weekend)", inner=True),
            _seat(
                "truus.mulder", "informal", "oma (moeder van moeder)", inner=True, phone=NL_PHONE.format(18)
            ),
            _seat("dave.kramer", "carer", "partner van moeder (zorgen over geweld)", lives=True),
        ],
        "authority": [
            _authority(["Tess", "Bram"], "linda.mulder"),
            _authority(["Tess", "Bram"], "erwin.bakker"),
        ],
        "measures": [
            _measure(
                ["Tess", "Bram"],
                "nl_voluntary",
                "2026-07-06",
                "2027-01-06",
                "op verzoek van het wijkteam, met instemming van moeder (specialistisch casemanagement)",
            )
        ],
        "leads": [
            _lead(WIJKTEAM, "partner", "2026-07-06", "Het wijkteam begeleidt het gezin; de GI denkt mee."),
            _lead(
                "wij-jb",
                "transfer",
                "2026-07-20",
                "Overdrachtsmodel: op verzoek van het wijkteam neemt de jeugdbeschermer de regie over. Moeder koos "
                "haar jeugdbeschermer na Matching.",
            ),
        ],
        "scaling": [
            _scale(
                True,
                "2026-07-20",
                "Opgeschaald: opnieuw meldingen bij Veilig Thuis over geweld door de partner van moeder; de GI neemt "
                "de regie over in het vrijwillig kader.",
            )
        ],
        "consents": [
            _consent(
                "linda.mulder",
                "2026-07-20",
                "Het wijkteam mag de samenvatting en het veiligheidsplan blijven lezen, voor de afstemmingsgesprekken.",
                shared_with=WIJKTEAM,
                sections=["safety_plan", "summary"],
            ),
            _consent(
                "Tess",
                "2026-08-31",
                "Tess vindt het goed dat haar mentor op school de jeugdbeschermer belt als zij zich zorgen maakt "
                "over thuis.",
            ),
        ],
    },
    # Supervision order, extended; the arrest at ZSM intensified the approach (Halt, corrective talk).
    "KR-NL-2025-0003": {
        "participants": [
            _seat("natasja.dewit", "parent", "moeder", inner=True, phone=NL_PHONE.format(20)),
            _seat("ronald.vanrijn", "parent", "vader"),
            _seat("ria.dewit", "informal", "oma (moeder van moeder)", inner=True),
            _seat("sven.dewit", "informal", "oom (broer van moeder)", inner=True, phone=NL_PHONE.format(21)),
            _seat("mo.bouzid", "informal", "bokstrainer bij de dagbesteding", since="2025-12-01"),
        ],
        "authority": [_authority(["Jesse"], "natasja.dewit"), _authority(["Jesse"], "ronald.vanrijn")],
        "measures": [
            _measure(
                ["Jesse"],
                "nl_ots",
                "2025-04-14",
                "2026-04-14",
                "kinderrechter, Rechtbank Wijland, 8 april 2025",
                extensions=[
                    (
                        "2026-03-30",
                        "2027-04-14",
                        "Verlengd met een jaar: Jesse woont sinds december 2025 in een leefgroep en terug naar huis "
                        "is nog niet veilig.",
                    )
                ],
            )
        ],
        "scaling": [
            _scale(
                True,
                "2025-11-18",
                "ZSM: aanhouding voor diefstal. Halt start meteen met het maximale aantal uren, het OM voert de "
                "volgende dag een corrigerend gesprek; de uithuisplaatsing wordt voorbereid.",
            )
        ],
        "consents": [
            _consent(
                "natasja.dewit",
                "2025-11-19",
                "School, Halt en de dagbesteding mogen de gezinsvoogd informeren over de aanwezigheid van Jesse.",
            )
        ],
    },
    # Provisional guardianship. Authority deliberately partial (see the summary); the inner circle is empty.
    "KR-NL-2025-0006": {
        "participants": [
            _seat(
                "lamin.touray",
                "parent",
                "vader (gezag niet vastgesteld)",
                lives=True,
                phone=NL_PHONE.format(22),
            ),
            _seat(
                "marian.hofman",
                "carer",
                "ex-vrouw van vader, voorheen verzorger (contactverbod)",
                since="2025-09-22",
                until="2025-09-22",
            ),
        ],
        "authority": [
            _authority(["Mariama"], {"organisation": "wij-jb"}, kind="guardian", since="2025-09-23"),
        ],
        "measures": [
            _measure(
                ["Mariama"],
                "nl_guardianship",
                "2025-09-23",
                "2026-03-23",
                "kinderrechter, Rechtbank Wijland, 23 september 2025 (voorlopige voogdij, verzoek van de Raad)",
                extensions=[
                    (
                        "2026-03-16",
                        "2027-03-23",
                        "De Raad kon de moeder in Gambia nog niet bereiken en het gezag is niet uitgezocht; de "
                        "voorlopige voogdij loopt door tot de rechter over het gezag beslist.",
                    )
                ],
            )
        ],
    },
    # Supervision order with secure care, extended after the chain table; a thin network (one in the inner circle).
    "KR-NL-2026-0003": {
        "participants": [
            _seat("mireille.smit", "parent", "moeder", inner=True, phone=NL_PHONE.format(23)),
            _seat("jayden.koning", "informal", "vriend van Roos (17)"),
        ],
        "authority": [_authority(["Roos"], "mireille.smit")],
        "measures": [
            _measure(
                ["Roos"],
                "nl_ots",
                "2025-05-26",
                "2026-05-26",
                "kinderrechter, Rechtbank Wijland, 26 mei 2025 (met machtiging gesloten jeugdhulp)",
                extensions=[
                    (
                        "2026-05-22",
                        "2027-05-26",
                        "OTS verlengd met een jaar en de machtiging gesloten jeugdhulp met drie maanden, na overleg "
                        "aan de ketentafel met moeder, gezinsvoogd en de gesloten jeugdhulp. Daarna een plan voor "
                        "thuis, met steun voor Roos en haar vriend.",
                    )
                ],
            )
        ],
        "consents": [
            _consent(
                "Roos",
                "2026-05-22",
                "Roos vindt het goed dat de gezinsvoogd met haar vriend praat over een plan voor na de gesloten "
                "jeugdhulp.",
            )
        ],
    },
    # Urgency procedure, then court-ordered care until the closure on day 59 (goals reached).
    "KR-BE-2025-0001": {
        "participants": [
            _seat("katrien.dewilde", "parent", "mama", inner=True, lives=True, phone=BE_PHONE.format(1)),
            _seat("geert.verstraete", "parent", "papa (al anderhalf jaar geen contact)"),
            _seat(
                "bart.dewilde",
                "informal",
                "nonkel (broer van mama), vertrouwensfiguur van Jens",
                inner=True,
                phone=BE_PHONE.format(2),
            ),
            _seat("sofie.martens", "informal", "meter van Jens", inner=True),
        ],
        "authority": [
            _authority(["Jens"], "katrien.dewilde", until="2025-09-02"),
            _authority(["Jens"], "geert.verstraete", until="2025-09-02"),
        ],
        "measures": [
            _measure(
                ["Jens"],
                "be_urgency",
                "2025-01-14",
                "2025-03-15",
                "jeugdrechter, Jeugdrechtbank Scheldeland, 16 januari 2025 (hoogdringendheid, vordering parket)",
                end=("2025-02-24", "court_ended"),
            ),
            _measure(
                ["Jens"],
                "be_court_ordered",
                "2025-02-24",
                "2025-03-14",
                "jeugdrechter, Jeugdrechtbank Scheldeland, 24 februari 2025 (dag 42: korte opvolging en overdracht)",
                end=("2025-03-14", "goals_reached"),
            ),
        ],
        "scaling": [
            _scale(
                True,
                "2025-01-14",
                "Opgeschaald: een gesprek in de vrijwilligheid lukte niet; het parket meldt de zaak aan via "
                "hoogdringendheid.",
            ),
            _scale(
                False,
                "2025-02-24",
                "Afgeschaald op dag 42: Jens is terug thuis, er is geen geweld en nonkel Bart is zijn "
                "vertrouwensfiguur; korte opvolging tot de afsluiting.",
            ),
        ],
        "consents": [
            _consent(
                "katrien.dewilde",
                "2025-01-17",
                "De Kajuit mag de samenvatting en het veiligheidsplan lezen voor de module veiligheidsplanning.",
                shared_with="kajuit",
                sections=["safety_plan", "summary"],
            ),
            _consent(
                "Jens",
                "2025-01-20",
                "Jens vindt het goed dat nonkel Bart het veiligheidsplan krijgt en meekomt naar het netwerkoverleg.",
            ),
        ],
    },
    # Urgency procedure (60 days, until 18 December 2026); three adults of mama's network sign the safety plan.
    "KR-BE-2026-0002": {
        "participants": [
            _seat("nathalie.lambrecht", "parent", "mama", inner=True, phone=BE_PHONE.format(3)),
            _seat("glenn.wuyts", "parent", "papa van Emma (geen contact)"),
            _seat(
                "rita.lambrecht",
                "informal",
                "grootmoeder (mama van mama), tekent het veiligheidsplan",
                inner=True,
                phone=BE_PHONE.format(4),
            ),
            _seat(
                "jolien.lambrecht",
                "informal",
                "tante (zus van mama), tekent het veiligheidsplan",
                inner=True,
                phone=BE_PHONE.format(5),
            ),
            _seat("nicole.verhaeghe", "informal", "buurvrouw, tekent het veiligheidsplan", inner=True),
        ],
        "authority": [
            _authority(["Emma", "Louis"], "nathalie.lambrecht"),
            _authority(["Emma"], "glenn.wuyts"),
        ],
        "measures": [
            _measure(
                ["Emma", "Louis"],
                "be_urgency",
                "2026-10-19",
                "2026-12-18",
                "jeugdrechter, Jeugdrechtbank Scheldeland, 19 oktober 2026 (hoogdringendheid: crisisopvang en "
                "Crisishulp aan Huis)",
            )
        ],
        "scaling": [
            _scale(
                True,
                "2026-10-19",
                "Opgeschaald: de kinderen waren 's nachts alleen thuis; de jeugdrechter plaatst hen in crisisopvang "
                "en zet Crisishulp aan Huis in.",
            )
        ],
        "consents": [
            _consent(
                "nathalie.lambrecht",
                "2026-10-22",
                "De Kajuit mag het netwerk en het veiligheidsplan inzien om het plan op te maken met grootmoeder, "
                "tante en buurvrouw.",
                shared_with="kajuit",
                sections=["network", "safety_plan"],
            ),
            _consent(
                "nathalie.lambrecht",
                "2026-10-26",
                "School mag de consulent informeren over de aanwezigheid van Emma en hoe het met haar gaat.",
            ),
        ],
    },
    # MANO with Family Finding: a grandmother and an aunt on papa's side were found.
    "KR-BE-2025-0002": {
        "participants": [
            _seat("sarah.vanacker", "parent", "mama (lang in het ziekenhuis)", inner=True),
            _seat("ann.peeters", "carer", "pleegmoeder", inner=True, lives=True, phone=BE_PHONE.format(6)),
            _seat("luc.peeters", "carer", "pleegvader", inner=True, lives=True),
            _seat(
                "godelieve.mertens",
                "informal",
                "grootmoeder langs papa's kant (gevonden met Family Finding)",
                since="2026-02-16",
            ),
            _seat(
                "evelien.mertens",
                "informal",
                "tante langs papa's kant, wil betrokken blijven (Family Finding)",
                phone=BE_PHONE.format(7),
                since="2026-03-09",
            ),
        ],
        "authority": [_authority(["Yana"], "sarah.vanacker")],
        "measures": [
            _measure(
                ["Yana"],
                "be_mano",
                "2025-11-03",
                "2026-11-03",
                "OCJ Scheldeland, met akkoord van mama (maatschappelijk noodzakelijke jeugdhulp)",
                extensions=[
                    (
                        "2026-10-19",
                        "2027-11-03",
                        "Verlengd met een jaar: de Family Finding loopt nog; Yana en haar tante bouwen contact op en "
                        "mama blijft voorlopig in het ziekenhuis.",
                    )
                ],
            )
        ],
        "consents": [
            _consent(
                "sarah.vanacker",
                "2025-11-10",
                "De consulent mag familie langs papa's kant opzoeken en contacteren (Family Finding).",
            ),
            _consent(
                "Yana",
                "2026-09-07",
                "Yana wil dat haar tante Evelien uitgenodigd wordt op het volgende netwerkoverleg.",
            ),
        ],
    },
    # Youth offence (MOF): conditions of the youth judge, adjusted and extended on the consultant's report.
    "KR-BE-2026-0001": {
        "participants": [
            _seat("veerle.vandamme", "parent", "mama", inner=True, lives=True, phone=BE_PHONE.format(8)),
            _seat("filip.goossens", "parent", "papa", inner=True, lives=True),
            _seat("jozef.goossens", "informal", "bompa (vader van papa)", inner=True),
            _seat("dries.vanhecke", "informal", "jeugdtrainer bij de voetbalclub (positief project)"),
        ],
        "authority": [_authority(["Robbe"], "veerle.vandamme"), _authority(["Robbe"], "filip.goossens")],
        "measures": [
            _measure(
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
            _consent(
                "veerle.vandamme",
                "2026-03-16",
                "School mag de consulent informeren over de aanwezigheid van Robbe.",
            ),
            _consent(
                "Robbe",
                "2026-03-16",
                "Robbe vindt het goed dat de consulent zijn voetbaltrainer belt over het positief project.",
            ),
        ],
    },
}
