"""The book-ends framework (boekensteunen): one greatest worry, one success goal, who does what; versions
kept."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.cases.models import Dossier
from kring.safety.success import services
from kring.safety.success.models import BookEnds

# Practice model §4 / seed 000, slides "Boekensteunen framework" and "Acties en wie doet wat", verbatim.
WORRY = (
    "Sasja, haar ouders en de jeugdreclassering maken zich zorgen over het welzijn van Sasja. "
    "Net zoals op de dag dat zij is opgepakt voor brandstichting. "
    "En zoals op de dag dat zij thuis alles kort en klein had geslagen en de ouders onvoldoende zicht en "
    "grip op Sasja en haar welzijn hadden. "
    "Sasja, haar ouders en de jeugdreclassering maken zich zorgen, dat als dit doorgaat, zij nieuwe "
    "delicten zal plegen en Sasja niet meer thuis kan blijven wonen."
)
GOAL = (
    "Sasja accepteert het gezag van haar ouders, laat zich begeleiden, ook als zij het niet eens met ze is. "
    "Sasja en haar ouders ervaren harmonie en rust in de thuissituatie."
)
ACTIONS = [
    ("De rechter", "geeft de jeugdzorgwerker de opdracht om het probleem thuis op te lossen"),
    ("Jeugdzorgwerker", "meldt Sasja aan bij MST voor behandeling"),
    ("Jeugdzorgwerker", "stelt de strafrechtelijke kaders"),
    ("MST, jeugdzorgwerker, jongere en ouders", "gaan met elkaar bespreken wat ze willen bereiken."),
    (
        "MST",
        "heeft de regie over de behandeling. Jeugdzorgwerker motiveert de jongere en het gezin en "
        "monitort de afspraken en de voortgang",
    ),
]


def _url(world):
    return reverse("success_overview", kwargs={"dossier_id": world.dossier.pk})


def _form():
    return {
        "greatest_worry": WORRY,
        "success_goal": GOAL,
        "actions": "\n".join(f"{who}: {what}" for who, what in ACTIONS),
    }


def test_seed_sasja_book_ends_entered_on_the_page_read_back_verbatim(world, client_for):
    client = client_for("circle_member")
    response = client.post(_url(world), _form())
    assert response.status_code == 302
    saved = BookEnds.objects.get(dossier=world.dossier)
    assert saved.greatest_worry == WORRY and saved.success_goal == GOAL
    assert [(a["who"], a["what"]) for a in saved.actions] == ACTIONS

    page = client.get(_url(world)).content.decode()
    assert WORRY in page and GOAL in page
    for who, what in ACTIONS:
        assert f'<th scope="row">{who}</th><td>{what}</td>' in page


def test_seed_sasja_book_ends_through_the_api_read_back_verbatim(world, api):
    payload = {
        "greatest_worry": WORRY,
        "success_goal": GOAL,
        "actions": [{"who": who, "what": what} for who, what in ACTIONS],
    }
    created = api("post", "api:save_book_ends", payload)
    assert created.status_code == 201, created.content
    listed = api("get", "api:list_book_ends").json()
    assert len(listed) == 1
    assert listed[0]["greatest_worry"] == WORRY and listed[0]["success_goal"] == GOAL
    assert [(a["who"], a["what"]) for a in listed[0]["actions"]] == ACTIONS
    assert listed[0]["version"] == 1


def test_seed_sasja_demo_data_has_her_book_ends(db):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # idempotent
    sasja = Dossier.objects.get(reference="KR-NL-2025-0007")
    versions = list(BookEnds.objects.filter(dossier=sasja))
    assert len(versions) == 1
    assert versions[0].greatest_worry == WORRY and versions[0].success_goal == GOAL
    assert [(a["who"], a["what"]) for a in versions[0].actions] == ACTIONS
    assert sasja.is_youth_probation
    from kring.safety.success.models import IkPlan

    assert IkPlan.objects.filter(dossier=sasja).count() == 1


def test_a_change_is_a_new_version_and_the_old_one_is_kept(world, client_for):
    client = client_for("team_lead")
    client.post(_url(world), _form())
    client.post(_url(world), {**_form(), "success_goal": "Thuis is er rust."})
    versions = list(BookEnds.objects.filter(dossier=world.dossier))
    assert [v.version for v in versions] == [2, 1]
    assert versions[0].success_goal == "Thuis is er rust." and versions[1].success_goal == GOAL
    page = client.get(_url(world)).content.decode()
    assert "Thuis is er rust." in page and GOAL in page  # the earlier version is shown too
    entry = AuditEntry.objects.filter(action="create").latest("sequence")
    assert GOAL not in str(entry.__dict__)  # field names only, never values


@pytest.mark.parametrize("persona", ["other_team", "other_org", "break_glass"])
def test_who_may_not_edit_the_book_ends_gets_404_and_nothing_is_saved(world, client_for, persona):
    response = client_for(persona).post(_url(world), _form())
    assert response.status_code == 404
    assert not BookEnds.objects.exists()


@pytest.mark.parametrize("persona", ["other_team", "other_org"])
def test_who_may_not_see_the_dossier_gets_404_on_page_and_api(world, client_for, api, persona):
    services.book_ends_save(actor=None, dossier=world.dossier, greatest_worry=WORRY, success_goal=GOAL)
    assert client_for(persona).get(_url(world)).status_code == 404
    assert api("get", "api:list_book_ends", user=world.user(persona)).status_code == 404


def test_break_glass_reads_but_sees_no_form(world, client_for):
    services.book_ends_save(actor=None, dossier=world.dossier, greatest_worry=WORRY, success_goal=GOAL)
    page = client_for("break_glass").get(_url(world)).content.decode()
    assert GOAL in page and 'name="greatest_worry"' not in page


@pytest.mark.parametrize(
    "data, message",
    [
        ({"greatest_worry": "", "success_goal": GOAL, "actions": ""}, "Schrijf de grootste zorg op."),
        ({"greatest_worry": WORRY, "success_goal": "  ", "actions": ""}, "Schrijf het succesdoel op."),
        ({"greatest_worry": WORRY, "success_goal": GOAL, "actions": "MST doet iets"}, "een dubbele punt"),
        ({"greatest_worry": WORRY, "success_goal": GOAL, "actions": "MST:   "}, "schrijf op wie het doet"),
    ],
)
def test_bad_input_on_the_page_says_what_is_wrong_and_saves_nothing(world, client_for, data, message):
    client = client_for("circle_member")
    response = client.post(_url(world), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not BookEnds.objects.exists()


def test_bad_input_in_the_api_is_a_4xx_and_saves_nothing(world, api):
    bad = api("post", "api:save_book_ends", {"greatest_worry": "", "success_goal": GOAL})
    assert bad.status_code in (400, 422)
    also_bad = api(
        "post",
        "api:save_book_ends",
        {"greatest_worry": WORRY, "success_goal": GOAL, "actions": [{"who": "MST"}]},
    )
    assert also_bad.status_code == 422
    break_glass = api(
        "post", "api:save_book_ends", {"greatest_worry": WORRY, "success_goal": GOAL}, user=world.break_glass
    )
    assert break_glass.status_code == 404
    assert not BookEnds.objects.exists()


def test_overview_query_count_does_not_grow_with_actions_or_versions(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("circle_member")
    url = _url(world)
    services.book_ends_save(actor=None, dossier=world.dossier, greatest_worry=WORRY, success_goal=GOAL)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    many = [{"who": f"Persoon {n}", "what": f"doet stap {n}"} for n in range(20)]
    for _ in range(5):
        services.book_ends_save(
            actor=None, dossier=world.dossier, greatest_worry=WORRY, success_goal=GOAL, actions=many
        )
    with CaptureQueriesContext(connection) as lots:
        assert client.get(url).status_code == 200
    assert len(lots) == len(few)


# --- the IK-plan: the young person's own plan ---------------------------------------------------------------

IK = {
    "ik-goals": "Ik wil thuis blijven wonen en geen ruzie meer met mijn moeder.",
    "ik-steps": "Als ik boos word, ga ik naar mijn kamer en bel ik opa.",
    "ik-helpers": "Opa Henk, mijn MST-therapeut",
}


def test_ik_plan_written_by_the_young_person_via_the_worker_is_recorded_as_such(world, client_for):
    from kring.safety.success.models import IkPlan

    client = client_for("circle_member")
    response = client.post(_url(world), {**IK, "ik-written_by": "worker_on_behalf"})
    assert response.status_code == 302
    plan = IkPlan.objects.get(dossier=world.dossier)
    assert plan.goals == IK["ik-goals"] and plan.written_by == "worker_on_behalf"
    assert plan.recorded_by == world.circle_member
    page = client.get(_url(world)).content.decode()
    assert IK["ik-goals"] in page and "namens de jongere" in page


def test_ik_plan_bad_input_and_no_write_for_break_glass(world, client_for, api):
    from kring.safety.success.models import IkPlan

    bad = client_for("circle_member").post(
        _url(world), {**IK, "ik-goals": " ", "ik-written_by": "young_person"}
    )
    assert bad.status_code == 400 and "Schrijf minstens één doel op" in bad.content.decode()
    assert (
        client_for("break_glass").post(_url(world), {**IK, "ik-written_by": "young_person"}).status_code
        == 404
    )
    payload = {"goals": "Geen ruzie meer.", "written_by": "young_person"}
    assert api("post", "api:save_ik_plan", payload, user=world.break_glass).status_code == 404
    assert api("post", "api:save_ik_plan", {**payload, "written_by": "de buurman"}).status_code == 422
    assert not IkPlan.objects.exists()
    assert api("post", "api:save_ik_plan", payload).status_code == 201
    assert api("get", "api:list_ik_plans").json()[0]["goals"] == "Geen ruzie meer."
