"""Demo data for kring: organisations, professionals and dossiers in the Netherlands and Flanders.

Pure Python data, no Django imports, so that a management command (or a test) can load it in one go.

Every dossier retells a story from the source documents in ``shared/seeds`` (see ``source`` and the
comment above each dossier). All people are invented: names of professionals, children and parents do
not come from the sources. Sasja keeps her first name, because she is the worked example of the
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
        "children": [{"first_name": "Sasja", "last_name": "Verbeek", "date_of_birth": "2011-04-19"}],
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
        "children": [{"first_name": "Dylan", "last_name": "Koster", "date_of_birth": "2009-07-22"}],
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
        "children": [{"first_name": "Thijs", "last_name": "Hermans", "date_of_birth": "2008-11-03"}],
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
        "children": [{"first_name": "Stijn", "last_name": "Verhoef", "date_of_birth": "2008-02-12"}],
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
            "De ouders gaven toestemming voor contact (stap 1) en voor een gezamenlijk gesprek over veiligheid "
            "met school en oma als informanten (stap 2); toestemming om aan voorwaarden te werken (stap 3) wordt "
            "nu gevraagd in een rondetafelgesprek."
        ),
        "source": "seed 001, 'Preventief Veilig Samen Verder' (handleiding SAVE-begeleiding, getrapte instemming)",
        "opened_on": "2026-09-14",
        "status": "open",
        "owning": {"org": "wij-jb", "team": "Team Noord"},
        "children": [
            {"first_name": "Elif", "last_name": "Kaya", "date_of_birth": "2014-06-02"},
            {"first_name": "Baran", "last_name": "Kaya", "date_of_birth": "2018-01-25"},
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
            {"first_name": "Noah", "last_name": "Visser", "date_of_birth": "2016-03-11"},
            {"first_name": "Fenna", "last_name": "Visser", "date_of_birth": "2019-05-30"},
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
        "children": [{"first_name": "Jasmijn", "last_name": "Dekker", "date_of_birth": "2009-12-05"}],
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
        "children": [{"first_name": "Mila", "last_name": "Brouwer", "date_of_birth": "2010-12-14"}],
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
            {"first_name": "Sem", "last_name": "Mulder", "date_of_birth": "2019-02-17"},
            {"first_name": "Lina", "last_name": "Mulder", "date_of_birth": "2022-03-08"},
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
            {"first_name": "Tess", "last_name": "Bakker", "date_of_birth": "2013-04-04"},
            {"first_name": "Bram", "last_name": "Bakker", "date_of_birth": "2017-02-19"},
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
        "children": [{"first_name": "Jesse", "last_name": "van Rijn", "date_of_birth": "2010-03-27"}],
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
            "team mensenhandel."
        ),
        "source": "seed 002, hoofdstuk 2, 'Casus 3: kindermishandeling'; hoofdstuk 3, 'spelen met tijd'",
        "opened_on": "2025-09-22",
        "status": "open",
        "owning": {"org": "wij-jb", "team": "Team Zuid"},
        "children": [{"first_name": "Mariama", "last_name": "Touray", "date_of_birth": "2016-01-08"}],
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
            "herhaalt?"
        ),
        "source": "seed 002, hoofdstuk 3, 'spelen met tijd' (meisje van 16, weggelopen uit de gesloten jeugdzorg)",
        "opened_on": "2026-05-18",
        "status": "open",
        "owning": {"org": "wij-jb", "team": "Team Noord"},
        "children": [{"first_name": "Roos", "last_name": "Smit", "date_of_birth": "2010-01-29"}],
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
        "children": [{"first_name": "Jens", "last_name": "Verstraete", "date_of_birth": "2007-09-03"}],
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
            {"first_name": "Emma", "last_name": "Wuyts", "date_of_birth": "2016-05-06"},
            {"first_name": "Louis", "last_name": "Lambrecht", "date_of_birth": "2025-12-15"},
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
        "children": [{"first_name": "Yana", "last_name": "Van Acker", "date_of_birth": "2014-08-21"}],
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
        "children": [{"first_name": "Robbe", "last_name": "Goossens", "date_of_birth": "2009-10-12"}],
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
